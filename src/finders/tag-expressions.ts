import { compileTagRegex, DEFAULT_MAX_PATTERN_LENGTH, literalPrefix, TagRegexError, type ValueTest } from './tags/tag-regex.js';

/** A tag expression graphite-web would refuse (`seriesByTag('x')`, only empty-matching ones). */
export class TagExpressionError extends Error {
  override readonly name = 'TagExpressionError';
}

/** A series' tags as graphite-web's TaggedSeries holds them: `name` included. */
export type SeriesTags = Readonly<Record<string, string>>;

export type TagOperator = '=' | '!=' | '=~' | '!=~';

/**
 * One of graphite's tag expressions (`tag=v`, `tag!=v`, `tag=~re`, `tag!=~re`), read as
 * graphite-web 1.1.8's LocalDatabaseTagDB reads it:
 * - an expression an empty value satisfies (`matchesEmpty`) also matches series without the
 *   tag; one that does not requires the tag;
 * - regular expressions (Python syntax) are anchored at the start (`^(re)` unless they start
 *   with `^`); one that requires a value is searched in the value (the SQL REGEXP of Django's
 *   sqlite backend), one that an empty value satisfies is matched at its start (re.match).
 */
export interface TagConstraint {
  readonly expression: string;
  readonly tag: string;
  readonly operator: TagOperator | 'prefix';
  /** the value of `=` and `!=`, the anchored pattern of a regex, the prefix of `prefix` */
  readonly spec: string;
  readonly matchesEmpty: boolean;
  /** text every value satisfying the expression starts with ('' when unknown) */
  readonly valuePrefix: string;
  /** whether testing a value runs a regular expression (tests are counted and bounded) */
  readonly isRegex: boolean;
  /** whether a series whose value of the tag is `value` (undefined: it lacks the tag) matches */
  matches(value: string | undefined): boolean;
}

const TAGSPEC = /^([^;!=]+)(!?=~?)([^;]*)$/;

/** graphite-web's parse_tagspec alone: the tag an expression names; throws TagExpressionError. */
export function tagOfExpression(expression: string): string {
  return splitTagspec(expression)[0];
}

function splitTagspec(expression: string): [tag: string, operator: string, spec: string] {
  const m = TAGSPEC.exec(expression);
  if (m === null) throw new TagExpressionError(`Invalid tagspec ${expression}`);
  return [m[1], m[2], m[3]];
}

/** graphite-web's parse_tagspec and the compiled test; throws TagExpressionError. */
export function parseTagExpression(expression: string, maxPatternLength = DEFAULT_MAX_PATTERN_LENGTH): TagConstraint {
  const [tag, op, raw] = splitTagspec(expression);
  const operator = op as TagOperator;
  if (operator === '=' || operator === '!=') {
    const equal = operator === '=';
    const matchesEmpty = equal === (raw === '');
    return {
      expression,
      tag,
      operator,
      spec: raw,
      matchesEmpty,
      valuePrefix: equal ? raw : '',
      isRegex: false,
      matches: matchesEmpty ? (v) => ((v ?? '') === raw) === equal : (v) => v !== undefined && (v === raw) === equal,
    };
  }
  const negated = operator === '!=~';
  const spec = raw.startsWith('^') ? raw : `^(${raw})`;
  let search: ValueTest;
  let match: ValueTest;
  try {
    search = compileTagRegex(spec, 'search', maxPatternLength);
    match = compileTagRegex(spec, 'match', maxPatternLength);
  } catch (err) {
    if (err instanceof TagRegexError) throw new TagExpressionError(`${err.message} in tagspec ${expression}`);
    throw err;
  }
  const matchesEmpty = match('') !== negated;
  return {
    expression,
    tag,
    operator,
    spec,
    matchesEmpty,
    valuePrefix: negated ? '' : literalPrefix(spec),
    isRegex: true,
    matches: matchesEmpty ? (v) => match(v ?? '') !== negated : (v) => v !== undefined && search(v) !== negated,
  };
}

/** Not a graphite expression: the tag is present and its value starts with `prefix` (autocomplete's valuePrefix). */
export function prefixConstraint(tag: string, prefix: string): TagConstraint {
  return {
    expression: `${tag} starts with ${prefix}`,
    tag,
    operator: 'prefix',
    spec: prefix,
    matchesEmpty: false,
    valuePrefix: prefix,
    isRegex: false,
    matches: (v) => v !== undefined && v.startsWith(prefix),
  };
}

/** Every expression parsed, in order (the first bad one reported); at least one must not match the empty value. */
export function parseTagExpressions(expressions: readonly string[], maxPatternLength = DEFAULT_MAX_PATTERN_LENGTH): TagConstraint[] {
  const constraints = expressions.map((e) => parseTagExpression(e, maxPatternLength));
  if (constraints.every((c) => c.matchesEmpty)) throw new TagExpressionError('At least one tagspec must not match the empty string');
  return constraints;
}

/**
 * graphite's tag expressions as one test of a series' tags (`name` included), with the
 * semantics of parseTagExpression: what graphite-web's tag database answers, evaluated over one
 * series at a time (the reference the tag index is checked against).
 */
export function compileTagExpressions(expressions: readonly string[]): (tags: SeriesTags) => boolean {
  const constraints = parseTagExpressions(expressions);
  return (tags) => constraints.every((c) => c.matches(tags[c.tag]));
}
