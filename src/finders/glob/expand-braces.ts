import { GlobError } from './errors.js';

export interface BraceLimits {
  /** most distinct variants one path element may expand to */
  readonly maxVariants: number;
  /** most characters the expansion may write, a bound on its CPU cost */
  readonly maxWork: number;
}

/** What the elements of one pattern may still spend together; expandBraces decrements it. */
export interface BraceBudget {
  /** variants all elements may still produce */
  variants: number;
  /** characters all elements may still write */
  work: number;
  /** the pattern-wide variant cap, for the message */
  readonly maxVariants: number;
}

/**
 * Expands `{a,b}` lists in one path element as graphite-web's expand_braces does: repeatedly
 * take the leftmost group that holds no other brace (so nested lists expand inside out),
 * substitute each comma-separated alternative, and collect the distinct results. Unbalanced
 * braces stay as literal characters; `{}` yields the empty alternative.
 */
export function expandBraces(element: string, limits: BraceLimits, pattern: string, budget?: BraceBudget): string[] {
  if (element.indexOf('{') < 0) return [element];
  const maxWork = Math.min(limits.maxWork, budget?.work ?? Infinity);
  const done = new Set<string>();
  let level = new Set<string>([element]);
  let work = 0;
  while (level.size > 0) {
    const next = new Set<string>();
    for (const s of level) {
      const group = innermostGroup(s);
      if (group === null) {
        done.add(s);
        continue;
      }
      const head = s.slice(0, group.open);
      const tail = s.slice(group.close + 1);
      for (const alternative of s.slice(group.open + 1, group.close).split(',')) {
        const variant = head + alternative + tail;
        work += variant.length;
        next.add(variant);
      }
      if (work > maxWork) throw new GlobError(`brace expansion of "${truncate(element)}" is too large`, pattern);
    }
    const variants = next.size + done.size;
    if (variants > limits.maxVariants) {
      throw new GlobError(`brace expansion of "${truncate(element)}" gives more than ${limits.maxVariants} variants`, pattern);
    }
    if (budget && variants > budget.variants) {
      throw new GlobError(`brace expansion of the pattern gives more than ${budget.maxVariants} variants in all`, pattern);
    }
    level = next;
  }
  if (budget) {
    budget.work -= work;
    budget.variants -= done.size;
  }
  return [...done];
}

/** The leftmost `{...}` with no brace inside, as the regular expression `\{([^{}]*)\}` finds it. */
function innermostGroup(s: string): { open: number; close: number } | null {
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7b) open = i;
    else if (c === 0x7d && open >= 0) return { open, close: i };
  }
  return null;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
