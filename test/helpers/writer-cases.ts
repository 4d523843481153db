import { readFileSync } from 'node:fs';

/**
 * The typed values of test/fixtures/pickle/cases.spec.json, which the golden tests of both
 * writers (pickle, msgpack) write and compare with what Python makes of them.
 */
export type CaseNode =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number }
  | { t: 'float'; v: number | 'nan' | 'inf' | '-inf' }
  | { t: 'str'; v: string }
  | { t: 'list' | 'tuple'; v: CaseNode[] }
  | { t: 'dict'; v?: Array<[CaseNode, CaseNode]>; range?: [number] }
  | { range: ['int' | 'float' | 'str', number, number, number] };

export const WRITER_CASES = (JSON.parse(readFileSync('test/fixtures/pickle/cases.spec.json', 'utf8')) as { cases: Record<string, CaseNode> }).cases;

/** a case's float, the non-finite ones spelled as Python spells them */
export function caseFloat(v: number | 'nan' | 'inf' | '-inf'): number {
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v;
}
