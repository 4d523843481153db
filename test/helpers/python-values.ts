/**
 * Readers for the pickles and msgpack carbyne writes, giving the typed JSON form that
 * test/fixtures/find/capture.py records from graphite-web's answers, so both compare directly:
 * {$int: n}, {$float: repr}, {$tuple: [...]}, {$dict: [[k, v], ...]}, {$object: "module.Class", state},
 * lists as arrays, str/bool/None as themselves.
 */
import { pyFloatRepr } from '../../src/lib/python-format.js';

export type Typed =
  | null
  | boolean
  | string
  | { $int: number }
  | { $float: string }
  | { $tuple: Typed[] }
  | { $dict: Array<[Typed, Typed]> }
  | { $object: string; state: Typed }
  | Typed[];

const MARK = Symbol('mark');
type Item = Typed | typeof MARK | { $global: string };

/** Decodes the protocol-2 opcodes carbyne's PickleWriter and CPython emit for find answers. */
export function readPickle(bytes: Uint8Array): Typed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Item[] = [];
  const memo = new Map<number, Item>();
  const popMark = (): Item[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new Error('pickle: no MARK');
    const items = stack.splice(at);
    return items.slice(1);
  };
  const text = new TextDecoder();
  let i = 0;
  for (;;) {
    const op = bytes[i++];
    switch (op) {
      case 0x80: // PROTO
        i++;
        break;
      case 0x95: // FRAME (protocol 4+)
        i += 8;
        break;
      case 0x2e: // STOP
        return stack.pop() as Typed;
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4b:
        stack.push({ $int: bytes[i++] });
        break;
      case 0x4d:
        stack.push({ $int: view.getUint16(i, true) });
        i += 2;
        break;
      case 0x4a:
        stack.push({ $int: view.getInt32(i, true) });
        i += 4;
        break;
      case 0x8a: {
        const n = bytes[i++];
        let v = 0n;
        for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i + k]);
        if (n > 0 && bytes[i + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        i += n;
        stack.push({ $int: Number(v) });
        break;
      }
      case 0x47:
        stack.push({ $float: pyFloatRepr(view.getFloat64(i, false)) });
        i += 8;
        break;
      case 0x58: {
        const n = view.getUint32(i, true);
        stack.push(text.decode(bytes.subarray(i + 4, i + 4 + n)));
        i += 4 + n;
        break;
      }
      case 0x8c: {
        // SHORT_BINUNICODE (protocol 4+)
        const n = bytes[i++];
        stack.push(text.decode(bytes.subarray(i, i + n)));
        i += n;
        break;
      }
      case 0x5d:
        stack.push([]);
        break;
      case 0x7d:
        stack.push({ $dict: [] });
        break;
      case 0x29:
        stack.push({ $tuple: [] });
        break;
      case 0x85:
      case 0x86:
      case 0x87: {
        const n = op - 0x84;
        stack.push({ $tuple: stack.splice(stack.length - n) as Typed[] });
        break;
      }
      case 0x74:
        stack.push({ $tuple: popMark() as Typed[] });
        break;
      case 0x61: {
        const v = stack.pop() as Typed;
        (stack[stack.length - 1] as Typed[]).push(v);
        break;
      }
      case 0x65: {
        const items = popMark() as Typed[];
        (stack[stack.length - 1] as Typed[]).push(...items);
        break;
      }
      case 0x73: {
        const v = stack.pop() as Typed;
        const k = stack.pop() as Typed;
        (stack[stack.length - 1] as { $dict: Array<[Typed, Typed]> }).$dict.push([k, v]);
        break;
      }
      case 0x75: {
        const items = popMark() as Typed[];
        const d = stack[stack.length - 1] as { $dict: Array<[Typed, Typed]> };
        for (let k = 0; k < items.length; k += 2) d.$dict.push([items[k], items[k + 1]]);
        break;
      }
      case 0x63: {
        // GLOBAL "module\nname\n"
        const end1 = bytes.indexOf(0x0a, i);
        const end2 = bytes.indexOf(0x0a, end1 + 1);
        stack.push({ $global: `${text.decode(bytes.subarray(i, end1))}.${text.decode(bytes.subarray(end1 + 1, end2))}` });
        i = end2 + 1;
        break;
      }
      case 0x93: {
        // STACK_GLOBAL (protocol 4+)
        const name = stack.pop() as string;
        const module = stack.pop() as string;
        stack.push({ $global: `${module}.${name}` });
        break;
      }
      case 0x6f: {
        // OBJ: MARK class args...
        const items = popMark();
        stack.push({ $object: (items[0] as { $global: string }).$global, state: null });
        break;
      }
      case 0x81: {
        // NEWOBJ: class args
        stack.pop();
        const cls = stack.pop() as { $global: string };
        stack.push({ $object: cls.$global, state: null });
        break;
      }
      case 0x62: {
        // BUILD
        const state = stack.pop() as Typed;
        (stack[stack.length - 1] as { state: Typed }).state = state;
        break;
      }
      case 0x71: // BINPUT
        memo.set(bytes[i++], stack[stack.length - 1]);
        break;
      case 0x72: // LONG_BINPUT
        memo.set(view.getUint32(i, true), stack[stack.length - 1]);
        i += 4;
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, stack[stack.length - 1]);
        break;
      case 0x68: // BINGET
        stack.push(memo.get(bytes[i++])!);
        break;
      case 0x6a: // LONG_BINGET
        stack.push(memo.get(view.getUint32(i, true))!);
        i += 4;
        break;
      default:
        throw new Error(`pickle opcode 0x${op.toString(16)} at ${i - 1} is not expected in a find answer`);
    }
  }
}

/** Decodes msgpack keeping floats apart from ints. */
export function readMsgpack(bytes: Uint8Array): Typed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let i = 0;
  const str = (n: number): string => {
    const s = text.decode(bytes.subarray(i, i + n));
    i += n;
    return s;
  };
  const value = (): Typed => {
    const c = bytes[i++];
    if (c <= 0x7f) return { $int: c };
    if (c >= 0xe0) return { $int: c - 0x100 };
    if (c >= 0xa0 && c <= 0xbf) return str(c & 0x1f);
    if (c >= 0x90 && c <= 0x9f) return array(c & 0x0f);
    if (c >= 0x80 && c <= 0x8f) return map(c & 0x0f);
    switch (c) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xcb: {
        const v = view.getFloat64(i);
        i += 8;
        return { $float: pyFloatRepr(v) };
      }
      case 0xcc:
        return { $int: bytes[i++] };
      case 0xcd:
        i += 2;
        return { $int: view.getUint16(i - 2) };
      case 0xce:
        i += 4;
        return { $int: view.getUint32(i - 4) };
      case 0xd9:
        return str(bytes[i++]);
      case 0xda:
        i += 2;
        return str(view.getUint16(i - 2));
      case 0xdb:
        i += 4;
        return str(view.getUint32(i - 4));
      case 0xdc:
        i += 2;
        return array(view.getUint16(i - 2));
      case 0xdd:
        i += 4;
        return array(view.getUint32(i - 4));
      case 0xde:
        i += 2;
        return map(view.getUint16(i - 2));
      default:
        throw new Error(`msgpack type 0x${c.toString(16)} not expected in a find answer`);
    }
  };
  const array = (n: number): Typed[] => Array.from({ length: n }, () => value());
  const map = (n: number): Typed => {
    const pairs: Array<[Typed, Typed]> = [];
    for (let k = 0; k < n; k++) pairs.push([value(), value()]);
    return { $dict: pairs };
  };
  const out = value();
  if (i !== bytes.length) throw new Error(`msgpack: ${bytes.length - i} trailing bytes`);
  return out;
}
