import { BitReader, BitWriter, ChunkFormatError } from './bits.js';
import { HI, LO } from './float-bits.js';

/**
 * An adaptive code for a sequence of integers (timestamps in units of the step, decimal values
 * scaled to integers), with room for verbatim float64 "exceptions" in between.
 *
 * Each integer is predicted from the previous ones, either as the previous value (delta) or as
 * the previous value plus the previous delta (delta-of-delta); encoder and decoder both keep a
 * decaying cost of each predictor and use the cheaper one, so random walks get delta coding and
 * counters delta-of-delta without any side information. The residual is zigzag-mapped and
 * written as an adaptive Rice code (parameter from the running mean, as in LOCO-I). After a zero
 * residual the stream enters run mode: runs of zero residuals cost one bit per 2^J of them, J
 * growing while runs continue, so regular timestamps and flat values cost almost nothing.
 *
 * Layout of one point:
 *   first integer:   0, 6-bit length L, L bits of zigzag(x)        (or 1, 64 bits: exception)
 *   regular mode:    Rice(z): q zero bits, a one bit, k low bits    (q >= QLIMIT: escape)
 *   escape:          QLIMIT zero bits, then 0, 6-bit L, L bits of z  |  1, 64 bits (exception)
 *   run mode:        1 = 2^J zero residuals (fewer only at the end of the stream);
 *                    0, J bits m = m zero residuals then an interrupting point coded as
 *                    Rice(z - 1) (it is not zero), or an exception.
 */

/** Largest magnitude of an integer in the stream: keeps every residual and zigzag exact. */
export const MAX_STREAM_INT = 2 ** 49;

/** Unary quotient at which a Rice code gives up and escapes to an explicit length. */
const QLIMIT = 20;
/** Run segment exponent by run index: short runs first, up to 2^15 points per bit. */
const RUN_J = Uint8Array.of(0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15);
const MAX_RUN_INDEX = RUN_J.length - 1;
/** Rice statistics are halved after this many points, so the code follows changes. */
const RICE_RESET = 64;
const MAX_RICE_K = 50;
/** predictor costs decay by 1/16 per point; a residual counts at most this much */
const COST_CAP = 1 << 24;

const POW2: number[] = Array.from({ length: 64 }, (_, i) => 2 ** i);

/** Bits needed for a non-negative safe integer (0 for 0). */
export function bitLength(z: number): number {
  return z < 4294967296 ? 32 - Math.clz32(z) : 32 + (32 - Math.clz32(Math.floor(z / 4294967296)));
}

function zigzag(r: number): number {
  return r >= 0 ? r * 2 : -r * 2 - 1;
}

function unzigzag(z: number): number {
  if (z < 2147483648) return z & 1 ? -((z + 1) >>> 1) : z >>> 1;
  const half = Math.floor(z / 2);
  return z - half * 2 === 1 ? -(half + 1) : half;
}

/** Predictor and Rice-parameter state, shared in shape by encoder and decoder. */
class StreamState {
  started = false;
  prev = 0;
  delta = 0;
  /** decaying costs of the delta (c1) and delta-of-delta (c2) predictors */
  c1 = 0;
  c2 = 0;
  riceSum = 2;
  riceCount = 1;
  k = 0;
  runMode = false;
  runIndex = 0;

  /** Updates the predictors after value x. */
  advance(x: number): void {
    const d = x - this.prev;
    const r2 = d - this.delta;
    const a1 = d < 0 ? -d : d;
    const a2 = r2 < 0 ? -r2 : r2;
    this.c1 = this.c1 - (this.c1 >> 4) + (a1 < COST_CAP ? a1 : COST_CAP);
    this.c2 = this.c2 - (this.c2 >> 4) + (a2 < COST_CAP ? a2 : COST_CAP);
    this.delta = d;
    this.prev = x;
  }

  predict(): number {
    return this.c2 < this.c1 ? this.prev + this.delta : this.prev;
  }

  /** Learns from a regular-mode residual z and sets the Rice parameter for the next one. */
  learn(z: number): void {
    let sum = this.riceSum + z;
    let n = this.riceCount + 1;
    if (n === RICE_RESET) {
      sum = Math.floor(sum / 2);
      n >>= 1;
    }
    this.riceSum = sum;
    this.riceCount = n;
    let k = this.k;
    while (k > 0 && n * POW2[k - 1] >= sum) k--;
    while (k < MAX_RICE_K && n * POW2[k] < sum) k++;
    this.k = k;
  }
}

export class IntStreamEncoder {
  private readonly s = new StreamState();
  /** zero residuals of the current run not yet written (fewer than 2^J) */
  private runCount = 0;

  constructor(readonly out: BitWriter = new BitWriter()) {}

  /** x: an integer with |x| <= MAX_STREAM_INT (checked by the caller). */
  appendInt(x: number): void {
    const s = this.s;
    const out = this.out;
    if (!s.started) {
      s.started = true;
      out.writeBit(0);
      const z = zigzag(x);
      const len = bitLength(z);
      out.write(len, 6);
      out.writeWide(z, len);
      s.prev = x;
      return;
    }
    const r = x - s.predict();
    if (s.runMode) {
      if (r === 0) {
        const j = RUN_J[s.runIndex];
        if (++this.runCount === 1 << j) {
          out.writeBit(1);
          this.runCount = 0;
          if (s.runIndex < MAX_RUN_INDEX) s.runIndex++;
        }
        s.advance(x);
        return;
      }
      this.interruptRun();
      const z = zigzag(r);
      this.writeRice(z - 1, s.k);
      s.learn(z);
      s.advance(x);
      return;
    }
    const z = zigzag(r);
    this.writeRice(z, s.k);
    s.learn(z);
    if (z === 0) s.runMode = true;
    s.advance(x);
  }

  /** A float64 kept verbatim (bits hi:lo); the integer predictors do not see it. */
  appendException(hi: number, lo: number): void {
    const s = this.s;
    const out = this.out;
    if (!s.started) {
      out.writeBit(1);
    } else {
      if (s.runMode) this.interruptRun();
      out.write(0, QLIMIT);
      out.writeBit(1);
    }
    out.write(hi, 32);
    out.write(lo, 32);
  }

  /** True when a finished copy must end with one more bit: the partial run's closing `1`. */
  get pendingRunBit(): boolean {
    return this.s.runMode && this.runCount > 0;
  }

  private interruptRun(): void {
    const s = this.s;
    const j = RUN_J[s.runIndex];
    this.out.writeBit(0);
    this.out.write(this.runCount, j);
    this.runCount = 0;
    if (s.runIndex > 0) s.runIndex--;
    s.runMode = false;
  }

  private writeRice(z: number, k: number): void {
    const out = this.out;
    const q = k < 31 && z < 2147483648 ? z >>> k : Math.floor(z / POW2[k]);
    if (q < QLIMIT) {
      out.write(1, q + 1);
      if (k !== 0) out.writeWide(z - q * POW2[k], k);
    } else {
      out.write(0, QLIMIT);
      out.writeBit(0);
      const len = bitLength(z);
      out.write(len, 6);
      out.writeWide(z, len);
    }
  }
}

/**
 * Where a decoder puts the exceptions it meets: positions and the two words of each value.
 * Words, not numbers: V8 quiets signalling NaNs stored in plain arrays, and every bit must stay.
 */
export class ExceptionList {
  positions: number[] = [];
  his: number[] = [];
  los: number[] = [];
  get length(): number {
    return this.positions.length;
  }
  clear(): void {
    this.positions.length = 0;
    this.his.length = 0;
    this.los.length = 0;
  }
  /** Writes each exception into `out` at its position, bit for bit. */
  patch(out: Float64Array): void {
    const n = this.positions.length;
    if (n === 0) return;
    const words = new Uint32Array(out.buffer, out.byteOffset, out.length * 2);
    for (let j = 0; j < n; j++) {
      const at = this.positions[j] * 2;
      words[at + HI] = this.his[j];
      words[at + LO] = this.los[j];
    }
  }
}

/**
 * Decodes `count` points into out[at, at + count): integers as they are, exceptions as NaN with
 * their value pushed to `exceptions` (null: the stream may not hold any).
 */
export function decodeIntStream(
  reader: BitReader,
  count: number,
  out: Float64Array,
  at: number,
  exceptions: ExceptionList | null,
  what: string,
): void {
  const s = new StreamState();
  const end = at + count;
  let i = at;
  while (i < end) {
    if (!s.started) {
      if (reader.readBit() === 1) {
        takeException(reader, exceptions, i, out, what);
      } else {
        const len = reader.read(6);
        if (len > 53) throw new ChunkFormatError(`chunk ${what} has a bad integer length`);
        const x = unzigzag(reader.readWide(len));
        s.started = true;
        s.prev = x;
        out[i] = x;
      }
      i++;
      continue;
    }
    if (s.runMode) {
      let zeros: number;
      const full = reader.readBit() === 1;
      const j = RUN_J[s.runIndex];
      if (full) {
        zeros = Math.min(1 << j, end - i);
        if (s.runIndex < MAX_RUN_INDEX) s.runIndex++;
      } else {
        zeros = j === 0 ? 0 : reader.read(j);
        if (zeros >= end - i) throw new ChunkFormatError(`chunk ${what} has a run past its end`);
        if (s.runIndex > 0) s.runIndex--;
        s.runMode = false;
      }
      for (let n = 0; n < zeros; n++) {
        const x = s.predict();
        out[i++] = x;
        s.advance(x);
      }
      if (full) continue;
      // the interrupting point: a non-zero residual, or an exception
      const z = readRice(reader, s.k, what);
      if (z < 0) takeException(reader, exceptions, i, out, what);
      else {
        const zz = z + 1;
        const x = s.predict() + unzigzag(zz);
        s.learn(zz);
        out[i] = x;
        s.advance(x);
      }
      i++;
      if (reader.pos > reader.end) break;
      continue;
    }
    const z = readRice(reader, s.k, what);
    if (z < 0) takeException(reader, exceptions, i, out, what);
    else {
      const x = s.predict() + unzigzag(z);
      s.learn(z);
      if (z === 0) s.runMode = true;
      out[i] = x;
      s.advance(x);
    }
    i++;
    // a corrupt stream reads zeros past its end; stop early rather than spin on them
    if (reader.pos > reader.end) break;
  }
  reader.checkEnd(what);
}

/** A Rice-coded residual, or -1 when an exception follows. */
function readRice(reader: BitReader, k: number, what: string): number {
  const window = reader.peek32();
  const q = Math.clz32(window);
  if (q < QLIMIT) {
    reader.pos += q + 1;
    return k === 0 ? q : q * POW2[k] + reader.readWide(k);
  }
  reader.pos += QLIMIT;
  if (reader.readBit() === 1) return -1;
  const len = reader.read(6);
  if (len > 53) throw new ChunkFormatError(`chunk ${what} has a bad residual length`);
  return reader.readWide(len);
}

function takeException(reader: BitReader, exceptions: ExceptionList | null, i: number, out: Float64Array, what: string): void {
  if (exceptions === null) throw new ChunkFormatError(`chunk ${what} holds a float where only integers may be`);
  exceptions.positions.push(i);
  exceptions.his.push(reader.read(32));
  exceptions.los.push(reader.read(32));
  out[i] = NaN;
}
