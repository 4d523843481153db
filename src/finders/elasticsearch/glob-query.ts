import type { estypes } from '@elastic/elasticsearch';
import type { ElementMatcher } from '../glob/compile.js';
import type { Token } from '../glob/fnmatch.js';
import { positionField } from './mappings.js';

type Query = estypes.QueryDslQueryContainer;

/** Most values in one terms query (Elasticsearch's index.max_terms_count is 65536). */
const MAX_TERMS = 65_536;

/**
 * The bool query of a find pattern's elements (none empty, no `**`): nodes of that depth whose
 * segment at each position is one of the element's literals (a term or terms query) or matches
 * one of its wildcard variants (a wildcard query, only where the element has a wildcard; a
 * character set `[...]` is widened to `?`). Exact for literals, `*` and `?`; for sets a superset
 * that the caller narrows with the element's own test.
 */
export function findQuery(elements: readonly ElementMatcher[], leavesOnly: boolean): Query {
  const filter: Query[] = [{ term: { depth: elements.length } }];
  if (leavesOnly) filter.push({ term: { leaf: true } });
  elements.forEach((e, i) => {
    const q = elementQuery(e, positionField(i));
    if (q !== null) filter.push(q);
  });
  return { bool: { filter } };
}

/** The query of one element at `field`, or null when every segment matches. */
function elementQuery(e: ElementMatcher, field: string): Query | null {
  if (e.matchesAll) return null;
  const should: Query[] = [];
  for (let i = 0; i < e.literals.length; i += MAX_TERMS) should.push({ terms: { [field]: e.literals.slice(i, i + MAX_TERMS) } });
  for (const tokens of e.globs ?? []) {
    const q = globQuery(tokens, field);
    if (q === 'all') return null;
    if (q !== null) should.push(q);
  }
  if (should.length === 0) return { match_none: {} };
  return should.length === 1 ? should[0] : { bool: { should, minimum_should_match: 1 } };
}

/** A wildcard query matching at least the variant's segments; 'all' when any segment matches; null when none can. */
function globQuery(tokens: readonly Token[], field: string): Query | 'all' | null {
  let value = '';
  for (const t of tokens) {
    switch (t.kind) {
      case 'star':
        value += '*';
        break;
      case 'any':
      case 'set':
        value += '?';
        break;
      case 'char':
        value += escapeWildcard(String.fromCodePoint(t.cp));
        break;
      case 'never':
        return null;
    }
  }
  if (/^\*+$/.test(value)) return 'all';
  return { wildcard: { [field]: { value } } };
}

function escapeWildcard(ch: string): string {
  return ch === '*' || ch === '?' || ch === '\\' ? `\\${ch}` : ch;
}

/** Whether a node's segments match every element exactly (graphite-web's fnmatch semantics). */
export function matchesElements(path: string, elements: readonly ElementMatcher[]): boolean {
  const segments = path.split('.');
  if (segments.length !== elements.length) return false;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    const s = segments[i];
    if (e.matchesAll && s !== '') continue;
    if (e.literals.includes(s)) continue;
    if (e.test !== null && e.test(s)) continue;
    return false;
  }
  return true;
}
