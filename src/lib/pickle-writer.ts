import { GrowingBuffer } from './growing-buffer.js';
import type { ByteBuffers } from './value-pool.js';
import { Op } from './pickle-opcodes.js';

/**
 * A streaming writer of Python pickles, protocol 2: what graphite-web's federating front ends
 * (RemoteFinder, RemoteReader) unpickle from `format=pickle` answers, on Python 2 and 3 alike.
 *
 * Plain data (None, bool, int, float, str, list, tuple, dict) comes out byte for byte as
 * `pickletools.optimize(pickle.dumps(obj, 2))` in CPython 3: the same opcodes and the same
 * batching of list and dict items by 1000 as its C pickler, without the memo. Class instances (graphite's
 * Interval, IntervalSet) use MARK GLOBAL OBJ + BUILD, which both Pythons read for classic and
 * new-style classes alike.
 *
 * Usage: open containers, write items, close them; the writer counts items itself.
 *   const w = new PickleWriter();
 *   w.beginList(); w.str('a'); w.float(1.5); w.endList();
 *   const bytes = w.finish();
 */

/** CPython's pickler batches APPENDS and SETITEMS by this many items */
const BATCH = 1000;

const enum Kind {
  List,
  Dict,
  Tuple,
  /** the state of an instance being built: exactly one value, not an item of anything */
  ObjectState,
}

interface Open {
  kind: Kind;
  /** values written directly inside this container (a dict counts keys and values) */
  values: number;
  /** list/dict: offset just after the current batch's MARK; tuple: offset of its MARK */
  mark: number;
}

export class PickleWriter extends GrowingBuffer {
  private readonly stack: Open[] = [];

  constructor(initialBytes = 4096, lender?: ByteBuffers) {
    super(Math.max(64, initialBytes), lender);
    this.byte(Op.PROTO);
    this.byte(2);
  }

  none(): this {
    this.ensure(1);
    this.buf[this.pos++] = Op.NONE;
    return this.done();
  }

  bool(value: boolean): this {
    this.ensure(1);
    this.buf[this.pos++] = value ? Op.NEWTRUE : Op.NEWFALSE;
    return this.done();
  }

  /** An int (Python `int`). Must be an integer; beyond ±2^53 precision is the caller's concern. */
  int(value: number): this {
    if (!Number.isInteger(value)) throw new RangeError(`pickle int: ${value} is not an integer`);
    this.ensure(9);
    if (value >= 0 && value <= 0xff) {
      this.buf[this.pos++] = Op.BININT1;
      this.buf[this.pos++] = value;
    } else if (value >= 0 && value <= 0xffff) {
      this.buf[this.pos++] = Op.BININT2;
      this.view.setUint16(this.pos, value, true);
      this.pos += 2;
    } else if (value >= -0x80000000 && value <= 0x7fffffff) {
      this.buf[this.pos++] = Op.BININT;
      this.view.setInt32(this.pos, value, true);
      this.pos += 4;
    } else {
      this.long(BigInt(value));
    }
    return this.done();
  }

  /** A float (Python `float`), NaN and infinities included. */
  float(value: number): this {
    this.ensure(9);
    this.buf[this.pos++] = Op.BINFLOAT;
    this.view.setFloat64(this.pos, value, false);
    this.pos += 8;
    return this.done();
  }

  /** A float, or None when `value` is NaN: graphite's datapoint convention. */
  floatOrNone(value: number): this {
    return value === value ? this.float(value) : this.none();
  }

  str(value: string): this {
    this.ensure(5 + value.length * 3);
    this.buf[this.pos++] = Op.BINUNICODE;
    const written = this.buf.write(value, this.pos + 4, 'utf8');
    this.view.setUint32(this.pos, written, true);
    this.pos += 4 + written;
    return this.done();
  }

  beginList(): this {
    this.ensure(2);
    this.buf[this.pos++] = Op.EMPTY_LIST;
    this.buf[this.pos++] = Op.MARK;
    this.stack.push({ kind: Kind.List, values: 0, mark: this.pos });
    return this;
  }

  endList(): this {
    const open = this.pop(Kind.List);
    this.closeBatch(open.values, open.mark, Op.APPEND, Op.APPENDS, false);
    return this.done();
  }

  /** Then write key, value, key, value, ... */
  beginDict(): this {
    this.ensure(2);
    this.buf[this.pos++] = Op.EMPTY_DICT;
    this.buf[this.pos++] = Op.MARK;
    this.stack.push({ kind: Kind.Dict, values: 0, mark: this.pos });
    return this;
  }

  endDict(): this {
    const open = this.pop(Kind.Dict);
    if (open.values % 2 !== 0) throw new Error('pickle dict: a key without a value');
    // CPython's dict loop only stops on a short batch, so a multiple of 1000 ends with "(u"
    this.closeBatch(open.values / 2, open.mark, Op.SETITEM, Op.SETITEMS, true);
    return this.done();
  }

  beginTuple(): this {
    this.ensure(1);
    this.stack.push({ kind: Kind.Tuple, values: 0, mark: this.pos });
    this.buf[this.pos++] = Op.MARK;
    return this;
  }

  endTuple(): this {
    const open = this.pop(Kind.Tuple);
    const n = open.values;
    this.ensure(1);
    if (n === 0) {
      this.buf[open.mark] = Op.EMPTY_TUPLE; // the MARK becomes the empty tuple
    } else if (n <= 3) {
      // CPython writes short tuples without a MARK: drop it
      this.buf.copyWithin(open.mark, open.mark + 1, this.pos);
      this.pos -= 1;
      this.buf[this.pos++] = n === 1 ? Op.TUPLE1 : n === 2 ? Op.TUPLE2 : Op.TUPLE3;
    } else {
      this.buf[this.pos++] = Op.TUPLE;
    }
    return this.done();
  }

  /**
   * An instance of `module.name` without calling its constructor, with `__dict__` set by
   * BUILD from a dict: call beginObject, write the state dict (beginDict ... endDict), endObject.
   */
  beginObject(module: string, name: string): this {
    const line = `${module}\n${name}\n`;
    this.ensure(2 + line.length * 3);
    this.buf[this.pos++] = Op.MARK;
    this.buf[this.pos++] = Op.GLOBAL;
    this.pos += this.buf.write(line, this.pos, 'latin1');
    this.ensure(1);
    this.buf[this.pos++] = Op.OBJ;
    this.stack.push({ kind: Kind.ObjectState, values: 0, mark: this.pos });
    return this;
  }

  endObject(): this {
    const open = this.pop(Kind.ObjectState);
    if (open.values !== 1) throw new Error('pickle object: write exactly one state value');
    this.ensure(1);
    this.buf[this.pos++] = Op.BUILD;
    return this.done();
  }

  /** The finished pickle. The writer must not be used afterwards. */
  finish(): Buffer {
    if (this.stack.length > 0) throw new Error('pickle: unclosed container');
    this.ensure(1);
    this.buf[this.pos++] = Op.STOP;
    return this.buf.subarray(0, this.pos);
  }

  /** A value has been completed: count it in the enclosing container, batching if due. */
  private done(): this {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return this;
    top.values++;
    if (top.kind === Kind.List && top.values % BATCH === 0) this.flushBatch(top, Op.APPENDS);
    else if (top.kind === Kind.Dict && top.values % (2 * BATCH) === 0) this.flushBatch(top, Op.SETITEMS);
    return this;
  }

  /** A full batch: close it and open the next one (the MARK is taken back if no item follows). */
  private flushBatch(top: Open, op: number): void {
    this.ensure(2);
    this.buf[this.pos++] = op;
    this.buf[this.pos++] = Op.MARK;
    top.mark = this.pos;
  }

  /**
   * Ends the last batch of a list or dict as CPython's C pickler does: a container of one item
   * gets the single-item opcode without a MARK; otherwise every batch, even a last batch of one,
   * is MARK ... APPENDS/SETITEMS, and an empty last batch is left out (unless `keepEmpty`).
   */
  private closeBatch(totalItems: number, mark: number, single: number, multiple: number, keepEmpty: boolean): void {
    this.ensure(1);
    if (totalItems === 1) {
      this.buf.copyWithin(mark - 1, mark, this.pos);
      this.pos -= 1;
      this.buf[this.pos++] = single;
    } else if (this.pos === mark && !(keepEmpty && totalItems > 0)) {
      this.pos -= 1; // drop the MARK of an empty batch
    } else {
      this.buf[this.pos++] = multiple;
    }
  }

  private pop(kind: Kind): Open {
    const open = this.stack.pop();
    if (!open || open.kind !== kind) throw new Error('pickle: mismatched end of container');
    return open;
  }

  /** LONG1: little-endian two's complement, as few bytes as Python's encode_long gives. */
  private long(value: bigint): void {
    const bytes: number[] = [];
    let v = value;
    for (;;) {
      const b = Number(v & 0xffn);
      bytes.push(b);
      v >>= 8n;
      if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
    }
    this.ensure(2 + bytes.length);
    this.buf[this.pos++] = Op.LONG1;
    this.buf[this.pos++] = bytes.length;
    for (const b of bytes) this.buf[this.pos++] = b;
  }

  private byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
}
