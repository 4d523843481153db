import type { RejectReason } from './reject-reason.js';

/** Where a protocol decoder sends what it reads. */
export interface PointHandler {
  /**
   * `timestamp` is whole seconds (truncated as carbon's int() does), or -1 for "now";
   * `position` as for reject()
   */
  point(name: string, value: number, timestamp: number, position: number): void;
  /**
   * Optional: point() with the name as UTF-8 bytes buf[start, end) (already checked to be valid
   * UTF-8), for a decoder reading bytes; `buf` is not kept.
   */
  pointBytes?(buf: Uint8Array, start: number, end: number, value: number, timestamp: number, position: number): void;
  /**
   * `text` quotes the offending input for a log line or an error; `position` counts from 1:
   * the line of a plaintext stream, the item of a pickle frame or a JSON body.
   */
  reject(reason: RejectReason, text: string, position: number): void;
}
