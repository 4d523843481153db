import type { StorageSchema } from '../../series/types.js';
import { planFor, type SchemaPlan } from './series-state.js';

/**
 * One SchemaPlan per distinct schema, shared by every series stored with it (a plan is per
 * schema, not per series: there are millions of series and a handful of schemas).
 */
export class SchemaPlans {
  private readonly byKey = new Map<string, SchemaPlan>();
  private readonly byRetentions = new WeakMap<object, Map<string, SchemaPlan>>();

  planOf(schema: StorageSchema): SchemaPlan {
    // rules hand out the same retentions array for every series they match: no JSON per series
    let byRule = this.byRetentions.get(schema.retentions);
    if (byRule === undefined) this.byRetentions.set(schema.retentions, (byRule = new Map()));
    const short = `${schema.aggregation}:${schema.xFilesFactor}`;
    const cached = byRule.get(short);
    if (cached !== undefined) return cached;
    // schemas decoded from the registry are new objects each time: a key without JSON
    let key = `${schema.aggregation}|${schema.xFilesFactor}`;
    for (const r of schema.retentions) key += `|${r.step}:${r.retention}`;
    let plan = this.byKey.get(key);
    if (plan === undefined) this.byKey.set(key, (plan = planFor(schema)));
    byRule.set(short, plan);
    return plan;
  }
}
