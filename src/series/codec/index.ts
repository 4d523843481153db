/** The chunk codec: raw and rollup chunks, and their header. */
export { RawChunkEncoder, decodeRaw, decodeRawInto, RAW_ENCODER_OVERHEAD, type DecodedRaw } from './raw.js';
export { RollupChunkEncoder, decodeRollup, ROLLUP_ENCODER_OVERHEAD, type DecodedRollup } from './rollup.js';
export { readChunkHeader, FORMAT_VERSION, MAX_CHUNK_POINTS, type ChunkHeader } from './chunk-format.js';
export { ChunkFormatError } from './chunk-error.js';
