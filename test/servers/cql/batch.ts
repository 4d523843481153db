// Batches: `BEGIN [UNLOGGED] BATCH ... APPLY BATCH` in CQL text, and the size guard shared with
// the BATCH message. Every statement of a batch gets the batch's one timestamp, and all are
// checked before any is applied.

import type { BatchStatement } from './ast.js';
import { CqlError } from './errors.js';
import type { ExecContext, Mutation, Plan } from './plan.js';
import type { TableData } from './table-data.js';
import { Bindings, bigintTerm } from './terms.js';
import { UNSET } from './frame.js';

/** cassandra.yaml: batch_size_warn_threshold_in_kb (5) and batch_size_fail_threshold_in_kb (50). */
export const BATCH_WARN_BYTES = 5 * 1024;
export const BATCH_FAIL_BYTES = 50 * 1024;

/**
 * Cassandra's batch size guard (BatchStatement.verifyBatchSize): a batch touching more than one
 * partition warns past 5 KiB of mutations and fails past 50 KiB; an unlogged batch over many
 * partitions warns too.
 */
export function checkBatchSize(mutations: Mutation[], warnings: string[], unlogged: boolean): void {
  const partitions = new Set<string>();
  let size = 0;
  for (const m of mutations) {
    partitions.add(`${m.data.schema.keyspace}.${m.data.schema.name}\u0000${m.partition}`);
    size += m.size;
  }
  if (partitions.size <= 1) return;
  const tables = [...new Set(mutations.map((m) => `${m.data.schema.keyspace}.${m.data.schema.name}`))].join(', ');
  if (size > BATCH_FAIL_BYTES) throw CqlError.invalid('Batch too large');
  if (size > BATCH_WARN_BYTES) warnings.push(`Batch for [${tables}] is of size ${size}, exceeding specified threshold of ${BATCH_WARN_BYTES} by ${size - BATCH_WARN_BYTES}.`);
  if (unlogged && partitions.size > 10)
    warnings.push(`Unlogged batch covering ${partitions.size} partitions detected against table [${tables}]. You should use a logged batch for atomicity, or asynchronous writes for performance.`);
}

export function compileBatch(st: BatchStatement, markers: number, compileOne: (s: BatchStatement['statements'][number]) => { data: TableData; plan: Plan }): Plan {
  if (st.kind === 'counter') throw CqlError.invalid('Counter batches are not supported by the test server');
  if (st.using.ttl) throw CqlError.invalid('Global TTL on the BATCH statement is not supported.');
  const b = new Bindings(markers);
  const ts = st.using.timestamp ? bigintTerm(st.using.timestamp, '[timestamp]', b) : null;
  const plans = st.statements.map((s) => {
    const { plan } = compileOne(s);
    if (plan.conditional) throw CqlError.invalid('Conditional statements in batches are not supported by the test server');
    plan.bindings.vars.forEach((v, i) => v && !b.vars[i] && b.declare(i, v.name, v.type));
    return plan;
  });
  const mutations = (ctx: ExecContext): Mutation[] => {
    let at = ctx.timestamp();
    if (ts) {
      const v = ts(ctx.values);
      if (v === null) throw CqlError.invalid('Invalid null value of timestamp');
      if (v !== UNSET) at = Number(v);
    }
    const shared: ExecContext = { ...ctx, timestamp: () => at };
    return plans.flatMap((p) => p.mutations!(shared));
  };
  return {
    kind: 'write',
    bindings: b,
    pkIndexes: [],
    resultColumns: [],
    mutations,
    execute(ctx) {
      const ms = mutations(ctx);
      checkBatchSize(ms, ctx.warnings, st.kind === 'unlogged');
      for (const m of ms) m.apply();
      return { kind: 'void' };
    },
  };
}
