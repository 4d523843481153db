import { LRUCache } from 'lru-cache';
import { GlobError } from './errors.js';
import { expandBraces, type BraceBudget } from './expand-braces.js';
import { hasWildcard, tokenize, type Token } from './fnmatch.js';
import { compileSegmentTest, type SegmentTest } from './segment-matcher.js';

/** One path level of a pattern: the union of its brace variants. */
export interface ElementMatcher {
  /** variants without wildcards, matched by lookup (may include "", see `matchesEmpty`) */
  readonly literals: readonly string[];
  /** union of the variants with wildcards; null when every variant is literal */
  readonly test: SegmentTest | null;
  /**
   * An empty variant (`a..b`, `a.{,b}`, a trailing dot) stays on the current branch, as
   * graphite-web's os.path.join does with an empty path element.
   */
  readonly matchesEmpty: boolean;
  /**
   * The element is `**`: graphite-web's whisper finder descends into every branch below (and
   * including) the current one, then applies the rest of the pattern (`*` when nothing is left).
   */
  readonly globstar: boolean;
  /** every non-empty segment matches (`*`, `**` inside braces...): no test needed */
  readonly matchesAll: boolean;
  /** the variants with wildcards as fnmatch tokens (what `test` matches), for indices that search by pattern */
  readonly globs?: ReadonlyArray<readonly Token[]>;
}

export type CompiledPattern =
  | {
      readonly kind: 'tree';
      readonly pattern: string;
      readonly elements: readonly ElementMatcher[];
      /**
       * Path elements that graphite-web writes back into each matched path: elements whose
       * pattern escapes `*?[{` with a backslash (metrics whose names hold those characters).
       */
      readonly escaped: ReadonlyArray<{ readonly index: number; readonly text: string }>;
    }
  /** `name;k=v...`: a tagged series, looked up verbatim (graphite-web does not glob these) */
  | { readonly kind: 'tagged'; readonly pattern: string };

export interface GlobLimits {
  /** longest pattern accepted, characters */
  readonly maxPatternLength: number;
  /** most path elements */
  readonly maxElements: number;
  /** longest brace variant of one element */
  readonly maxElementLength: number;
  /** most brace variants of one element */
  readonly maxVariants: number;
  /** characters brace expansion may produce for one element */
  readonly maxBraceWork: number;
  /** brace variants of all elements together */
  readonly maxTotalVariants: number;
  /** characters brace expansion may produce for the whole pattern */
  readonly maxTotalBraceWork: number;
}

export const DEFAULT_GLOB_LIMITS: GlobLimits = {
  // Grafana sends multi-value template variables as one brace list: thousands of host names
  maxPatternLength: 256 * 1024,
  maxElements: 512,
  maxElementLength: 4096,
  maxVariants: 20_000,
  maxBraceWork: 4_000_000,
  maxTotalVariants: 50_000,
  maxTotalBraceWork: 4_000_000,
};

/** Compiles a Graphite find pattern as graphite-web's StandardFinder reads it. Throws GlobError. */
export function compilePattern(pattern: string, limits: GlobLimits = DEFAULT_GLOB_LIMITS): CompiledPattern {
  if (pattern.length > limits.maxPatternLength) {
    throw new GlobError(`pattern longer than ${limits.maxPatternLength} characters`, pattern);
  }
  if (!pattern.startsWith('_tagged.') && pattern.includes(';')) return { kind: 'tagged', pattern };

  const rawParts = pattern.split('.');
  if (rawParts.length > limits.maxElements) {
    throw new GlobError(`pattern has more than ${limits.maxElements} path elements`, pattern);
  }
  const cleanParts = pattern.replace(/\\/g, '').split('.');
  const escaped: Array<{ index: number; text: string }> = [];
  rawParts.forEach((part, index) => {
    if (isEscapedPattern(part) && index < cleanParts.length) escaped.push({ index, text: cleanParts[index] });
  });
  const budget: BraceBudget = { variants: limits.maxTotalVariants, work: limits.maxTotalBraceWork, maxVariants: limits.maxTotalVariants };
  const elements = cleanParts.map((part) => compileElement(part, limits, pattern, budget));
  return { kind: 'tree', pattern, elements, escaped };
}

function compileElement(part: string, limits: GlobLimits, pattern: string, budget: BraceBudget): ElementMatcher {
  const variants = expandBraces(part, { maxVariants: limits.maxVariants, maxWork: limits.maxBraceWork }, pattern, budget);
  // only a lone `**` is a globstar: graphite-web's handling of `**` among other brace variants
  // depends on Python's set order, so carbyne matches it there as fnmatch does (like `*`)
  if (variants.length === 1 && variants[0] === '**') {
    return { literals: [], test: null, matchesEmpty: false, globstar: true, matchesAll: false };
  }
  const literals: string[] = [];
  const tests: SegmentTest[] = [];
  const globs: Token[][] = [];
  for (const v of variants) {
    if (v.length > limits.maxElementLength) {
      throw new GlobError(`path element longer than ${limits.maxElementLength} characters`, pattern);
    }
    if (hasWildcard(v)) {
      const tokens = tokenize(v);
      globs.push(tokens);
      tests.push(compileSegmentTest(tokens));
    } else literals.push(v);
  }
  const nonEmpty = literals.filter((l) => l !== '');
  const test: SegmentTest | null =
    tests.length === 0 ? null : tests.length === 1 ? tests[0] : (s) => tests.some((t) => t(s));
  const matchesAll = variants.some((v) => v.length > 0 && /^\*+$/.test(v));
  return { literals: nonEmpty, test, matchesEmpty: nonEmpty.length !== literals.length, globstar: false, matchesAll, globs };
}

/**
 * graphite-web's is_escaped_pattern: the first occurrence of one of `*?[{` (each looked at on
 * its own) is preceded by a backslash.
 */
function isEscapedPattern(part: string): boolean {
  for (const symbol of '*?[{') {
    const i = part.indexOf(symbol);
    if (i > 0 && part[i - 1] === '\\') return true;
  }
  return false;
}

/** Compiled patterns, kept so the patterns Grafana repeats are parsed once. */
export class PatternCache {
  private readonly cache: LRUCache<string, CompiledPattern>;

  constructor(
    private readonly limits: GlobLimits = DEFAULT_GLOB_LIMITS,
    maxEntries = 2000,
  ) {
    this.cache = new LRUCache({ max: maxEntries, maxSize: 16 * 1024 * 1024, sizeCalculation: (_v, k) => k.length + 1 });
  }

  compile(pattern: string): CompiledPattern {
    let compiled = this.cache.get(pattern);
    if (compiled === undefined) {
      compiled = compilePattern(pattern, this.limits);
      this.cache.set(pattern, compiled);
    }
    return compiled;
  }
}
