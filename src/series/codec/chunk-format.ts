import { crc32 } from 'node:zlib';
import { ChunkFormatError } from './chunk-error.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { MAX_STREAM_INT } from './int-stream.js';

/**
 * The frame around a chunk's columns:
 *   byte    format version (FORMAT_VERSION)
 *   byte    encoding: 1 raw, 2 rollup (ChunkEncoding of src/series/types.ts)
 *   varint  step
 *   sign byte + varint  windowStart
 *   varint  count
 *   varint  first timestamp - windowStart, varint  last - first      (only when count > 0)
 *   columns: timestamps, then the value columns of the encoding
 *   4 bytes CRC-32 (big-endian) of everything before it
 * The CRC makes any damage a clear error instead of wrong numbers.
 */
export const FORMAT_VERSION = 1;
export const RAW_ENCODING = 1;
export const ROLLUP_ENCODING = 2;

/** Most points one chunk may hold (a day at one point per second is 86 400). */
export const MAX_CHUNK_POINTS = 1 << 24;

export interface ChunkHeader {
  readonly version: number;
  /** 1 raw, 2 rollup */
  readonly encoding: number;
  readonly step: number;
  readonly windowStart: number;
  readonly count: number;
  /** NaN when the chunk is empty */
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
}

export function checkWindow(windowStart: number, step: number): void {
  if (!Number.isSafeInteger(windowStart)) throw new RangeError(`chunk windowStart must be a safe integer, got ${windowStart}`);
  if (!Number.isSafeInteger(step) || step < 1 || step > MAX_STREAM_INT) throw new RangeError(`chunk step must be a positive integer, got ${step}`);
}

/** Throws unless ts can follow `last` (NaN: none yet) in a chunk starting at windowStart. */
export function timestampError(ts: number, windowStart: number, last: number, count: number): RangeError {
  if (!Number.isInteger(ts)) return new RangeError(`timestamp ${ts} is not an integer`);
  if (ts < windowStart) return new RangeError(`timestamp ${ts} is before the chunk window start ${windowStart}`);
  if (ts < last) return new RangeError(`timestamp ${ts} is before the previous one (${last}); timestamps must not decrease`);
  if (ts - windowStart > MAX_STREAM_INT) return new RangeError(`timestamp ${ts} is too far (over 2^49 s) after the window start ${windowStart}`);
  if (count >= MAX_CHUNK_POINTS) return new RangeError(`a chunk holds at most ${MAX_CHUNK_POINTS} points`);
  return new RangeError(`timestamp ${ts} cannot be appended`);
}

export function writeHeader(out: ByteWriter, encoding: number, step: number, windowStart: number, count: number, first: number, last: number): void {
  out.byte(FORMAT_VERSION);
  out.byte(encoding);
  out.varint(step);
  out.svarint(windowStart);
  out.varint(count);
  if (count > 0) {
    out.varint(first - windowStart);
    out.varint(last - first);
  }
}

export function seal(out: ByteWriter): Uint8Array {
  appendChecksum(out, 0);
  return out.result();
}

/** Ends the chunk written in `out` from `from` on with its CRC-32. */
export function appendChecksum(out: ByteWriter, from: number): void {
  const sum = crc32(out.bytes.subarray(from, out.length));
  out.ensure(4);
  const b = out.bytes;
  const n = out.length;
  b[n] = sum >>> 24;
  b[n + 1] = sum >>> 16;
  b[n + 2] = sum >>> 8;
  b[n + 3] = sum;
  out.length = n + 4;
}

function parseHeader(input: ByteReader): ChunkHeader {
  const version = input.byte('format version');
  if (version !== FORMAT_VERSION) throw new ChunkFormatError(`unknown chunk format version ${version}`);
  const encoding = input.byte('encoding');
  if (encoding !== RAW_ENCODING && encoding !== ROLLUP_ENCODING) throw new ChunkFormatError(`unknown chunk encoding ${encoding}`);
  const step = input.varint('step');
  const windowStart = input.svarint('window start');
  const count = input.varint('count');
  if (step < 1) throw new ChunkFormatError('chunk step is zero');
  if (count > MAX_CHUNK_POINTS) throw new ChunkFormatError(`chunk count ${count} is over ${MAX_CHUNK_POINTS}`);
  let firstTimestamp = NaN;
  let lastTimestamp = NaN;
  if (count > 0) {
    firstTimestamp = windowStart + input.varint('first timestamp');
    lastTimestamp = firstTimestamp + input.varint('last timestamp');
  }
  return { version, encoding, step, windowStart, count, firstTimestamp, lastTimestamp };
}

/**
 * The header of a chunk, without decoding its columns nor checking its CRC (cheap: a few
 * varints). Throws ChunkFormatError when the header itself is malformed.
 */
export function readChunkHeader(data: Uint8Array): ChunkHeader {
  return parseHeader(new ByteReader(data, 0, Math.max(0, data.length - 4)));
}

/** Checks the CRC and the header of a chunk of the given encoding; returns a reader at its first column. */
export function openChunk(data: Uint8Array, encoding: number, what: string): { header: ChunkHeader; input: ByteReader } {
  if (!(data instanceof Uint8Array)) throw new ChunkFormatError(`${what} chunk must be a Uint8Array`);
  if (data.length < 9) throw new ChunkFormatError(`${what} chunk is truncated (${data.length} bytes)`);
  const end = data.length - 4;
  const stored = ((data[end] << 24) | (data[end + 1] << 16) | (data[end + 2] << 8) | data[end + 3]) >>> 0;
  if (crc32(data.subarray(0, end)) !== stored) throw new ChunkFormatError(`${what} chunk is corrupt or truncated (checksum mismatch)`);
  const input = new ByteReader(data, 0, end);
  const header = parseHeader(input);
  if (header.encoding !== encoding) {
    throw new ChunkFormatError(`expected a ${what} chunk, got encoding ${header.encoding}`);
  }
  return { header, input };
}

/** Throws unless every byte of the chunk was used. */
export function closeChunk(input: ByteReader, what: string): void {
  if (input.pos !== input.end) throw new ChunkFormatError(`${what} chunk has ${input.end - input.pos} unexpected trailing bytes`);
}
