/** Unsigned LEB128 for integers up to 2^53 (arithmetic, not 32-bit bit operations). */
export function writeVarint(buf: Buffer, p: number, n: number): number {
  while (n >= 0x80) {
    buf[p++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  buf[p++] = n;
  return p;
}

export function readVarint(buf: Buffer, pos: { p: number }): number {
  let n = 0;
  let scale = 1;
  for (;;) {
    if (pos.p >= buf.length) throw new Error('write-ahead log record ends inside a number');
    const b = buf[pos.p++];
    n += (b & 0x7f) * scale;
    if (b < 0x80) return n;
    scale *= 0x80;
  }
}
