// Failures a test can switch on for one node: error answers to matching requests (the errors of
// native_protocol_v4.spec section 9 with their extra fields, so the driver's retry policy sees
// what a real coordinator would send), slow answers, silence, dropped connections.

import { CqlError, type WriteType } from './errors.js';

export type FaultError = 'read_timeout' | 'write_timeout' | 'unavailable' | 'overloaded' | 'server_error' | 'invalid' | 'syntax_error' | 'truncate_error' | 'is_bootstrapping';

export interface FaultRule {
  /** The error to answer with. */
  error: FaultError;
  /** Only requests on this table (`keyspace.table`) or keyspace (`keyspace`); all when absent. */
  table?: string;
  /** Only reads (SELECT), writes (INSERT/UPDATE/DELETE/BATCH) or schema changes. */
  kind?: 'read' | 'write' | 'schema';
  /** How many matching requests fail; then the rule is spent. Unlimited when absent. */
  times?: number;
  /** Error details: replicas that answered / were needed (timeouts, unavailable), data present (read timeout). */
  received?: number;
  blockFor?: number;
  dataPresent?: boolean;
  message?: string;
}

export interface RequestTarget {
  kind: 'read' | 'write' | 'schema' | 'use';
  tables: string[];
  batch?: 'logged' | 'unlogged';
}

export class Faults {
  private rules: FaultRule[] = [];
  /** Milliseconds every answer waits before the request is run. */
  delayMs = 0;
  /** Requests are read and never answered. */
  silent = false;
  /** Counts requests that a rule failed, for tests to assert on. */
  injected = 0;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
    this.delayMs = 0;
    this.silent = false;
  }

  /** The error a request gets, if a rule matches it (spending one of the rule's times). */
  match(t: RequestTarget, consistency: number): CqlError | null {
    for (const r of this.rules) {
      if (r.times !== undefined && r.times <= 0) continue;
      if (r.kind && r.kind !== t.kind) continue;
      if (r.table && !t.tables.some((x) => x === r.table || x.startsWith(`${r.table}.`))) continue;
      if (r.times !== undefined) r.times--;
      this.injected++;
      return errorOf(r, t, consistency);
    }
    return null;
  }
}

function errorOf(r: FaultRule, t: RequestTarget, cl: number): CqlError {
  const received = r.received ?? 0;
  const blockFor = r.blockFor ?? 1;
  let e: CqlError;
  switch (r.error) {
    case 'read_timeout':
      e = CqlError.readTimeout(cl, received, blockFor, r.dataPresent ?? false);
      break;
    case 'write_timeout': {
      const wt: WriteType = t.batch === 'logged' ? 'BATCH' : t.batch === 'unlogged' ? 'UNLOGGED_BATCH' : 'SIMPLE';
      e = CqlError.writeTimeout(cl, received, blockFor, wt);
      break;
    }
    case 'unavailable':
      e = CqlError.unavailable(cl, blockFor, received);
      break;
    case 'overloaded':
      e = CqlError.overloaded();
      break;
    case 'server_error':
      e = CqlError.server('java.lang.RuntimeException: injected server error');
      break;
    case 'invalid':
      e = CqlError.invalid('injected invalid request');
      break;
    case 'syntax_error':
      e = CqlError.syntax('injected syntax error');
      break;
    case 'truncate_error':
      e = new CqlError(0x1003, 'injected truncate error');
      break;
    case 'is_bootstrapping':
      e = new CqlError(0x1002, 'Cannot read from a bootstrapping node');
      break;
  }
  if (r.message) return new CqlError(e.code, r.message, e.extra);
  return e;
}
