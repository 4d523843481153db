// The statements of the CQL subset the test server understands, as the parser produces them.

export type Literal =
  | { t: 'string'; text: string }
  | { t: 'int'; text: string }
  | { t: 'float'; text: string }
  | { t: 'hex'; text: string }
  | { t: 'bool'; value: boolean }
  | { t: 'uuid'; text: string }
  | { t: 'null' };

export type Term =
  | Literal
  /** `?` or `:name`; index counts every marker of the statement in order. */
  | { t: 'bind'; index: number; name?: string }
  | { t: 'list'; items: Term[] }
  | { t: 'set'; items: Term[] }
  | { t: 'map'; entries: [Term, Term][] }
  /** `token(term, ...)` on the right of a token relation. */
  | { t: 'token'; args: Term[] };

export interface TableName {
  keyspace?: string;
  name: string;
}

export type Operator = '=' | '<' | '<=' | '>' | '>=' | 'IN' | 'CONTAINS' | 'CONTAINS KEY' | '!=';

export type Relation =
  | { kind: 'column'; column: string; op: Operator; value: Term; inList?: Term[] }
  | { kind: 'token'; columns: string[]; op: Operator; value: Term };

export type Selector =
  | { kind: 'column'; column: string; alias?: string }
  | { kind: 'count'; alias?: string }
  | { kind: 'ttl' | 'writetime'; column: string; alias?: string }
  | { kind: 'token'; columns: string[]; alias?: string };

export interface SelectStatement {
  type: 'select';
  table: TableName;
  distinct: boolean;
  /** null for `*`. */
  selectors: Selector[] | null;
  where: Relation[];
  orderBy: { column: string; desc: boolean }[];
  perPartitionLimit?: Term;
  limit?: Term;
  allowFiltering: boolean;
}

export interface UsingClause {
  ttl?: Term;
  timestamp?: Term;
}

export interface Condition {
  column: string;
  op: Operator;
  value: Term;
}

export interface InsertStatement {
  type: 'insert';
  table: TableName;
  columns: string[];
  values: Term[];
  ifNotExists: boolean;
  using: UsingClause;
}

export interface UpdateStatement {
  type: 'update';
  table: TableName;
  using: UsingClause;
  assignments: { column: string; value: Term }[];
  where: Relation[];
  ifExists: boolean;
  conditions: Condition[];
}

export interface DeleteStatement {
  type: 'delete';
  table: TableName;
  columns: string[];
  using: UsingClause;
  where: Relation[];
  ifExists: boolean;
  conditions: Condition[];
}

export type ModificationStatement = InsertStatement | UpdateStatement | DeleteStatement;

export interface BatchStatement {
  type: 'batch';
  kind: 'logged' | 'unlogged' | 'counter';
  using: UsingClause;
  statements: ModificationStatement[];
}

export type OptionValue = { t: 'map'; entries: [string, string][] } | { t: 'scalar'; text: string; raw: Literal } | { t: 'clustering'; order: { column: string; desc: boolean }[] };

export interface ColumnDef {
  name: string;
  type: string;
  isStatic: boolean;
}

export interface CreateTableStatement {
  type: 'createTable';
  table: TableName;
  ifNotExists: boolean;
  columns: ColumnDef[];
  partitionKey: string[];
  clustering: string[];
  clusteringOrder: { column: string; desc: boolean }[];
  options: Map<string, OptionValue>;
}

export interface CreateKeyspaceStatement {
  type: 'createKeyspace';
  name: string;
  ifNotExists: boolean;
  options: Map<string, OptionValue>;
}

export type Statement =
  | SelectStatement
  | ModificationStatement
  | BatchStatement
  | CreateKeyspaceStatement
  | CreateTableStatement
  | { type: 'alterKeyspace'; name: string; options: Map<string, OptionValue> }
  | { type: 'alterTableAdd'; table: TableName; columns: ColumnDef[] }
  | { type: 'alterTableWith'; table: TableName; options: Map<string, OptionValue> }
  | { type: 'dropKeyspace'; name: string; ifExists: boolean }
  | { type: 'dropTable'; table: TableName; ifExists: boolean }
  | { type: 'truncate'; table: TableName }
  | { type: 'use'; keyspace: string };

export interface ParsedStatement {
  statement: Statement;
  /** Number of bind markers, and the name of each named one. */
  markers: number;
  markerNames: (string | undefined)[];
}
