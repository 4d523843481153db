import { isUtf8 } from 'node:buffer';
import { parsePythonFloat } from './python-float.js';
import type { PointHandler } from './point-handler.js';
import { RejectReason } from './reject-reason.js';

/** how much of a bad line a log message or an error quotes */
const QUOTE_BYTES = 200;

/**
 * Streaming parser of carbon plaintext, `path value [timestamp]` per line, fed socket reads as
 * they come: a line may be split across any number of reads. Fields are separated by runs of
 * ASCII whitespace (CR included, so CRLF works); blank lines are skipped; a missing timestamp
 * or `-1` means now. A bad line is reported and skipped, never stopping the stream. A line
 * longer than `maxLineBytes` is rejected and its bytes discarded as they arrive, so memory
 * stays bounded by `maxLineBytes` whatever a sender does.
 *
 * The work is done on bytes, without regular expressions or per-field strings; a handler that
 * takes names as bytes (pointBytes) gets them without any string made per line.
 */
export class PlaintextParser {
  /** the start of a line whose end has not arrived yet */
  private partial: Buffer | null = null;
  /** inside a too-long line: drop bytes up to its newline */
  private discarding = false;
  /** lines seen so far, blank ones included: the number of the line being read */
  private lines = 0;

  /** the handler takes names as bytes (pointBytes): no string per line */
  private readonly bytesHandler: boolean;

  constructor(
    private readonly handler: PointHandler,
    private readonly maxLineBytes: number,
  ) {
    this.bytesHandler = typeof handler.pointBytes === 'function';
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.discarding || this.partial !== null) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        this.keepPartial(chunk, 0);
        return;
      }
      if (this.discarding) this.discarding = false;
      else {
        const partial = this.partial!;
        this.partial = null;
        if (partial.length + nl > this.maxLineBytes) this.tooLong(partial, ++this.lines);
        else {
          const line = Buffer.concat([partial, chunk.subarray(0, nl)]);
          this.parseLine(line, 0, line.length);
        }
      }
      start = nl + 1;
    }
    const max = this.maxLineBytes;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      if (nl - start > max) this.tooLong(chunk.subarray(start, nl), ++this.lines);
      else this.parseLine(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.keepPartial(chunk, start);
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    const partial = this.partial;
    this.partial = null;
    this.discarding = false;
    if (partial !== null) this.parseLine(partial, 0, partial.length);
  }

  /** Forgets an unfinished line (the sender went away mid-line). */
  reset(): void {
    this.partial = null;
    this.discarding = false;
  }

  private keepPartial(chunk: Uint8Array, from: number): void {
    if (this.discarding) return;
    const have = this.partial === null ? 0 : this.partial.length;
    if (have + chunk.length - from > this.maxLineBytes) {
      this.tooLong(this.partial ?? chunk.subarray(from), ++this.lines);
      this.partial = null;
      this.discarding = true;
      return;
    }
    // copied: the socket's buffer is not ours to keep
    const tail = Buffer.from(chunk.subarray(from));
    this.partial = this.partial === null ? tail : Buffer.concat([this.partial, tail]);
  }

  private tooLong(start: Uint8Array, lineNumber: number): void {
    this.handler.reject(RejectReason.TooLong, quote(start, 0, start.length), lineNumber);
  }

  private parseLine(buf: Uint8Array, start: number, end: number): void {
    const lineNumber = ++this.lines;
    let i = start;
    while (i < end && isSpace(buf[i])) i++;
    if (i === end) return; // blank

    const nameStart = i;
    let high = 0; // any byte >= 0x80: the name needs UTF-8 decoding and checking
    while (i < end && !isSpace(buf[i])) high |= buf[i++];
    const nameEnd = i;
    while (i < end && isSpace(buf[i])) i++;
    const valueStart = i;
    while (i < end && !isSpace(buf[i])) i++;
    const valueEnd = i;
    while (i < end && isSpace(buf[i])) i++;
    const tsStart = i;
    while (i < end && !isSpace(buf[i])) i++;
    const tsEnd = i;
    while (i < end && isSpace(buf[i])) i++;
    if (valueStart === valueEnd || i !== end) {
      this.handler.reject(RejectReason.Fields, quote(buf, start, end), lineNumber);
      return;
    }

    const value = parsePythonFloat(buf, valueStart, valueEnd);
    if (value === undefined) {
      this.handler.reject(RejectReason.Value, quote(buf, start, end), lineNumber);
      return;
    }
    let timestamp = -1;
    if (tsStart !== tsEnd) {
      timestamp = parseTimestamp(buf, tsStart, tsEnd);
      if (timestamp !== timestamp) {
        this.handler.reject(RejectReason.Timestamp, quote(buf, start, end), lineNumber);
        return;
      }
    }
    if (high >= 0x80 && !isUtf8(buf.subarray(nameStart, nameEnd))) {
      this.handler.reject(RejectReason.Encoding, quote(buf, start, end), lineNumber);
      return;
    }
    if (this.bytesHandler) this.handler.pointBytes!(buf, nameStart, nameEnd, value, timestamp, lineNumber);
    else {
      const name = high < 0x80 ? decoders.latin1Slice.call(buf, nameStart, nameEnd) : decoders.utf8Slice.call(buf, nameStart, nameEnd);
      this.handler.point(name, value, timestamp, lineNumber);
    }
  }
}

/** Python's str.split() whitespace within ASCII: \t \n \v \f \r, \x1c-\x1f and space */
function isSpace(c: number): boolean {
  return c === 0x20 || (c <= 0x1f && (c >= 0x1c || (c >= 0x09 && c <= 0x0d)));
}

/**
 * Seconds as carbon takes them: int(float(text)), so `1795316580.9` is 1795316580 and `-1`
 * (or anything that truncates to it) means now. NaN when it is not a finite number.
 */
function parseTimestamp(buf: Uint8Array, start: number, end: number): number {
  // the usual case, up to 15 plain digits
  if (end - start <= 15) {
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const c = buf[i] - 0x30;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    if (i === end) return n;
  }
  const t = parsePythonFloat(buf, start, end);
  if (t === undefined || !Number.isFinite(t)) return NaN;
  return Math.trunc(t) || 0; // no -0
}

/** Buffer's own decoders, which toString() dispatches to after checking its arguments */
const decoders = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
};


function quote(buf: Uint8Array, start: number, end: number): string {
  const cut = Math.min(end, start + QUOTE_BYTES);
  const text = decoders.utf8Slice.call(buf, start, cut).replace(/\r$/, '');
  return cut < end ? `${text}...` : text;
}

