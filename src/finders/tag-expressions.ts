import { compilePythonRegex } from '../lib/python-regex.js';

/** A tag expression graphite-web would refuse (`seriesByTag('x')`, only empty-matching ones). */
export class TagExpressionError extends Error {
  override readonly name = 'TagExpressionError';
}

/** A series' tags as graphite-web's TaggedSeries holds them: `name` included. */
export type SeriesTags = Readonly<Record<string, string>>;

type Test = (tags: SeriesTags) => boolean;

/**
 * Compiles graphite's tag expressions (`tag=v`, `tag!=v`, `tag=~re`, `tag!=~re`) into one test
 * of a series' tags, with the semantics of graphite-web 1.1.8's LocalDatabaseTagDB:
 * - an expression that an empty value satisfies also matches series without the tag, and at
 *   least one expression must require a non-empty value;
 * - regular expressions (Python syntax) are anchored at the start (`^(re)` unless they start
 *   with `^`); one that requires a value is searched in the value (the SQL REGEXP of Django's
 *   sqlite backend), one that an empty value satisfies is matched at its start (re.match).
 */
export function compileTagExpressions(expressions: readonly string[]): Test {
  const tests: Test[] = [];
  let allMatchEmpty = true;
  for (const expression of expressions) {
    const m = /^([^;!=]+)(!?=~?)([^;]*)$/.exec(expression);
    if (m === null) throw new TagExpressionError(`Invalid tagspec ${expression}`);
    const [, tag, operator, spec] = m;
    let test: Test;
    let matchesEmpty: boolean;
    if (operator === '=' || operator === '!=') {
      const equal = operator === '=';
      matchesEmpty = equal === (spec === '');
      test = matchesEmpty
        ? (tags) => ((tags[tag] ?? '') === spec) === equal
        : (tags) => tags[tag] !== undefined && (tags[tag] === spec) === equal;
    } else {
      const negated = operator === '!=~';
      const anchored = spec.startsWith('^') ? spec : `^(${spec})`;
      let search: RegExp;
      let match: RegExp;
      try {
        search = compilePythonRegex(anchored);
        match = compilePythonRegex(anchored, 'y');
      } catch (err) {
        throw new TagExpressionError(`${(err as Error).message} in tagspec ${expression}`);
      }
      const matches = (value: string) => {
        match.lastIndex = 0;
        return match.test(value);
      };
      matchesEmpty = matches('') !== negated;
      test = matchesEmpty
        ? (tags) => matches(tags[tag] ?? '') !== negated
        : (tags) => tags[tag] !== undefined && search.test(tags[tag]) !== negated;
    }
    allMatchEmpty &&= matchesEmpty;
    tests.push(test);
  }
  if (allMatchEmpty) throw new TagExpressionError('At least one tagspec must not match the empty string');
  return (tags) => tests.every((t) => t(tags));
}
