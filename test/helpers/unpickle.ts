/**
 * A small Python unpickler for what graphite answers hold (None, bools, ints, floats, str,
 * lists, tuples, dicts; protocols 2-5 with memo and frames), to compare pickle answers by
 * value in tests.
 */
export type PyValue = null | boolean | number | bigint | string | PyValue[] | Map<string, PyValue>;

export function unpickle(buf: Buffer): PyValue {
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo: unknown[] = [];
  let i = 0;
  const popMark = () => {
    const m = marks.pop()!;
    return stack.splice(m);
  };
  for (;;) {
    const op = buf[i++];
    switch (op) {
      case 0x80: i++; break; // PROTO
      case 0x95: i += 8; break; // FRAME
      case 0x2e: return stack.pop() as PyValue; // STOP
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x4e: stack.push(null); break;
      case 0x88: stack.push(true); break;
      case 0x89: stack.push(false); break;
      case 0x4a: stack.push(buf.readInt32LE(i)); i += 4; break;
      case 0x4b: stack.push(buf[i]); i += 1; break;
      case 0x4d: stack.push(buf.readUInt16LE(i)); i += 2; break;
      case 0x8a: { // LONG1
        const n = buf[i++];
        let v = 0n;
        for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(buf[i + k]);
        if (n > 0 && buf[i + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        i += n;
        stack.push(Number(v));
        break;
      }
      case 0x47: stack.push(buf.readDoubleBE(i)); i += 8; break;
      case 0x8c: { const n = buf[i++]; stack.push(buf.toString('utf8', i, i + n)); i += n; break; }
      case 0x58: { const n = buf.readUInt32LE(i); i += 4; stack.push(buf.toString('utf8', i, i + n)); i += n; break; }
      case 0x5d: stack.push([]); break;
      case 0x29: stack.push([]); break;
      case 0x7d: stack.push(new Map()); break;
      case 0x94: memo.push(stack[stack.length - 1]); break; // MEMOIZE
      case 0x71: memo[buf[i++]] = stack[stack.length - 1]; break; // BINPUT
      case 0x72: memo[buf.readUInt32LE(i)] = stack[stack.length - 1]; i += 4; break;
      case 0x68: stack.push(memo[buf[i++]]); break; // BINGET
      case 0x6a: stack.push(memo[buf.readUInt32LE(i)]); i += 4; break;
      case 0x61: { const v = stack.pop(); (stack[stack.length - 1] as unknown[]).push(v); break; }
      case 0x65: { const items = popMark(); (stack[stack.length - 1] as unknown[]).push(...items); break; }
      case 0x73: { const v = stack.pop(); const k = stack.pop(); (stack[stack.length - 1] as Map<unknown, unknown>).set(k, v); break; }
      case 0x75: { const items = popMark(); const d = stack[stack.length - 1] as Map<unknown, unknown>; for (let k = 0; k < items.length; k += 2) d.set(items[k], items[k + 1]); break; }
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x85: stack.push([stack.pop()]); break;
      case 0x86: { const b = stack.pop(); const a = stack.pop(); stack.push([a, b]); break; }
      case 0x87: { const c = stack.pop(); const b = stack.pop(); const a = stack.pop(); stack.push([a, b, c]); break; }
      default:
        throw new Error(`unpickle: opcode 0x${op?.toString(16)} at ${i - 1} not supported`);
    }
  }
}

/** Maps to plain objects, recursively, for deep comparison. */
export function plain(v: PyValue): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  return v;
}
