/**
 * A request that goes past one of the render caps (series, points, time): answered with a 4xx
 * naming the cap and its setting, never a 500.
 */
export class RenderLimitError extends Error {
  override readonly name = 'RenderLimitError';
  constructor(
    message: string,
    /** the configuration key that sets the cap */
    readonly setting: string,
    readonly status = 422,
  ) {
    super(`${message} (limit set by ${setting})`);
  }
}
