// What a compiled statement is: its bind markers' metadata (for PREPARE), its result columns,
// and a function that runs it against the in-memory tables.

import type { BoundValue } from './frame.js';
import type { TableData } from './table-data.js';
import type { Bindings } from './terms.js';
import type { CqlType } from './types.js';

export interface ResultColumn {
  name: string;
  type: CqlType;
}

export type Result =
  | { kind: 'void' }
  | {
      kind: 'rows';
      keyspace: string;
      table: string;
      columns: ResultColumn[];
      rows: (Buffer | null)[][];
      pagingState: Buffer | null;
    }
  | { kind: 'setKeyspace'; keyspace: string }
  | { kind: 'schemaChange'; change: 'CREATED' | 'UPDATED' | 'DROPPED'; target: 'KEYSPACE' | 'TABLE'; keyspace: string; table?: string };

export interface ExecContext {
  readonly values: readonly BoundValue[];
  readonly nowSec: number;
  /** The write timestamp (microseconds) when the statement names none. */
  timestamp(): number;
  readonly pageSize: number;
  readonly pagingState: Buffer | null;
  readonly consistency: number;
  /** Warnings to send back with the response (frame flag 0x08). */
  readonly warnings: string[];
}

/** One write of a batch or a statement, checked and ready to apply. */
export interface Mutation {
  readonly data: TableData;
  readonly partition: string;
  readonly size: number;
  apply(): void;
}

export interface Plan {
  readonly kind: 'read' | 'write' | 'schema' | 'use';
  readonly keyspace?: string;
  readonly table?: string;
  readonly bindings: Bindings;
  /** For each partition key column, the index of the marker that binds it; empty when some has none. */
  readonly pkIndexes: number[];
  /** Columns a SELECT returns (empty for other statements). */
  readonly resultColumns: ResultColumn[];
  /** Whether a write is conditional (IF ...): such statements answer rows with [applied]. */
  readonly conditional?: boolean;
  execute(ctx: ExecContext): Result;
  /** Writes only: the checked mutations without applying them (for BATCH). */
  mutations?(ctx: ExecContext): Mutation[];
}
