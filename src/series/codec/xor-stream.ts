import { BitReader, BitWriter } from './bits.js';
import { HI, LO } from './float-bits.js';

/**
 * The general float64 scheme: each value XORed with the previous one (Gorilla), with the
 * control codes of Chimp: leading zeros rounded to one of eight lengths (3 bits), and XORs with
 * many trailing zeros written as an explicit centre.
 *
 *   00                 same value as the previous one
 *   01 LLL CCCCCC ...  more than 6 trailing zeros: leading-zero class, centre length, centre bits
 *   10 ...             same leading-zero class as the previous XOR: the 64 - lead low bits
 *   11 LLL ...         new leading-zero class, then the 64 - lead low bits
 * The first value is its 64 bits.
 */

/** leading zeros -> class (0..7) and class -> leading zeros it stands for */
const LEAD_CLASS = new Uint8Array(65);
const CLASS_LEAD = Uint8Array.of(0, 8, 12, 16, 18, 20, 22, 24);
for (let lead = 0; lead <= 64; lead++) {
  let c = 0;
  while (c < 7 && CLASS_LEAD[c + 1] <= lead) c++;
  LEAD_CLASS[lead] = c;
}
const TRAILING_THRESHOLD = 6;

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Writes the low n bits (n <= 64) of hi:lo. */
function writeLow64(out: BitWriter, hi: number, lo: number, n: number): void {
  if (n > 32) {
    out.write(n === 64 ? hi : hi & ((1 << (n - 32)) - 1), n - 32);
    out.write(lo, 32);
  } else if (n === 32) out.write(lo, 32);
  else out.write(lo & ((1 << n) - 1), n);
}

/** The stream is its own BitWriter (one object per column). */
export class XorStreamEncoder extends BitWriter {
  private started = false;
  private prevHi = 0;
  private prevLo = 0;
  private prevClass = -1;

  constructor(capacityWords = 0) {
    super(capacityWords);
  }

  append(hi: number, lo: number): void {
    if (!this.started) {
      this.started = true;
      this.write(hi, 32);
      this.write(lo, 32);
      this.prevHi = hi;
      this.prevLo = lo;
      return;
    }
    const xh = (hi ^ this.prevHi) >>> 0;
    const xl = (lo ^ this.prevLo) >>> 0;
    this.prevHi = hi;
    this.prevLo = lo;
    if (xh === 0 && xl === 0) {
      this.write(0, 2);
      return;
    }
    const lead = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const trail = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
    const cls = LEAD_CLASS[lead];
    const rlead = CLASS_LEAD[cls];
    if (trail > TRAILING_THRESHOLD) {
      const centre = 64 - rlead - trail;
      this.write(0b01, 2);
      this.write(cls, 3);
      this.write(centre, 6);
      // shift the XOR right by `trail` and write its low `centre` bits
      let sh: number;
      let sl: number;
      if (trail >= 32) {
        sh = 0;
        sl = xh >>> (trail - 32);
      } else {
        sh = xh >>> trail;
        sl = trail === 0 ? xl : ((xl >>> trail) | (xh << (32 - trail))) >>> 0;
      }
      writeLow64(this, sh, sl, centre);
      this.prevClass = cls;
      return;
    }
    if (cls === this.prevClass) {
      this.write(0b10, 2);
    } else {
      this.write(0b11, 2);
      this.write(cls, 3);
      this.prevClass = cls;
    }
    writeLow64(this, xh, xl, 64 - rlead);
  }
}

/** Decodes `count` values into out[at, at + count). */
export function decodeXorStream(reader: BitReader, count: number, out: Float64Array, at: number, what: string): void {
  if (count === 0) return;
  // written as words: exact for every bit pattern, NaN payloads included
  const words = new Uint32Array(out.buffer, out.byteOffset, out.length * 2);
  let hi = reader.read(32);
  let lo = reader.read(32);
  words[at * 2 + HI] = hi;
  words[at * 2 + LO] = lo;
  let prevClass = -1;
  const end = at + count;
  for (let i = at + 1; i < end; i++) {
    const ctl = reader.read(2);
    if (ctl === 0) {
      words[i * 2 + HI] = hi;
      words[i * 2 + LO] = lo;
      continue;
    }
    let xh: number;
    let xl: number;
    if (ctl === 1) {
      const cls = reader.read(3);
      const centre = reader.read(6);
      const trail = 64 - CLASS_LEAD[cls] - centre;
      if (centre === 0 || trail < 0) {
        // an encoder never writes these; reading on would misplace every later bit
        reader.pos = reader.end + 1;
        break;
      }
      let ch = 0;
      let cl: number;
      if (centre > 32) {
        ch = reader.read(centre - 32);
        cl = reader.read(32);
      } else cl = reader.read(centre);
      // shift the centre left by `trail`
      if (trail >= 32) {
        xh = trail === 64 ? 0 : (cl << (trail - 32)) >>> 0;
        xl = 0;
      } else if (trail === 0) {
        xh = ch;
        xl = cl;
      } else {
        xh = ((ch << trail) | (cl >>> (32 - trail))) >>> 0;
        xl = (cl << trail) >>> 0;
      }
      prevClass = cls;
    } else {
      if (ctl === 3) prevClass = reader.read(3);
      else if (prevClass < 0) {
        reader.pos = reader.end + 1;
        break;
      }
      const n = 64 - CLASS_LEAD[prevClass];
      if (n > 32) {
        xh = reader.read(n - 32);
        xl = reader.read(32);
      } else {
        xh = 0;
        xl = reader.read(n);
      }
    }
    hi = (hi ^ xh) >>> 0;
    lo = (lo ^ xl) >>> 0;
    words[i * 2 + HI] = hi;
    words[i * 2 + LO] = lo;
  }
  reader.checkEnd(what);
}
