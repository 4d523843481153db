import { isUtf8 } from 'node:buffer';
import { parsePythonFloat } from '../python-float.js';
import { HIGHEST_PROTOCOL, Op } from '../../lib/pickle-opcodes.js';
import { REFUSED_OPCODES } from './refused-opcodes.js';

/**
 * What a pickle of plain data becomes:
 * None -> null; bool -> boolean; int -> number, or bigint beyond 2^53; float -> number;
 * str -> string; bytes and bytearray -> Uint8Array; list and tuple -> Array; dict -> Map.
 * Python 2 `str` (STRING opcodes) becomes a string when its bytes are UTF-8, else a Uint8Array.
 * As in Python, one object may be referenced from several places (the memo), even from
 * inside itself: consumers that recurse should use toPlain(), which bounds depth.
 */
export type PickleValue = null | boolean | number | bigint | string | Uint8Array | PickleValue[] | PickleDict | PickleClass | PickleObject;
export type PickleDict = Map<PickleValue, PickleValue>;

/** A reference to a class the caller allowed (GLOBAL, STACK_GLOBAL): its dotted name, nothing more. */
export class PickleClass {
  constructor(readonly name: string) {}
}

/**
 * An instance of an allowed class, as data: the class's dotted name, the arguments it would
 * have been constructed with (NEWOBJ, NEWOBJ_EX, REDUCE) and the state BUILD would have set.
 * No constructor or __setstate__ is ever run.
 */
export class PickleObject {
  state: PickleValue = null;
  constructor(
    readonly className: string,
    readonly args: PickleValue[],
    readonly kwargs: PickleDict | null = null,
  ) {}
}

export interface UnpickleOptions {
  /**
   * Dotted names of classes (`graphite.intervals.Interval`) whose instances are read as
   * PickleObject records. Empty by default: then every opcode that names a class is refused.
   */
  allowedClasses?: Iterable<string>;
  /** longest input accepted, bytes */
  maxBytes?: number;
  /** containers under construction at once (open MARKs) */
  maxMarks?: number;
  /** values on the unpickler's stack at once */
  maxStack?: number;
  /** entries in the memo, and the largest memo index */
  maxMemo?: number;
}

type Limits = Required<Omit<UnpickleOptions, 'allowedClasses'>>;

const DEFAULT_LIMITS: Limits = {
  maxBytes: 256 * 1024 * 1024,
  maxMarks: 1000,
  maxStack: 1 << 22,
  maxMemo: 1 << 22,
};

export class UnpicklingError extends Error {
  override name = 'UnpicklingError';
}

/**
 * A safe unpickler: it reads the opcodes of plain data (protocols 0-5) and refuses, with an
 * error naming it, every opcode that would import or call anything (GLOBAL, REDUCE, BUILD,
 * INST, OBJ, NEWOBJ, ...). Nothing in the input is ever executed. It does not recurse, so a
 * deeply nested input cannot overflow the call stack; stack, marks and memo are bounded.
 */
export function unpickle(data: Uint8Array, options: UnpickleOptions = {}): PickleValue {
  const { allowedClasses, ...limits } = options;
  const allowed = allowedClasses ? new Set(allowedClasses) : null;
  return new Unpickler(data, { ...DEFAULT_LIMITS, ...limits }, allowed !== null && allowed.size > 0 ? allowed : null).run();
}

const utf8 = Buffer.prototype as unknown as {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
};

const PLAIN_DATA = 'only plain data (None, bool, numbers, strings, bytes, lists, tuples, dicts) is accepted';

class Unpickler {
  private pos = 0;
  private readonly view: DataView;
  private readonly stack: PickleValue[] = [];
  /** stack lengths at each open MARK */
  private readonly marks: number[] = [];
  /** stack index below which the current mark's items do not reach */
  private base = 0;
  private readonly memo: PickleValue[] = [];
  private memoSize = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly limits: Limits,
    private readonly allowedClasses: ReadonlySet<string> | null,
  ) {
    if (data.length > limits.maxBytes) throw new UnpicklingError(`pickle of ${data.length} bytes is larger than ${limits.maxBytes}`);
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  run(): PickleValue {
    const data = this.data;
    const end = data.length;
    const stack = this.stack;
    while (this.pos < end) {
      const at = this.pos;
      const op = data[this.pos++];
      switch (op) {
        case Op.PROTO: {
          const v = this.u8();
          if (v > HIGHEST_PROTOCOL) throw this.error(at, `unsupported pickle protocol ${v}`);
          break;
        }
        case Op.FRAME: {
          const n = this.u64();
          if (n > end - this.pos) throw this.error(at, 'frame longer than the data');
          break;
        }
        case Op.STOP: {
          if (this.marks.length > 0) throw this.error(at, 'STOP inside an unfinished MARK');
          if (stack.length !== 1) throw this.error(at, stack.length === 0 ? 'STOP on an empty stack' : 'STOP with more than one value on the stack');
          return stack[0];
        }
        case Op.MARK:
          if (this.marks.length >= this.limits.maxMarks) throw this.error(at, `more than ${this.limits.maxMarks} nested MARKs`);
          this.marks.push(stack.length);
          this.base = stack.length;
          break;
        case Op.POP:
          if (stack.length > this.base) stack.pop();
          else this.popMark(at);
          break;
        case Op.POP_MARK:
          this.popMark(at);
          break;
        case Op.DUP:
          this.push(this.top(at), at);
          break;

        // scalars
        case Op.NONE:
          this.push(null, at);
          break;
        case Op.NEWTRUE:
          this.push(true, at);
          break;
        case Op.NEWFALSE:
          this.push(false, at);
          break;
        case Op.BININT:
          this.need(4, at);
          this.push(this.view.getInt32(this.pos, true), at);
          this.pos += 4;
          break;
        case Op.BININT1:
          this.push(this.u8(), at);
          break;
        case Op.BININT2:
          this.need(2, at);
          this.push(this.view.getUint16(this.pos, true), at);
          this.pos += 2;
          break;
        case Op.INT:
          this.push(this.textInt(at, true), at);
          break;
        case Op.LONG:
          this.push(this.textInt(at, false), at);
          break;
        case Op.LONG1:
          this.push(this.binLong(this.u8(), at), at);
          break;
        case Op.LONG4: {
          this.need(4, at);
          const n = this.view.getInt32(this.pos, true);
          this.pos += 4;
          if (n < 0) throw this.error(at, 'LONG4 with a negative length');
          this.push(this.binLong(n, at), at);
          break;
        }
        case Op.BINFLOAT:
          this.need(8, at);
          this.push(this.view.getFloat64(this.pos, false), at);
          this.pos += 8;
          break;
        case Op.FLOAT: {
          const lineEnd = this.lineEnd(at);
          const v = parsePythonFloat(data, this.pos, trimTrailingSpaces(data, this.pos, lineEnd));
          if (v === undefined) throw this.error(at, 'FLOAT is not a number');
          this.pos = lineEnd + 1;
          this.push(v, at);
          break;
        }

        // text and bytes
        case Op.SHORT_BINUNICODE:
          this.push(this.utf8(this.u8(), at), at);
          break;
        case Op.BINUNICODE:
          this.push(this.utf8(this.u32(at), at), at);
          break;
        case Op.BINUNICODE8:
          this.push(this.utf8(this.u64(), at), at);
          break;
        case Op.UNICODE: {
          const lineEnd = this.lineEnd(at);
          this.push(rawUnicodeEscape(data, this.pos, lineEnd), at);
          this.pos = lineEnd + 1;
          break;
        }
        case Op.SHORT_BINSTRING:
          this.push(py2String(this.bytes(this.u8(), at)), at);
          break;
        case Op.BINSTRING: {
          this.need(4, at);
          const n = this.view.getInt32(this.pos, true);
          this.pos += 4;
          if (n < 0) throw this.error(at, 'BINSTRING with a negative length');
          this.push(py2String(this.bytes(n, at)), at);
          break;
        }
        case Op.STRING: {
          const lineEnd = this.lineEnd(at);
          this.push(py2String(quotedString(data, this.pos, trimTrailingSpaces(data, this.pos, lineEnd), () => this.error(at, 'STRING is not a quoted string'))), at);
          this.pos = lineEnd + 1;
          break;
        }
        case Op.SHORT_BINBYTES:
          this.push(this.bytes(this.u8(), at), at);
          break;
        case Op.BINBYTES:
          this.push(this.bytes(this.u32(at), at), at);
          break;
        case Op.BINBYTES8:
        case Op.BYTEARRAY8:
          this.push(this.bytes(this.u64(), at), at);
          break;

        // containers
        case Op.EMPTY_LIST:
          this.push([], at);
          break;
        case Op.EMPTY_TUPLE:
          this.push([], at);
          break;
        case Op.EMPTY_DICT:
          this.push(new Map(), at);
          break;
        case Op.LIST:
        case Op.TUPLE:
          this.push(this.popMark(at), at);
          break;
        case Op.TUPLE1:
          this.need1(1, at);
          stack.push([stack.pop()!]);
          break;
        case Op.TUPLE2: {
          this.need1(2, at);
          const b = stack.pop()!;
          const a = stack.pop()!;
          stack.push([a, b]);
          break;
        }
        case Op.TUPLE3: {
          this.need1(3, at);
          const c = stack.pop()!;
          const b = stack.pop()!;
          const a = stack.pop()!;
          stack.push([a, b, c]);
          break;
        }
        case Op.DICT: {
          const items = this.popMark(at);
          const dict: PickleDict = new Map();
          this.setItems(dict, items, at);
          this.push(dict, at);
          break;
        }
        case Op.APPEND: {
          this.need1(2, at);
          const v = stack.pop()!;
          this.list(stack[stack.length - 1], at).push(v);
          break;
        }
        case Op.APPENDS: {
          const items = this.popMark(at);
          this.need1(1, at);
          const list = this.list(stack[stack.length - 1], at);
          for (let i = 0; i < items.length; i++) list.push(items[i]);
          break;
        }
        case Op.SETITEM: {
          this.need1(3, at);
          const v = stack.pop()!;
          const k = stack.pop()!;
          this.dict(stack[stack.length - 1], at).set(k, v);
          break;
        }
        case Op.SETITEMS: {
          const items = this.popMark(at);
          this.need1(1, at);
          this.setItems(this.dict(stack[stack.length - 1], at), items, at);
          break;
        }

        // memo
        case Op.BINPUT:
          this.put(this.u8(), at);
          break;
        case Op.LONG_BINPUT:
          this.put(this.u32(at), at);
          break;
        case Op.PUT:
          this.put(this.textIndex(at), at);
          break;
        case Op.MEMOIZE:
          this.put(this.memoSize, at);
          break;
        case Op.BINGET:
          this.get(this.u8(), at);
          break;
        case Op.LONG_BINGET:
          this.get(this.u32(at), at);
          break;
        case Op.GET:
          this.get(this.textIndex(at), at);
          break;

        // instances of allowed classes, as records
        case Op.GLOBAL: {
          this.refuseUnlessClassesAllowed(op, at);
          const moduleEnd = this.lineEnd(at);
          const module = utf8.latin1Slice.call(data, this.pos, moduleEnd);
          this.pos = moduleEnd + 1;
          const nameEnd = this.lineEnd(at);
          const name = utf8.latin1Slice.call(data, this.pos, nameEnd);
          this.pos = nameEnd + 1;
          this.push(this.pickleClass(module, name, at), at);
          break;
        }
        case Op.STACK_GLOBAL: {
          this.refuseUnlessClassesAllowed(op, at);
          this.need1(2, at);
          const name = stack.pop()!;
          const module = stack.pop()!;
          if (typeof module !== 'string' || typeof name !== 'string') throw this.error(at, 'STACK_GLOBAL of something that is not a name');
          this.push(this.pickleClass(module, name, at), at);
          break;
        }
        case Op.NEWOBJ:
        case Op.REDUCE: {
          this.refuseUnlessClassesAllowed(op, at);
          this.need1(2, at);
          const args = stack.pop()!;
          const cls = stack.pop()!;
          if (!(cls instanceof PickleClass) || !Array.isArray(args)) throw this.error(at, 'NEWOBJ or REDUCE of something that is not a class and a tuple');
          this.push(new PickleObject(cls.name, args), at);
          break;
        }
        case Op.NEWOBJ_EX: {
          this.refuseUnlessClassesAllowed(op, at);
          this.need1(3, at);
          const kwargs = stack.pop()!;
          const args = stack.pop()!;
          const cls = stack.pop()!;
          if (!(cls instanceof PickleClass) || !Array.isArray(args) || !(kwargs instanceof Map)) throw this.error(at, 'NEWOBJ_EX of something that is not a class, a tuple and a dict');
          this.push(new PickleObject(cls.name, args, kwargs), at);
          break;
        }
        case Op.BUILD: {
          this.refuseUnlessClassesAllowed(op, at);
          this.need1(2, at);
          const state = stack.pop()!;
          const target = stack[stack.length - 1];
          if (!(target instanceof PickleObject)) throw this.error(at, 'BUILD of something that is not an object');
          target.state = state;
          break;
        }

        default: {
          const refused = REFUSED_OPCODES.get(op);
          if (refused) throw this.error(at, `opcode ${refused} is not allowed: ${PLAIN_DATA}`);
          throw this.error(at, `unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
        }
      }
    }
    throw new UnpicklingError('pickle data was truncated (no STOP)');
  }

  private refuseUnlessClassesAllowed(op: number, at: number): void {
    if (this.allowedClasses === null) throw this.error(at, `opcode ${REFUSED_OPCODES.get(op)} is not allowed: ${PLAIN_DATA}`);
  }

  private pickleClass(module: string, name: string, at: number): PickleClass {
    const dotted = `${module}.${name}`;
    if (!this.allowedClasses!.has(dotted)) throw this.error(at, `class ${dotted} is not allowed`);
    return new PickleClass(dotted);
  }

  private error(at: number, message: string): UnpicklingError {
    return new UnpicklingError(`${message} (at byte ${at})`);
  }

  private push(v: PickleValue, at: number): void {
    if (this.stack.length >= this.limits.maxStack) throw this.error(at, `more than ${this.limits.maxStack} values on the stack`);
    this.stack.push(v);
  }

  private top(at: number): PickleValue {
    if (this.stack.length <= this.base) throw this.error(at, 'stack underflow');
    return this.stack[this.stack.length - 1];
  }

  /** at least `n` values above the current mark */
  private need1(n: number, at: number): void {
    if (this.stack.length - this.base < n) throw this.error(at, 'stack underflow');
  }

  private popMark(at: number): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw this.error(at, 'no MARK to pop to');
    const items = this.stack.splice(mark);
    this.base = this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    return items;
  }

  private list(target: PickleValue, at: number): PickleValue[] {
    if (!Array.isArray(target)) throw this.error(at, 'APPEND to something that is not a list');
    return target;
  }

  private dict(target: PickleValue, at: number): PickleDict {
    if (!(target instanceof Map)) throw this.error(at, 'SETITEM on something that is not a dict');
    return target;
  }

  private setItems(dict: PickleDict, items: PickleValue[], at: number): void {
    if (items.length % 2 !== 0) throw this.error(at, 'odd number of items for a dict');
    for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1]);
  }

  private put(index: number, at: number): void {
    if (index >= this.limits.maxMemo) throw this.error(at, `memo index ${index} beyond ${this.limits.maxMemo}`);
    if (this.memo[index] === undefined) {
      if (this.memoSize >= this.limits.maxMemo) throw this.error(at, `more than ${this.limits.maxMemo} memo entries`);
      this.memoSize++;
    }
    this.memo[index] = this.top(at);
  }

  private get(index: number, at: number): void {
    const v = index < this.limits.maxMemo ? this.memo[index] : undefined;
    if (v === undefined) throw this.error(at, `memo index ${index} was never set`);
    this.push(v, at);
  }

  private need(n: number, at: number): void {
    if (this.pos + n > this.data.length) throw this.error(at, 'pickle data was truncated');
  }

  private u8(): number {
    if (this.pos >= this.data.length) throw this.error(this.pos - 1, 'pickle data was truncated');
    return this.data[this.pos++];
  }

  private u32(at: number): number {
    this.need(4, at);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** an 8-byte length; anything beyond 2^53 is longer than any input anyway */
  private u64(): number {
    const at = this.pos - 1;
    this.need(8, at);
    const v = this.view.getUint32(this.pos, true) + this.view.getUint32(this.pos + 4, true) * 2 ** 32;
    this.pos += 8;
    return v;
  }

  private bytes(n: number, at: number): Uint8Array {
    this.need(n, at);
    const out = this.data.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private utf8(n: number, at: number): string {
    this.need(n, at);
    const start = this.pos;
    const end = start + n;
    this.pos = end;
    let high = 0;
    for (let i = start; i < end; i++) high |= this.data[i];
    if (high < 0x80) return utf8.latin1Slice.call(this.data, start, end);
    if (!isUtf8(this.data.subarray(start, end))) throw this.error(at, 'string is not valid UTF-8');
    return utf8.utf8Slice.call(this.data, start, end);
  }

  /** index of the newline ending a protocol-0 argument */
  private lineEnd(at: number): number {
    const nl = this.data.indexOf(0x0a, this.pos);
    if (nl < 0) throw this.error(at, 'pickle data was truncated (no newline)');
    return nl;
  }

  private textIndex(at: number): number {
    const lineEnd = this.lineEnd(at);
    const v = decimal(this.data, this.pos, lineEnd);
    this.pos = lineEnd + 1;
    if (v === undefined || typeof v === 'bigint' || v < 0) throw this.error(at, 'memo index is not a non-negative integer');
    return v;
  }

  /** INT (`I01` and `I00` are True and False) and LONG (a trailing `L` allowed) */
  private textInt(at: number, isInt: boolean): PickleValue {
    const lineEnd = this.lineEnd(at);
    const start = this.pos;
    this.pos = lineEnd + 1;
    if (isInt && lineEnd - start === 2 && this.data[start] === 0x30) {
      if (this.data[start + 1] === 0x31) return true;
      if (this.data[start + 1] === 0x30) return false;
    }
    let end = trimTrailingSpaces(this.data, start, lineEnd);
    if (!isInt && end > start && this.data[end - 1] === 0x4c /* L */) end--;
    const v = decimal(this.data, start, end);
    if (v === undefined) throw this.error(at, `${isInt ? 'INT' : 'LONG'} is not an integer`);
    return v;
  }

  /** little-endian two's complement of `n` bytes */
  private binLong(n: number, at: number): number | bigint {
    this.need(n, at);
    const start = this.pos;
    this.pos += n;
    if (n === 0) return 0;
    if (n <= 6) {
      let v = 0;
      for (let i = n - 1; i >= 0; i--) v = v * 256 + this.data[start + i];
      if (this.data[start + n - 1] & 0x80) v -= 2 ** (8 * n);
      return v;
    }
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.data[start + i]);
    if (this.data[start + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
    return toNumberIfSafe(v);
  }
}

function toNumberIfSafe(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** an optionally signed decimal integer; a number when safe, else a bigint */
function decimal(data: Uint8Array, start: number, end: number): number | bigint | undefined {
  let i = start;
  let negative = false;
  if (i < end && (data[i] === 0x2d || data[i] === 0x2b)) negative = data[i++] === 0x2d;
  if (i >= end) return undefined;
  let text = '';
  for (; i < end; i++) {
    const c = data[i];
    if (c < 0x30 || c > 0x39) return undefined;
    text += String.fromCharCode(c);
  }
  if (text.length <= 15) return negative ? -Number(text) : Number(text);
  return toNumberIfSafe(negative ? -BigInt(text) : BigInt(text));
}

function trimTrailingSpaces(data: Uint8Array, start: number, end: number): number {
  while (end > start && (data[end - 1] === 0x20 || data[end - 1] === 0x0d)) end--;
  return end;
}

/** Python 2 `str`: text when it is UTF-8 (ASCII in practice), else the bytes */
function py2String(bytes: Uint8Array): string | Uint8Array {
  return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : bytes;
}

const SIMPLE_ESCAPES: Readonly<Record<number, number>> = {
  0x5c: 0x5c, // backslash
  0x27: 0x27, // '
  0x22: 0x22, // "
  0x61: 0x07, // a
  0x62: 0x08, // b
  0x66: 0x0c, // f
  0x6e: 0x0a, // n
  0x72: 0x0d, // r
  0x74: 0x09, // t
  0x76: 0x0b, // v
};

/** The argument of STRING: a Python bytes literal body in quotes, escapes decoded as escape_decode does. */
function quotedString(data: Uint8Array, start: number, end: number, fail: () => Error): Uint8Array {
  const q = data[start];
  if (end - start < 2 || (q !== 0x27 && q !== 0x22) || data[end - 1] !== q) throw fail();
  const out: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const c = data[i];
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    if (++i >= end - 1) throw fail();
    const e = data[i];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) out.push(simple);
    else if (e === 0x0a) continue; // line continuation
    else if (e === 0x78 /* x */) {
      const hi = hexDigit(data[i + 1]);
      const lo = hexDigit(data[i + 2]);
      if (i + 2 >= end - 1 || hi < 0 || lo < 0) throw fail();
      out.push(hi * 16 + lo);
      i += 2;
    } else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let k = 0; k < 2 && i + 1 < end - 1 && data[i + 1] >= 0x30 && data[i + 1] <= 0x37; k++) v = v * 8 + (data[++i] - 0x30);
      out.push(v & 0xff);
    } else out.push(0x5c, e); // unknown escapes stay as written
  }
  return Uint8Array.from(out);
}

function hexDigit(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * The argument of UNICODE: raw-unicode-escape, i.e. Latin-1 bytes where `\uXXXX` and
 * `\UXXXXXXXX` (after an odd number of backslashes) are code points.
 */
function rawUnicodeEscape(data: Uint8Array, start: number, end: number): string {
  let out = '';
  let backslashes = 0;
  for (let i = start; i < end; i++) {
    const c = data[i];
    if (c === 0x5c) {
      backslashes++;
      out += '\\';
      continue;
    }
    const odd = backslashes % 2 === 1;
    backslashes = 0;
    if (odd && (c === 0x75 || c === 0x55)) {
      const len = c === 0x75 ? 4 : 8;
      let cp = 0;
      let ok = i + len < end;
      for (let k = 1; ok && k <= len; k++) {
        const h = hexDigit(data[i + k]);
        if (h < 0) ok = false;
        else cp = cp * 16 + h;
      }
      if (!ok || cp > 0x10ffff) throw new UnpicklingError('UNICODE has a truncated or invalid \\u escape');
      out = out.slice(0, -1) + String.fromCodePoint(cp);
      i += len;
      continue;
    }
    out += String.fromCharCode(c);
  }
  return out;
}
