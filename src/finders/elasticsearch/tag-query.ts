import type { estypes } from '@elastic/elasticsearch';
import { splitTagExpression } from '../tag-postings.js';

type Query = estypes.QueryDslQueryContainer;

/**
 * The bool query of graphite tag expressions over the tagged leaves' `k=v` pairs: exact where
 * a term or a prefix says it (`k=v`; `k!=v` and `k=` exclude; `k!=` needs the tag), the tag's
 * presence for a regular expression that needs a value, nothing for one an empty value
 * satisfies. A superset of the answer, which the caller narrows with the expressions' own test
 * (Python regular expressions are not Lucene's).
 */
export function tagQuery(expressions: readonly string[]): Query {
  const filter: Query[] = [{ exists: { field: 'name' } }];
  const mustNot: Query[] = [];
  for (const { tag, operator, spec, requiresValue } of expressions.map(splitTagExpression)) {
    const has = { prefix: { tags: `${tag}=` } };
    if (operator === '=' && spec !== '') filter.push({ term: { tags: `${tag}=${spec}` } });
    else if (operator === '!=' && spec !== '') mustNot.push({ term: { tags: `${tag}=${spec}` } });
    // `k=` matches exactly the series without the tag (values are never empty)
    else if (operator === '=') mustNot.push(has);
    // `k!=`, and a regular expression an empty value does not satisfy, need the tag
    else if (requiresValue) filter.push(has);
  }
  return { bool: { filter, must_not: mustNot } };
}
