// CQL data types: their names in CQL text and in system_schema, their [option] ids in result
// metadata (native_protocol_v4.spec 4.2.5.2), the checks a bound value must pass (section 6),
// and the order Cassandra sorts serialized values of each type in (its AbstractType comparators).
// Values are kept serialized, exactly as they travel; only comparisons look inside them.

export type NativeName =
  | 'ascii'
  | 'bigint'
  | 'blob'
  | 'boolean'
  | 'double'
  | 'float'
  | 'inet'
  | 'int'
  | 'smallint'
  | 'text'
  | 'timestamp'
  | 'timeuuid'
  | 'tinyint'
  | 'uuid'
  | 'varint';

export type CqlType =
  | { kind: 'native'; name: NativeName }
  | { kind: 'list'; elem: CqlType; frozen: boolean }
  | { kind: 'set'; elem: CqlType; frozen: boolean }
  | { kind: 'map'; key: CqlType; value: CqlType; frozen: boolean };

const OPTION_ID: Record<NativeName, number> = {
  ascii: 0x0001,
  bigint: 0x0002,
  blob: 0x0003,
  boolean: 0x0004,
  double: 0x0007,
  float: 0x0008,
  int: 0x0009,
  timestamp: 0x000b,
  uuid: 0x000c,
  text: 0x000d,
  varint: 0x000e,
  timeuuid: 0x000f,
  inet: 0x0010,
  smallint: 0x0013,
  tinyint: 0x0014,
};

/** Fixed serialized sizes (section 6); 0 bytes ("empty") is also accepted for each, as Cassandra does. */
const FIXED_SIZE: Partial<Record<NativeName, number>> = {
  bigint: 8,
  boolean: 1,
  double: 8,
  float: 4,
  int: 4,
  smallint: 2,
  timestamp: 8,
  timeuuid: 16,
  tinyint: 1,
  uuid: 16,
};

export const native = (name: NativeName): CqlType => ({ kind: 'native', name });
export const T = {
  ascii: native('ascii'),
  bigint: native('bigint'),
  blob: native('blob'),
  boolean: native('boolean'),
  double: native('double'),
  float: native('float'),
  inet: native('inet'),
  int: native('int'),
  text: native('text'),
  timestamp: native('timestamp'),
  uuid: native('uuid'),
};

const ALIASES: Record<string, NativeName> = { varchar: 'text' };

export function isNativeName(s: string): boolean {
  return s in OPTION_ID || s in ALIASES;
}

export function nativeType(s: string): CqlType | undefined {
  const n = ALIASES[s] ?? s;
  return n in OPTION_ID ? native(n as NativeName) : undefined;
}

/** The type as system_schema.columns.type spells it (Cassandra 3+: CQL syntax). */
export function typeName(t: CqlType): string {
  switch (t.kind) {
    case 'native':
      return t.name;
    case 'list':
    case 'set': {
      const s = `${t.kind}<${typeName(t.elem)}>`;
      return t.frozen ? `frozen<${s}>` : s;
    }
    case 'map': {
      const s = `map<${typeName(t.key)}, ${typeName(t.value)}>`;
      return t.frozen ? `frozen<${s}>` : s;
    }
  }
}

export function writeTypeOption(w: { short(v: number): unknown }, t: CqlType): void {
  switch (t.kind) {
    case 'native':
      w.short(OPTION_ID[t.name]);
      return;
    case 'list':
      w.short(0x20);
      writeTypeOption(w, t.elem);
      return;
    case 'set':
      w.short(0x22);
      writeTypeOption(w, t.elem);
      return;
    case 'map':
      w.short(0x21);
      writeTypeOption(w, t.key);
      writeTypeOption(w, t.value);
      return;
  }
}

export function sameType(a: CqlType, b: CqlType): boolean {
  return typeName(a) === typeName(b);
}

// ---- validation of serialized values -------------------------------------------------------

/** Why a serialized value is not of type `t`, or null when it is. */
export function invalidValue(t: CqlType, v: Buffer): string | null {
  if (t.kind === 'native') {
    const size = FIXED_SIZE[t.name];
    if (size !== undefined && v.length !== size && v.length !== 0)
      return `Expected ${size} or 0 byte value for ${t.name} (${v.length})`;
    if (t.name === 'ascii') {
      for (let i = 0; i < v.length; i++) if (v[i] > 127) return `Invalid byte for ascii: ${v[i]}`;
    }
    if (t.name === 'inet' && v.length !== 4 && v.length !== 16 && v.length !== 0) return `Invalid inet address length ${v.length}`;
    return null;
  }
  const parts = splitCollection(t, v);
  if (typeof parts === 'string') return parts;
  for (const [i, p] of parts.entries()) {
    if (p === null) return 'null is not supported inside collections';
    const et = t.kind === 'map' ? (i % 2 === 0 ? t.key : t.value) : t.elem;
    const why = invalidValue(et, p);
    if (why) return why;
  }
  return null;
}

/** The elements of a serialized collection (for a map: key, value, key, value, ...). */
export function splitCollection(t: CqlType, v: Buffer): (Buffer | null)[] | string {
  if (v.length < 4) return 'Not enough bytes to read a collection';
  const n = v.readInt32BE(0);
  const count = t.kind === 'map' ? n * 2 : n;
  if (n < 0) return 'negative collection size';
  const out: (Buffer | null)[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    if (at + 4 > v.length) return 'Not enough bytes to read a collection element';
    const len = v.readInt32BE(at);
    at += 4;
    if (len < 0) {
      out.push(null);
      continue;
    }
    if (at + len > v.length) return 'Not enough bytes to read a collection element';
    out.push(v.subarray(at, at + len));
    at += len;
  }
  if (at !== v.length) return 'Unexpected extraneous bytes after collection value';
  return out;
}

export function joinCollection(count: number, parts: readonly Buffer[]): Buffer {
  let size = 4;
  for (const p of parts) size += 4 + p.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(count, 0);
  let at = 4;
  for (const p of parts) {
    out.writeInt32BE(p.length, at);
    p.copy(out, at + 4);
    at += 4 + p.length;
  }
  return out;
}

/**
 * A set or map as Cassandra returns it: elements (keys) sorted by their type's order, without
 * duplicates (the last duplicate key of a map wins, as a later put does). Lists are kept as given.
 */
export function normalizeCollection(t: CqlType, v: Buffer): Buffer {
  if (t.kind === 'set') {
    const parts = splitCollection(t, v) as Buffer[];
    const cmp = comparator(t.elem);
    parts.sort(cmp);
    const uniq = parts.filter((p, i) => i === 0 || cmp(parts[i - 1], p) !== 0);
    return joinCollection(uniq.length, uniq);
  }
  if (t.kind === 'map') {
    const parts = splitCollection(t, v) as Buffer[];
    const cmp = comparator(t.key);
    const entries: [Buffer, Buffer][] = [];
    for (let i = 0; i < parts.length; i += 2) entries.push([parts[i], parts[i + 1]]);
    const byKey: [Buffer, Buffer][] = [];
    for (const e of entries) {
      const j = byKey.findIndex((x) => cmp(x[0], e[0]) === 0);
      if (j >= 0) byKey[j] = e;
      else byKey.push(e);
    }
    byKey.sort((a, b) => cmp(a[0], b[0]));
    return joinCollection(byKey.length, byKey.flat());
  }
  return v;
}

// ---- ordering -------------------------------------------------------------------------------

export type Comparator = (a: Buffer, b: Buffer) => number;

const bytesCompare: Comparator = (a, b) => Buffer.compare(a, b);

function emptyFirst(inner: Comparator): Comparator {
  // Cassandra sorts the empty value before every other value of fixed-size types.
  return (a, b) => (a.length === 0 || b.length === 0 ? a.length - b.length : inner(a, b));
}

function floatCompare(a: number, b: number): number {
  // java.lang.Double.compare: -0.0 < 0.0 and NaN above everything.
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return a === 0 ? Math.sign(1 / a - 1 / b) : 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an === bn ? 0 : an ? 1 : -1;
}

function uuidTimestamp(v: Buffer): bigint {
  const hi = BigInt(v.readUInt16BE(6) & 0x0fff);
  const mid = BigInt(v.readUInt16BE(4));
  const low = BigInt(v.readUInt32BE(0));
  return (hi << 48n) | (mid << 32n) | low;
}

function signedBytesCompare(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = ((a[i] << 24) >> 24) - ((b[i] << 24) >> 24);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const timeuuidCompare: Comparator = (a, b) => {
  // TimeUUIDType: by the embedded timestamp, then by the bytes (signed) as Cassandra compares.
  const ta = uuidTimestamp(a);
  const tb = uuidTimestamp(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return signedBytesCompare(a, b);
};

const uuidCompare: Comparator = (a, b) => {
  // UUIDType: by version first; two version-1 uuids by time, then bytes.
  const va = a[6] >> 4;
  const vb = b[6] >> 4;
  if (va !== vb) return va - vb;
  if (va === 1) return timeuuidCompare(a, b);
  return Buffer.compare(a, b);
};

function varintCompare(a: Buffer, b: Buffer): number {
  const x = readVarint(a);
  const y = readVarint(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function readVarint(v: Buffer): bigint {
  if (v.length === 0) return 0n;
  return BigInt.asIntN(v.length * 8, BigInt('0x' + v.toString('hex')));
}

const comparators = new Map<string, Comparator>();

/** How Cassandra orders two serialized values of type t (ascending). */
export function comparator(t: CqlType): Comparator {
  const key = typeName(t);
  let c = comparators.get(key);
  if (c) return c;
  c = makeComparator(t);
  comparators.set(key, c);
  return c;
}

function makeComparator(t: CqlType): Comparator {
  if (t.kind !== 'native') {
    const elem = t.kind === 'map' ? null : comparator(t.elem);
    const kc = t.kind === 'map' ? comparator(t.key) : null;
    const vc = t.kind === 'map' ? comparator(t.value) : null;
    return (a, b) => {
      const pa = splitCollection(t, a) as Buffer[];
      const pb = splitCollection(t, b) as Buffer[];
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const c = elem ? elem(pa[i], pb[i]) : i % 2 === 0 ? kc!(pa[i], pb[i]) : vc!(pa[i], pb[i]);
        if (c !== 0) return c;
      }
      return pa.length - pb.length;
    };
  }
  switch (t.name) {
    case 'ascii':
    case 'text':
    case 'blob':
    case 'inet':
      return bytesCompare;
    case 'boolean':
      return emptyFirst((a, b) => (a[0] !== 0 ? 1 : 0) - (b[0] !== 0 ? 1 : 0));
    case 'tinyint':
      return emptyFirst((a, b) => a.readInt8(0) - b.readInt8(0));
    case 'smallint':
      return emptyFirst((a, b) => a.readInt16BE(0) - b.readInt16BE(0));
    case 'int':
      return emptyFirst((a, b) => a.readInt32BE(0) - b.readInt32BE(0));
    case 'bigint':
    case 'timestamp':
      return emptyFirst((a, b) => {
        const d = a.readInt32BE(0) - b.readInt32BE(0);
        return d !== 0 ? d : a.readUInt32BE(4) - b.readUInt32BE(4);
      });
    case 'double':
      return emptyFirst((a, b) => floatCompare(a.readDoubleBE(0), b.readDoubleBE(0)));
    case 'float':
      return emptyFirst((a, b) => floatCompare(a.readFloatBE(0), b.readFloatBE(0)));
    case 'uuid':
      return emptyFirst(uuidCompare);
    case 'timeuuid':
      return emptyFirst(timeuuidCompare);
    case 'varint':
      return emptyFirst(varintCompare);
  }
}

// ---- serialization of JS values (literals and the server's own rows) ------------------------

export function encodeInt(v: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(v);
  return b;
}
export function encodeBigint(v: bigint): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64BE(v);
  return b;
}
export function encodeDouble(v: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(v);
  return b;
}
export function encodeText(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}
export function encodeBoolean(v: boolean): Buffer {
  return Buffer.from([v ? 1 : 0]);
}
export function encodeInet(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}
export function encodeUuid(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, ''), 'hex');
}
export function encodeVarint(v: bigint): Buffer {
  // the shortest two's complement form (section 6.23)
  let n = 1;
  while (v < -(1n << BigInt(8 * n - 1)) || v >= 1n << BigInt(8 * n - 1)) n++;
  return Buffer.from(BigInt.asUintN(8 * n, v).toString(16).padStart(2 * n, '0'), 'hex');
}
export function encodeSet(t: CqlType, parts: Buffer[]): Buffer {
  return normalizeCollection(t, joinCollection(parts.length, parts));
}
export function encodeMap(t: CqlType, entries: [Buffer, Buffer][]): Buffer {
  return normalizeCollection(t, joinCollection(entries.length, entries.flat()));
}
export function textMap(obj: Record<string, string>): Buffer {
  const t: CqlType = { kind: 'map', key: T.text, value: T.text, frozen: true };
  return encodeMap(
    t,
    Object.entries(obj).map(([k, v]) => [encodeText(k), encodeText(v)]),
  );
}
export function textSet(items: readonly string[]): Buffer {
  return encodeSet({ kind: 'set', elem: T.text, frozen: true }, items.map(encodeText));
}
export function textList(items: readonly string[]): Buffer {
  return joinCollection(items.length, items.map(encodeText));
}

/** A serialized value as readable text, for error messages and the test helpers. */
export function describeValue(t: CqlType, v: Buffer): string {
  if (t.kind !== 'native') return `0x${v.toString('hex')}`;
  if (v.length === 0) return "''";
  switch (t.name) {
    case 'ascii':
    case 'text':
      return v.toString('utf8');
    case 'int':
      return String(v.readInt32BE(0));
    case 'bigint':
    case 'timestamp':
      return String(v.readBigInt64BE(0));
    case 'smallint':
      return String(v.readInt16BE(0));
    case 'tinyint':
      return String(v.readInt8(0));
    case 'boolean':
      return String(v[0] !== 0);
    case 'double':
      return String(v.readDoubleBE(0));
    case 'float':
      return String(v.readFloatBE(0));
    default:
      return `0x${v.toString('hex')}`;
  }
}
