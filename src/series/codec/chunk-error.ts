/** Thrown for any chunk that cannot be decoded as written: truncated, damaged or of an unknown format. */
export class ChunkFormatError extends Error {
  override name = 'ChunkFormatError';
}
