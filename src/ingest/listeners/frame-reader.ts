/**
 * Splits a byte stream into frames of a 4-byte big-endian length and that many bytes (carbon's
 * pickle protocol, Twisted's Int32StringReceiver). A frame within one read is a view of it,
 * with no copy; a frame spread over reads is joined once, when complete.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** length of the frame being read, -1 while its header is incomplete */
  private frameLength = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** bytes held of an incomplete header or frame */
  get pendingBytes(): number {
    return this.buffered + (this.frameLength >= 0 ? 4 : 0);
  }

  /**
   * Adds one read and hands every frame it completes to `onFrame`, synchronously.
   * Returns the length a header announced when it is over the limit (the stream cannot be
   * trusted after that), otherwise -1.
   */
  push(chunk: Buffer, onFrame: (frame: Buffer) => void): number {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.frameLength < 0) {
        if (this.buffered < 4) return -1;
        const length = this.take(4).readUInt32BE(0);
        if (length > this.maxFrameBytes) {
          this.clear();
          return length;
        }
        this.frameLength = length;
      }
      if (this.buffered < this.frameLength) return -1;
      const frame = this.take(this.frameLength);
      this.frameLength = -1;
      onFrame(frame);
    }
  }

  clear(): void {
    this.chunks = [];
    this.buffered = 0;
    this.frameLength = -1;
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    while (this.chunks[0].length === 0) this.chunks.shift();
    const first = this.chunks[0];
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0];
        const k = Math.min(c.length, n - filled);
        c.copy(out, filled, 0, k);
        filled += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    return out;
  }
}
