// WHERE clauses: which relations select partitions (=, IN on the partition key; token ranges),
// which select a slice of rows (=, IN on a clustering prefix, then one range), and which can only
// filter rows. Cassandra's rules on what needs ALLOW FILTERING are enforced with its messages
// (StatementRestrictions in its source; the CQL reference's "The WHERE clause").

import type { Relation, Term } from './ast.js';
import { CqlError } from './errors.js';
import { UNSET } from './frame.js';
import type { ColumnSchema, TableSchema } from './schema.js';
import { type Bindings, type CompiledTerm, type Values, compileTerm } from './terms.js';
import { murmur3Token } from './murmur3.js';
import { serializePartitionKey } from './table-data.js';
import { type Comparator, type CqlType, comparator, splitCollection, typeName } from './types.js';

/** Values of one key column: one for =, several for IN. */
export type MultiValue = (values: Values) => Buffer[];

export interface Bound {
  term: CompiledTerm;
  inclusive: boolean;
}

export interface TokenBound {
  token: (values: Values) => bigint;
  inclusive: boolean;
}

export interface Filter {
  column: ColumnSchema;
  op: '=' | '<' | '<=' | '>' | '>=' | 'IN';
  term: CompiledTerm;
  list?: MultiValue;
  cmp: Comparator;
}

export interface Slice {
  prefix: Buffer[];
  low?: { v: Buffer; inclusive: boolean };
  high?: { v: Buffer; inclusive: boolean };
}

export class Restrictions {
  /** Per partition key column: its values, or undefined when unrestricted. */
  readonly pk: (MultiValue | undefined)[];
  tokenLow?: TokenBound;
  tokenHigh?: TokenBound;
  readonly ckEq: (MultiValue | undefined)[];
  /** Index of the clustering column a range applies to (after an =/IN prefix), and its bounds. */
  rangeColumn = -1;
  low?: Bound;
  high?: Bound;
  readonly filters: Filter[] = [];
  /** How many leading clustering columns are bound by = or IN. */
  ckPrefix = 0;
  hasIn = false;
  pkHasIn = false;

  constructor(readonly table: TableSchema) {
    this.pk = new Array(table.partitionKey.length).fill(undefined);
    this.ckEq = new Array(table.clustering.length).fill(undefined);
  }

  get pkComplete(): boolean {
    return this.pk.every((p) => p !== undefined);
  }
  get pkEmpty(): boolean {
    return this.pk.every((p) => p === undefined);
  }

  /** The partition keys named, each as its component values, in IN order without repeats. */
  partitionKeys(values: Values): Buffer[][] {
    let keys: Buffer[][] = [[]];
    for (const p of this.pk) {
      const vs = p!(values);
      const next: Buffer[][] = [];
      for (const k of keys) for (const v of vs) next.push([...k, v]);
      keys = next;
    }
    if (keys.length <= 1) return keys;
    const seen = new Set<string>();
    return keys.filter((k) => {
      const id = k.map((b) => b.toString('hex')).join(':');
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /** The slices of a partition the clustering restrictions select, in the table's order. */
  slices(values: Values): Slice[] {
    let prefixes: Buffer[][] = [[]];
    for (let i = 0; i < this.ckPrefix; i++) {
      const vs = this.ckEq[i]!(values);
      const next: Buffer[][] = [];
      for (const p of prefixes) for (const v of vs) next.push([...p, v]);
      prefixes = next;
    }
    if (prefixes.length > 1) {
      const cmp = this.table.compareClustering;
      prefixes.sort(cmp);
      prefixes = prefixes.filter((p, i) => i === 0 || cmp(prefixes[i - 1], p) !== 0);
    }
    const low = this.low ? { v: boundValue(this.low.term(values), 'clustering'), inclusive: this.low.inclusive } : undefined;
    const high = this.high ? { v: boundValue(this.high.term(values), 'clustering'), inclusive: this.high.inclusive } : undefined;
    return prefixes.map((prefix) => ({ prefix, low, high }));
  }
}

export function boundValue(v: Buffer | null | typeof UNSET, what: string): Buffer {
  if (v === null) throw CqlError.invalid(`Invalid null value in condition for ${what}`);
  if (v === UNSET) throw CqlError.invalid(`Invalid unset value for ${what}`);
  return v;
}

function listOf(t: CqlType): CqlType {
  return { kind: 'list', elem: t, frozen: false };
}

function compileIn(rel: Extract<Relation, { kind: 'column' }>, col: ColumnSchema, b: Bindings): MultiValue {
  if (rel.inList) {
    const items = rel.inList.map((t) => compileTerm(t, col.type, col.name, b));
    return (values) => items.map((it) => boundValue(it(values), `column ${col.name}`));
  }
  const whole = compileTerm(rel.value, listOf(col.type), `in(${col.name})`, b);
  return (values) => {
    const v = whole(values);
    if (v === null || v === UNSET) throw CqlError.invalid(`Invalid null value for IN restriction on ${col.name}`);
    return splitCollection(listOf(col.type), v) as Buffer[];
  };
}

function compileEq(term: Term, col: ColumnSchema, b: Bindings): MultiValue {
  const f = compileTerm(term, col.type, col.name, b);
  return (values) => [boundValue(f(values), `column ${col.name}`)];
}

const FILTERING_MSG =
  'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';

export interface CompileOptions {
  allowFiltering: boolean;
  /** UPDATE / DELETE: only =/IN on keys (and ranges on clustering for DELETE), no filtering. */
  modification?: 'update' | 'delete';
}

export function compileWhere(table: TableSchema, where: Relation[], b: Bindings, opts: CompileOptions): Restrictions {
  const r = new Restrictions(table);
  const ckRels = new Map<number, Extract<Relation, { kind: 'column' }>[]>();
  for (const rel of where) {
    if (rel.kind === 'token') {
      if (opts.modification) throw CqlError.invalid('The token function cannot be used in WHERE clauses for UPDATE and DELETE statements');
      const names = table.partitionKey.map((c) => c.name);
      if (rel.columns.length !== names.length || rel.columns.some((c, i) => c !== names[i]))
        throw CqlError.invalid(`The token function arguments must be in the partition key order: ${names.join(', ')}`);
      if (rel.op === '=') {
        const t = compileTokenTerm(rel.value, table, b);
        r.tokenLow = { token: t, inclusive: true };
        r.tokenHigh = { token: t, inclusive: true };
        continue;
      }
      const t = compileTokenTerm(rel.value, table, b);
      if (rel.op === '>' || rel.op === '>=') {
        if (r.tokenLow) throw CqlError.invalid('More than one restriction was found for the start bound on partition key token');
        r.tokenLow = { token: t, inclusive: rel.op === '>=' };
      } else if (rel.op === '<' || rel.op === '<=') {
        if (r.tokenHigh) throw CqlError.invalid('More than one restriction was found for the end bound on partition key token');
        r.tokenHigh = { token: t, inclusive: rel.op === '<=' };
      } else throw CqlError.invalid(`Unsupported operator ${rel.op} on token`);
      continue;
    }
    const col = table.column(rel.column);
    if (rel.op === '!=') throw CqlError.syntax(`Unsupported "!=" relation: ${rel.column} != ...`);
    if (rel.op === 'CONTAINS' || rel.op === 'CONTAINS KEY') throw CqlError.invalid(`${rel.op} is not supported by the test server`);
    if (col.kind === 'partition_key') {
      if (rel.op === '=' || rel.op === 'IN') {
        if (r.pk[col.position]) throw CqlError.invalid(`${col.name} cannot be restricted by more than one relation if it includes an Equal`);
        r.pk[col.position] = rel.op === 'IN' ? compileIn(rel, col, b) : compileEq(rel.value, col, b);
        if (rel.op === 'IN') r.pkHasIn = true;
        continue;
      }
      if (opts.modification) throw CqlError.invalid(`Invalid operator ${rel.op} for PRIMARY KEY part ${col.name}`);
      if (!opts.allowFiltering) throw CqlError.invalid('Only EQ and IN relation are supported on the partition key (unless you use the token() function or ALLOW FILTERING)');
      r.filters.push(filterOf(col, rel, b));
      continue;
    }
    if (col.kind === 'clustering') {
      const list = ckRels.get(col.position) ?? [];
      list.push(rel);
      ckRels.set(col.position, list);
      continue;
    }
    if (opts.modification) throw CqlError.invalid(`Non PRIMARY KEY columns found in where clause: ${col.name} `);
    if (rel.op === 'IN') throw CqlError.invalid(`IN predicates on non-primary-key columns (${col.name}) is not yet supported`);
    r.filters.push(filterOf(col, rel, b));
  }
  if (r.tokenLow || r.tokenHigh) {
    if (!r.pkEmpty) throw CqlError.invalid('Columns of the partition key cannot be restricted both by token and by = or IN in the test server');
  }
  if (!r.pkEmpty && !r.pkComplete) {
    const missing = table.partitionKey.find((c) => r.pk[c.position] === undefined)!;
    if (opts.modification) throw CqlError.invalid(`Some partition key parts are missing: ${missing.name}`);
    if (!opts.allowFiltering) throw CqlError.invalid(FILTERING_MSG);
    // with ALLOW FILTERING the restricted parts become filters over a scan
    for (const c of table.partitionKey) {
      const f = r.pk[c.position];
      if (f) r.filters.push({ column: c, op: 'IN', term: () => null, list: f, cmp: comparator(c.type) });
      r.pk[c.position] = undefined;
    }
  }
  if (opts.modification && r.pkEmpty) throw CqlError.invalid(`Some partition key parts are missing: ${table.partitionKey[0].name}`);

  // clustering: an =/IN prefix, then at most one range, in column order
  let i = 0;
  for (; i < table.clustering.length; i++) {
    const rels = ckRels.get(i);
    if (!rels) break;
    const col = table.clustering[i];
    const eq = rels.find((x) => x.op === '=' || x.op === 'IN');
    if (eq) {
      if (rels.length > 1) throw CqlError.invalid(`${col.name} cannot be restricted by more than one relation if it includes an Equal`);
      r.ckEq[i] = eq.op === 'IN' ? compileIn(eq, col, b) : compileEq(eq.value, col, b);
      if (eq.op === 'IN') r.hasIn = true;
      r.ckPrefix = i + 1;
      ckRels.delete(i);
      continue;
    }
    if (opts.modification === 'update') throw CqlError.invalid(`Slice restrictions are not supported on the clustering columns in UPDATE statements`);
    r.rangeColumn = i;
    for (const rel of rels) {
      const t = compileTerm(rel.value, col.type, col.name, b);
      if (rel.op === '>' || rel.op === '>=') {
        if (r.low) throw CqlError.invalid(`More than one restriction was found for the start bound on ${col.name}`);
        r.low = { term: t, inclusive: rel.op === '>=' };
      } else {
        if (r.high) throw CqlError.invalid(`More than one restriction was found for the end bound on ${col.name}`);
        r.high = { term: t, inclusive: rel.op === '<=' };
      }
    }
    ckRels.delete(i);
    i++;
    break;
  }
  for (const [pos, rels] of ckRels) {
    const col = table.clustering[pos];
    if (opts.modification) throw CqlError.invalid(`PRIMARY KEY column "${col.name}" cannot be restricted as preceding column "${table.clustering[pos - 1]?.name}" is not restricted`);
    if (!opts.allowFiltering) {
      const prev = table.clustering[pos - 1];
      if (r.rangeColumn >= 0 && pos > r.rangeColumn)
        throw CqlError.invalid(`Clustering column "${col.name}" cannot be restricted (preceding column "${table.clustering[r.rangeColumn].name}" is restricted by a non-EQ relation)`);
      throw CqlError.invalid(`PRIMARY KEY column "${col.name}" cannot be restricted as preceding column "${prev.name}" is not restricted`);
    }
    for (const rel of rels) r.filters.push(filterOf(col, rel, b));
  }
  if (opts.modification === 'update' && r.ckPrefix < table.clustering.length)
    throw CqlError.invalid(`Some clustering keys are missing: ${table.clustering[r.ckPrefix].name}`);
  if (!opts.modification && !opts.allowFiltering) {
    const ckRestricted = r.ckPrefix > 0 || r.rangeColumn >= 0;
    if (r.filters.length > 0 || (ckRestricted && !r.pkComplete)) throw CqlError.invalid(FILTERING_MSG);
  }
  return r;
}

function filterOf(col: ColumnSchema, rel: Extract<Relation, { kind: 'column' }>, b: Bindings): Filter {
  if (col.type.kind !== 'native' && rel.op !== '=') throw CqlError.invalid(`Slice restrictions are not supported on collections (${col.name} ${typeName(col.type)})`);
  if (rel.op === 'IN') return { column: col, op: 'IN', term: () => null, list: compileIn(rel, col, b), cmp: comparator(col.type) };
  return { column: col, op: rel.op as Filter['op'], term: compileTerm(rel.value, col.type, col.name, b), cmp: comparator(col.type) };
}

/** `token(pk) > ?` takes a bigint; `token(pk) > token('a')` computes one from key values. */
function compileTokenTerm(term: Term, table: TableSchema, b: Bindings): (values: Values) => bigint {
  if (term.t === 'token') {
    const cols = table.partitionKey;
    if (term.args.length !== cols.length) throw CqlError.invalid(`token() needs ${cols.length} argument(s)`);
    const args = term.args.map((a, i) => compileTerm(a, cols[i].type, cols[i].name, b));
    return (values) => murmur3Token(serializePartitionKey(args.map((a, i) => boundValue(a(values), `column ${cols[i].name}`))));
  }
  const f = compileTerm(term, { kind: 'native', name: 'bigint' }, 'partition key token', b);
  return (values) => {
    const v = boundValue(f(values), 'partition key token');
    if (v.length !== 8) throw CqlError.invalid('Invalid empty value for partition key token');
    return v.readBigInt64BE(0);
  };
}

/** Whether a filter accepts a value (null never matches, as in Cassandra). */
export function filterAccepts(f: Filter, v: Buffer | null, values: Values): boolean {
  if (f.op === 'IN') {
    if (v === null) return false;
    return f.list!(values).some((x) => f.cmp(v, x) === 0);
  }
  const t = boundValue(f.term(values), `column ${f.column.name}`);
  if (v === null) return false;
  const c = f.cmp(v, t);
  switch (f.op) {
    case '=':
      return c === 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}
