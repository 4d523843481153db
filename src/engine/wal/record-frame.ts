import { crc32 } from 'node:zlib';

/**
 * How one record sits in a segment: u32 LE payload length, u32 LE crc32 of the payload, then the
 * payload. A length of 0 is never written, so a zero-filled tail (what some filesystems show
 * after a crash past the last flushed byte) reads as corrupt, not as empty records.
 */
export const FRAME_HEADER_BYTES = 8;

export function writeFrameHeader(header: Buffer, payload: Uint8Array): void {
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
}

export interface SegmentScan {
  records: number;
  /** bytes from the start of the segment up to the end of its last good record */
  validBytes: number;
  /** why the scan stopped before the end of the data, if it did */
  problem?: string;
}

/**
 * Walks the records of one segment's bytes, in order, until the end or the first record that is
 * cut short or fails its checksum. Payloads handed to `fn` are views into `bytes`.
 */
export function scanFrames(bytes: Uint8Array, fn: (payload: Uint8Array) => void): SegmentScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  let records = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < FRAME_HEADER_BYTES) return { records, validBytes: offset, problem: 'record header cut short' };
    const length = view.getUint32(offset, true);
    const checksum = view.getUint32(offset + 4, true);
    if (length === 0) return { records, validBytes: offset, problem: 'record of length 0' };
    const start = offset + FRAME_HEADER_BYTES;
    if (length > bytes.length - start) return { records, validBytes: offset, problem: 'record payload cut short' };
    const payload = bytes.subarray(start, start + length);
    if (crc32(payload) !== checksum) return { records, validBytes: offset, problem: 'record checksum mismatch' };
    fn(payload);
    records++;
    offset = start + length;
  }
  return { records, validBytes: offset };
}
