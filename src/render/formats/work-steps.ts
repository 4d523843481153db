/**
 * Points a serialiser writes between two steps of its work (WorkSlicer.run decides at each
 * step whether the request's slice of the event loop is spent): a few milliseconds of writing.
 */
export const POINTS_PER_STEP = 16_384;
