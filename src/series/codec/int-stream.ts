import { BitReader, BitWriter } from './bits.js';
import { ChunkFormatError } from './chunk-error.js';
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
const QLIMIT = 12;
/** Largest run segment exponent J: one bit stands for at most 2^15 zero residuals. */
const MAX_RUN_J = 15;
/** Rice statistics are halved after this many points, so the code follows changes. */
const RICE_RESET = 64;
const MAX_RICE_K = 50;
/** predictor costs decay by 1/16 per point; a residual counts at most this much */
const COST_CAP = 1 << 24;

/** the int32 decode's bounds: values below 2^28, residuals and the Rice sum below 2^30 */
const FAST_LIMIT = 0x10000000;
const FAST_SUM_LIMIT = 0x40000000;

const POW2: number[] = Array.from({ length: 64 }, (_, i) => 2 ** i);

/** Bits needed for a non-negative safe integer (0 for 0). */
export function bitLength(z: number): number {
  return z < 4294967296 ? 32 - Math.clz32(z) : 32 + (32 - Math.clz32(Math.floor(z / 4294967296)));
}

function zigzag(r: number): number {
  // branch-free for the usual small residual (random signs defeat branch prediction)
  if (r >= -1073741824 && r < 1073741824) return ((r << 1) ^ (r >> 31)) >>> 0;
  return r >= 0 ? r * 2 : -r * 2 - 1;
}

function unzigzag(z: number): number {
  if (z < 2147483648) return z & 1 ? -((z + 1) >>> 1) : z >>> 1;
  const half = Math.floor(z / 2);
  return z - half * 2 === 1 ? -(half + 1) : half;
}

/** The smallest k with n * 2^k >= sum, searched from the previous k (it moves by a step or two). */
function nextRiceK(k: number, sum: number, n: number): number {
  if (sum < 1073741824 && k <= 24) {
    // integer shifts: n < 64, k <= 24, and every n << k tried stays below 2 * sum < 2^31
    while (k > 0 && n << (k - 1) >= sum) k--;
    while (n << k < sum) k++;
    return k;
  }
  return nextWideRiceK(k, sum, n);
}

/** nextRiceK for large residuals (kept apart so the common path stays small enough to inline). */
function nextWideRiceK(k: number, sum: number, n: number): number {
  while (k > 0 && n * POW2[k - 1] >= sum) k--;
  while (k < MAX_RICE_K && n * POW2[k] < sum) k++;
  return k;
}

/** The stream is its own BitWriter: one object per column keeps hot chunks small. */
export class IntStreamEncoder extends BitWriter {
  private started = false;
  private prev = 0;
  private delta = 0;
  /** decaying costs of the delta (c1) and delta-of-delta (c2) predictors */
  private c1 = 0;
  private c2 = 0;
  private riceSum = 2;
  private riceCount = 1;
  private k = 0;
  private runMode = false;
  /** J: the current run segment is 2^J zero residuals; a full segment doubles it, an interrupted one halves it */
  private runJ = 0;
  /** zero residuals of the current run not yet written (fewer than 2^J) */
  private runCount = 0;

  constructor(capacityWords = 0) {
    super(capacityWords);
  }

  // Hot methods stay small and rare paths live in methods of their own: a chunk encoder inlines
  // this stream twice (timestamps and values), and V8's inlining budget is soon spent.

  /** x: an integer with |x| <= MAX_STREAM_INT (checked by the caller). */
  appendInt(x: number): void {
    if (!this.started) {
      this.appendFirst(x);
      return;
    }
    const prev = this.prev;
    const delta = this.delta;
    const c1 = this.c1;
    const c2 = this.c2;
    const r = x - (c2 < c1 ? prev + delta : prev);
    // the predictors learn from every point
    const d = x - prev;
    this.c1 = c1 - (c1 >> 4) + Math.min(Math.abs(d), COST_CAP);
    this.c2 = c2 - (c2 >> 4) + Math.min(Math.abs(d - delta), COST_CAP);
    this.delta = d;
    this.prev = x;
    if (r === 0 && this.runMode) this.extendRun();
    else this.appendResidual(r);
  }

  private extendRun(): void {
    if (++this.runCount === 1 << this.runJ) {
      this.writeBit(1);
      this.runCount = 0;
      if (this.runJ < MAX_RUN_J) this.runJ++;
    }
  }

  private appendResidual(r: number): void {
    const z = zigzag(r);
    if (this.runMode) {
      // a run ends at a non-zero residual: it is written minus one
      this.interruptRun();
      this.writeRice(z - 1, this.k);
    } else {
      this.writeRice(z, this.k);
      if (z === 0) this.runMode = true;
    }
    this.learn(z);
  }

  /** A float64 kept verbatim (bits hi:lo); the integer predictors do not see it. */
  appendException(hi: number, lo: number): void {
    if (!this.started) {
      this.writeBit(1);
    } else {
      if (this.runMode) this.interruptRun();
      this.write(0, QLIMIT);
      this.writeBit(1);
    }
    this.write(hi, 32);
    this.write(lo, 32);
  }

  /** True when a finished copy must end with one more bit: the partial run's closing `1`. */
  get pendingRunBit(): boolean {
    return this.runMode && this.runCount > 0;
  }

  private appendFirst(x: number): void {
    this.started = true;
    this.writeBit(0);
    const z = zigzag(x);
    const len = bitLength(z);
    this.write(len, 6);
    this.writeWide(z, len);
    this.prev = x;
  }

  /** Learns from a regular-mode residual z and sets the Rice parameter for the next one. */
  private learn(z: number): void {
    let sum = this.riceSum + z;
    let n = this.riceCount + 1;
    if (n === RICE_RESET) {
      sum = Math.floor(sum / 2);
      n >>= 1;
    }
    this.riceSum = sum;
    this.riceCount = n;
    this.k = nextRiceK(this.k, sum, n);
  }

  private interruptRun(): void {
    const j = this.runJ;
    this.writeBit(0);
    this.write(this.runCount, j);
    this.runCount = 0;
    if (j > 0) this.runJ = j - 1;
    this.runMode = false;
  }

  private writeRice(z: number, k: number): void {
    if (z < 2147483648 && k <= 30) {
      const q = z >>> k;
      if (q < QLIMIT && q + 1 + k <= 32) {
        // q zeros, a one and the k low bits are the number 2^k + low in q + 1 + k bits: one write
        this.write((1 << k) | (z & ((1 << k) - 1)), q + 1 + k);
        return;
      }
    }
    this.writeLongRice(z, k);
  }

  /** A Rice code of more than 32 bits, or an escape. */
  private writeLongRice(z: number, k: number): void {
    const q = Math.floor(z / POW2[k]);
    if (q < QLIMIT) {
      this.write(1, q + 1);
      if (k !== 0) this.writeWide(z - q * POW2[k], k);
    } else {
      this.write(0, QLIMIT);
      this.writeBit(0);
      const len = bitLength(z);
      this.write(len, 6);
      this.writeWide(z, len);
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
 * Decodes `count` points into out[at, at + count): integers divided by `divisor` (a decimal
 * column's 10^e, exact as the division is correctly rounded; 1 leaves them as they are),
 * exceptions as NaN with their bits recorded in `exceptions` (null: the stream may not hold any).
 *
 * The hot path: the encoder's state in locals and one 32-bit window per point; the
 * rare codes (first integer, escapes, exceptions) go through the reader.
 */
export function decodeIntStream(
  reader: BitReader,
  count: number,
  out: Float64Array,
  at: number,
  exceptions: ExceptionList | null,
  what: string,
  divisor = 1,
): void {
  const end = at + count;
  let i = at;
  // exceptions before the first integer, then the first integer
  let prev = 0;
  for (; i < end; ) {
    if (reader.pos > reader.end) break;
    if (reader.readBit() === 1) {
      takeException(reader, exceptions, i++, out, what);
      continue;
    }
    const len = reader.read(6);
    if (len > 53) throw new ChunkFormatError(`chunk ${what} has a bad integer length`);
    prev = unzigzag(reader.readWide(len));
    out[i++] = prev / divisor;
    break;
  }
  const words = reader.words;
  const endBits = reader.end;
  let pos = reader.pos;
  let delta = 0;
  let c1 = 0;
  let c2 = 0;
  let riceSum = 2;
  let riceCount = 1;
  let k = 0;
  let runMode = false;
  let runJ = 0;
  while (i < end) {
    if (!runMode && prev < FAST_LIMIT && prev > -FAST_LIMIT && delta < 2 * FAST_LIMIT && delta > -2 * FAST_LIMIT && riceSum < FAST_SUM_LIMIT) {
      // Regular-mode points in 32-bit integer arithmetic, which V8 keeps in registers: a copy of
      // the state in int32 locals, each point checked to stay where no sum can overflow (|x| <
      // 2^28, so |delta| < 2^29 and every residual kept < 2^30); a point that does not (an
      // escape, a long code, a big value) is left to the general step below, and a zero
      // residual ends the run of points here, as run mode begins. Same arithmetic as that step.
      let fpos = pos | 0;
      let fprev = prev | 0;
      let fdelta = delta | 0;
      let fc1 = c1 | 0;
      let fc2 = c2 | 0;
      let fsum = riceSum | 0;
      let fcount = riceCount | 0;
      let fk = k | 0;
      let fi = i | 0;
      const fend = end | 0;
      const fendBits = endBits | 0;
      while (fi < fend && fpos <= fendBits) {
        const b = fpos & 31;
        const w = fpos >>> 5;
        const win = b === 0 ? words[w] : ((words[w] << b) | (words[w + 1] >>> (32 - b))) >>> 0;
        const q = Math.clz32(win);
        if (q >= QLIMIT) break;
        const used = q + 1;
        let z = q;
        if (fk !== 0) {
          if (used + fk > 32) break;
          z = (q << fk) | ((win << used) >>> (32 - fk));
        }
        if (z >= FAST_SUM_LIMIT) break;
        // (c2 - c1) >> 31 is all ones when delta-of-delta predicts better
        const x = (fprev + (fdelta & ((fc2 - fc1) >> 31)) + ((z >>> 1) ^ -(z & 1))) | 0;
        if (x >= FAST_LIMIT || x <= -FAST_LIMIT) break;
        fpos += used + fk;
        fsum += z;
        if (++fcount === RICE_RESET) {
          fsum >>= 1;
          fcount >>= 1;
        }
        if (fsum < FAST_SUM_LIMIT) {
          // the smallest k with n * 2^k >= sum: their bit lengths' difference, or one more
          const k0 = Math.clz32(fcount) - Math.clz32(fsum);
          const kk = k0 < 0 ? 0 : k0;
          fk = kk + (((fcount << kk) - fsum) >>> 31);
        } else fk = nextWideRiceK(fk, fsum, fcount);
        const d = (x - fprev) | 0;
        const r2 = (d - fdelta) | 0;
        // branch-free magnitudes: the signs of a random walk's steps defeat branch prediction
        const s1 = d >> 31;
        const s2 = r2 >> 31;
        const a1 = ((d ^ s1) - s1) | 0;
        const a2 = ((r2 ^ s2) - s2) | 0;
        fc1 = (fc1 - (fc1 >> 4) + (a1 < COST_CAP ? a1 : COST_CAP)) | 0;
        fc2 = (fc2 - (fc2 >> 4) + (a2 < COST_CAP ? a2 : COST_CAP)) | 0;
        fdelta = d;
        fprev = x;
        out[fi++] = x / divisor;
        if (z === 0) {
          runMode = true;
          break;
        }
        if (fsum >= FAST_SUM_LIMIT) break;
      }
      pos = fpos;
      prev = fprev;
      delta = fdelta;
      c1 = fc1;
      c2 = fc2;
      riceSum = fsum;
      riceCount = fcount;
      k = fk;
      i = fi;
      if (i >= end) break;
    }
    if (pos > endBits) break;
    let plusOne = 0;
    if (runMode) {
      const j = runJ;
      const b = pos & 31;
      const w = pos >>> 5;
      const win = b === 0 ? words[w] : ((words[w] << b) | (words[w + 1] >>> (32 - b))) >>> 0;
      let zeros: number;
      const full = win >= 0x80000000;
      if (full) {
        pos += 1;
        zeros = end - i < 1 << j ? end - i : 1 << j;
        if (j < MAX_RUN_J) runJ = j + 1;
      } else {
        zeros = j === 0 ? 0 : (win << 1) >>> (32 - j);
        pos += 1 + j;
        if (zeros >= end - i) throw new ChunkFormatError(`chunk ${what} has a run past its end`);
        if (j > 0) runJ = j - 1;
        runMode = false;
      }
      for (let n = 0; n < zeros; n++) {
        const x = c2 < c1 ? prev + delta : prev;
        const d = x - prev;
        const r2 = d - delta;
        const a1 = d < 0 ? -d : d;
        const a2 = r2 < 0 ? -r2 : r2;
        const n1 = c1 - (c1 >> 4) + (a1 < COST_CAP ? a1 : COST_CAP);
        const n2 = c2 - (c2 >> 4) + (a2 < COST_CAP ? a2 : COST_CAP);
        prev = x;
        out[i++] = x / divisor;
        if (n1 === c1 && n2 === c2 && d === delta) {
          // the state repeats itself: the rest of the run is an arithmetic progression
          for (n++; n < zeros; n++) out[i++] = (prev += d) / divisor;
          break;
        }
        c1 = n1;
        c2 = n2;
        delta = d;
      }
      if (full) continue;
      // the point that ended the run: a residual that is not zero (coded minus one), or an exception
      plusOne = 1;
    }
    let z: number;
    const b = pos & 31;
    const w = pos >>> 5;
    const win = b === 0 ? words[w] : ((words[w] << b) | (words[w + 1] >>> (32 - b))) >>> 0;
    const q = Math.clz32(win);
    if (q < QLIMIT) {
      const used = q + 1;
      if (k === 0) {
        z = q;
        pos += used;
      } else if (used + k <= 32) {
        // q << k cannot overflow here: q + 1 + k <= 32
        z = (q << k) | ((win << used) >>> (32 - k));
        pos += used + k;
      } else {
        reader.pos = pos + used;
        z = q * POW2[k] + reader.readWide(k);
        pos = reader.pos;
      }
    } else {
      reader.pos = pos + QLIMIT;
      if (reader.readBit() === 1) {
        takeException(reader, exceptions, i++, out, what);
        pos = reader.pos;
        continue;
      }
      const len = reader.read(6);
      if (len > 53) throw new ChunkFormatError(`chunk ${what} has a bad residual length`);
      z = reader.readWide(len);
      pos = reader.pos;
    }
    z += plusOne;
    // branch-free zigzag for the usual small residual: random signs would defeat prediction
    // (c2 - c1) >>> 31 is 1 when delta-of-delta predicts better: no branch to mispredict
    const x = prev + delta * ((c2 - c1) >>> 31) + (z < 2147483648 ? (z >>> 1) ^ -(z & 1) : unzigzag(z));
    // learn: the Rice parameter follows the mean residual
    riceSum += z;
    if (++riceCount === RICE_RESET) {
      riceSum = Math.floor(riceSum / 2);
      riceCount >>= 1;
    }
    k = nextRiceK(k, riceSum, riceCount);
    if (z === 0) runMode = true;
    const d = x - prev;
    c1 = c1 - (c1 >> 4) + Math.min(Math.abs(d), COST_CAP);
    c2 = c2 - (c2 >> 4) + Math.min(Math.abs(d - delta), COST_CAP);
    delta = d;
    prev = x;
    out[i++] = x / divisor;
  }
  reader.pos = pos;
  reader.checkEnd(what);
}

function takeException(reader: BitReader, exceptions: ExceptionList | null, i: number, out: Float64Array, what: string): void {
  if (exceptions === null) throw new ChunkFormatError(`chunk ${what} holds a float where only integers may be`);
  exceptions.positions.push(i);
  exceptions.his.push(reader.read(32));
  exceptions.los.push(reader.read(32));
  out[i] = NaN;
}
