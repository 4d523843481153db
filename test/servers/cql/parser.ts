// A recursive-descent parser for the CQL subset of docs/test-servers.md. Anything outside it
// is a syntax error naming what was expected, so a statement real Cassandra would run and this
// server cannot is never silently misread.

import type {
  ColumnDef,
  Condition,
  CreateTableStatement,
  DeleteStatement,
  InsertStatement,
  Literal,
  ModificationStatement,
  Operator,
  OptionValue,
  ParsedStatement,
  Relation,
  SelectStatement,
  Selector,
  Statement,
  TableName,
  Term,
  UpdateStatement,
  UsingClause,
} from './ast.js';
import { CqlError } from './errors.js';
import { type Token, tokenize } from './lexer.js';

class Parser {
  private i = 0;
  markers = 0;
  markerNames: (string | undefined)[] = [];
  constructor(private readonly toks: Token[]) {}

  private get tok(): Token {
    return this.toks[this.i];
  }
  private fail(expected: string): never {
    const t = this.tok;
    throw CqlError.syntax(`line 1:${t.at} mismatched input '${t.text}' expecting ${expected}`);
  }
  private isKw(...words: string[]): boolean {
    return this.tok.kind === 'ident' && words.includes(this.tok.upper);
  }
  private kw(word: string): void {
    if (!this.isKw(word)) this.fail(word);
    this.i++;
  }
  private optKw(word: string): boolean {
    if (!this.isKw(word)) return false;
    this.i++;
    return true;
  }
  private isPunct(p: string): boolean {
    return this.tok.kind === 'punct' && this.tok.text === p;
  }
  private punct(p: string): void {
    if (!this.isPunct(p)) this.fail(`'${p}'`);
    this.i++;
  }
  private optPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.i++;
    return true;
  }
  private ident(what = 'identifier'): string {
    const t = this.tok;
    if (t.kind === 'ident' || t.kind === 'qident') {
      this.i++;
      return t.text;
    }
    return this.fail(what);
  }

  parse(): Statement {
    const s = this.statement();
    this.optPunct(';');
    if (this.tok.kind !== 'eof') this.fail('<EOF>');
    return s;
  }

  private statement(): Statement {
    if (this.isKw('SELECT')) return this.select();
    if (this.isKw('INSERT')) return this.insert();
    if (this.isKw('UPDATE')) return this.update();
    if (this.isKw('DELETE')) return this.delete();
    if (this.isKw('BEGIN')) return this.batch();
    if (this.optKw('USE')) return { type: 'use', keyspace: this.ident('keyspace name') };
    if (this.optKw('TRUNCATE')) {
      this.optKw('TABLE');
      return { type: 'truncate', table: this.tableName() };
    }
    if (this.optKw('CREATE')) {
      if (this.optKw('KEYSPACE') || this.optKw('SCHEMA')) return this.createKeyspace();
      if (this.optKw('TABLE') || this.optKw('COLUMNFAMILY')) return this.createTable();
      return this.fail('KEYSPACE or TABLE');
    }
    if (this.optKw('ALTER')) {
      if (this.optKw('KEYSPACE')) {
        const name = this.ident('keyspace name');
        this.kw('WITH');
        return { type: 'alterKeyspace', name, options: this.properties() };
      }
      this.kw('TABLE');
      const table = this.tableName();
      if (this.optKw('ADD')) {
        const columns: ColumnDef[] = [];
        const paren = this.optPunct('(');
        do columns.push(this.columnDef());
        while (paren && this.optPunct(','));
        if (paren) this.punct(')');
        return { type: 'alterTableAdd', table, columns };
      }
      this.kw('WITH');
      return { type: 'alterTableWith', table, options: this.properties() };
    }
    if (this.optKw('DROP')) {
      if (this.optKw('KEYSPACE')) {
        const ifExists = this.ifExists();
        return { type: 'dropKeyspace', ifExists, name: this.ident('keyspace name') };
      }
      this.kw('TABLE');
      const ifExists = this.ifExists();
      return { type: 'dropTable', ifExists, table: this.tableName() };
    }
    return this.fail('a statement (SELECT, INSERT, UPDATE, DELETE, BEGIN BATCH, USE, CREATE, ALTER, DROP, TRUNCATE)');
  }

  private ifExists(): boolean {
    if (!this.optKw('IF')) return false;
    this.kw('EXISTS');
    return true;
  }
  private ifNotExists(): boolean {
    if (!this.optKw('IF')) return false;
    this.kw('NOT');
    this.kw('EXISTS');
    return true;
  }

  private tableName(): TableName {
    const first = this.ident('table name');
    if (this.optPunct('.')) return { keyspace: first, name: this.ident('table name') };
    return { name: first };
  }

  // ---- terms --------------------------------------------------------------------------------

  private marker(name?: string): Term {
    const index = this.markers++;
    this.markerNames.push(name);
    return { t: 'bind', index, name };
  }

  private literal(): Literal | null {
    const t = this.tok;
    switch (t.kind) {
      case 'string':
        this.i++;
        return { t: 'string', text: t.text };
      case 'int':
        this.i++;
        return { t: 'int', text: t.text };
      case 'float':
        this.i++;
        return { t: 'float', text: t.text };
      case 'hex':
        this.i++;
        return { t: 'hex', text: t.text };
      case 'uuid':
        this.i++;
        return { t: 'uuid', text: t.text };
      case 'ident':
        if (t.upper === 'TRUE' || t.upper === 'FALSE') {
          this.i++;
          return { t: 'bool', value: t.upper === 'TRUE' };
        }
        if (t.upper === 'NULL') {
          this.i++;
          return { t: 'null' };
        }
        if (t.upper === 'NAN' || t.upper === 'INFINITY') {
          this.i++;
          return { t: 'float', text: t.upper === 'NAN' ? 'NaN' : 'Infinity' };
        }
        return null;
      default:
        return null;
    }
  }

  private term(): Term {
    const t = this.tok;
    if (t.kind === 'marker') {
      this.i++;
      return this.marker();
    }
    if (t.kind === 'named') {
      this.i++;
      return this.marker(t.text);
    }
    const lit = this.literal();
    if (lit) return lit;
    if (this.optPunct('[')) {
      const items: Term[] = [];
      if (!this.isPunct(']')) do items.push(this.term());
      while (this.optPunct(','));
      this.punct(']');
      return { t: 'list', items };
    }
    if (this.optPunct('{')) {
      if (this.optPunct('}')) return { t: 'set', items: [] };
      const first = this.term();
      if (this.optPunct(':')) {
        const entries: [Term, Term][] = [[first, this.term()]];
        while (this.optPunct(',')) {
          const k = this.term();
          this.punct(':');
          entries.push([k, this.term()]);
        }
        this.punct('}');
        return { t: 'map', entries };
      }
      const items = [first];
      while (this.optPunct(',')) items.push(this.term());
      this.punct('}');
      return { t: 'set', items };
    }
    if (this.isKw('TOKEN')) {
      this.i++;
      this.punct('(');
      const args: Term[] = [];
      do args.push(this.term());
      while (this.optPunct(','));
      this.punct(')');
      return { t: 'token', args };
    }
    return this.fail('a value (literal, ? or :name)');
  }

  // ---- SELECT -------------------------------------------------------------------------------

  private select(): SelectStatement {
    this.kw('SELECT');
    this.optKw('JSON') && this.fail('a selector (SELECT JSON is not supported by the test server)');
    const distinct = this.optKw('DISTINCT');
    let selectors: Selector[] | null = null;
    if (!this.optPunct('*')) {
      selectors = [];
      do selectors.push(this.selector());
      while (this.optPunct(','));
    }
    this.kw('FROM');
    const table = this.tableName();
    const where = this.optKw('WHERE') ? this.relations() : [];
    const orderBy: { column: string; desc: boolean }[] = [];
    if (this.optKw('GROUP')) this.fail('ORDER BY, LIMIT or ALLOW FILTERING (GROUP BY is not supported by the test server)');
    if (this.optKw('ORDER')) {
      this.kw('BY');
      do {
        const column = this.ident('column name');
        const desc = this.optKw('DESC') ? true : (this.optKw('ASC'), false);
        orderBy.push({ column, desc });
      } while (this.optPunct(','));
    }
    let perPartitionLimit: Term | undefined;
    let limit: Term | undefined;
    if (this.isKw('PER')) {
      this.i++;
      this.kw('PARTITION');
      this.kw('LIMIT');
      perPartitionLimit = this.limitTerm();
    }
    if (this.optKw('LIMIT')) limit = this.limitTerm();
    let allowFiltering = false;
    if (this.optKw('ALLOW')) {
      this.kw('FILTERING');
      allowFiltering = true;
    }
    return { type: 'select', table, distinct, selectors, where, orderBy, perPartitionLimit, limit, allowFiltering };
  }

  private limitTerm(): Term {
    const t = this.tok;
    if (t.kind === 'int' || t.kind === 'marker' || t.kind === 'named') return this.term();
    return this.fail('an integer or a bind marker');
  }

  private selector(): Selector {
    let s: Selector;
    if (this.isKw('COUNT') && this.toks[this.i + 1]?.text === '(') {
      this.i += 2;
      if (!this.optPunct('*')) {
        const t = this.tok;
        if (t.kind === 'int' && t.text === '1') this.i++;
        else this.fail("'*' or 1 (COUNT of a column is not supported by the test server)");
      }
      this.punct(')');
      s = { kind: 'count' };
    } else if (this.isKw('TTL', 'WRITETIME') && this.toks[this.i + 1]?.text === '(') {
      const kind = this.tok.upper === 'TTL' ? 'ttl' : 'writetime';
      this.i += 2;
      const column = this.ident('column name');
      this.punct(')');
      s = { kind, column };
    } else if (this.isKw('TOKEN') && this.toks[this.i + 1]?.text === '(') {
      this.i += 2;
      const columns: string[] = [];
      do columns.push(this.ident('column name'));
      while (this.optPunct(','));
      this.punct(')');
      s = { kind: 'token', columns };
    } else {
      s = { kind: 'column', column: this.ident('column name') };
    }
    if (this.optKw('AS')) s.alias = this.ident('alias');
    return s;
  }

  private operator(): Operator {
    const t = this.tok;
    if (t.kind === 'punct' && ['=', '<', '<=', '>', '>=', '!='].includes(t.text)) {
      this.i++;
      return t.text as Operator;
    }
    if (this.optKw('IN')) return 'IN';
    if (this.optKw('CONTAINS')) return this.optKw('KEY') ? 'CONTAINS KEY' : 'CONTAINS';
    return this.fail("an operator (=, <, <=, >, >=, IN)");
  }

  private relations(): Relation[] {
    const out: Relation[] = [];
    do out.push(this.relation());
    while (this.optKw('AND'));
    return out;
  }

  private relation(): Relation {
    if (this.isKw('TOKEN') && this.toks[this.i + 1]?.text === '(') {
      this.i += 2;
      const columns: string[] = [];
      do columns.push(this.ident('column name'));
      while (this.optPunct(','));
      this.punct(')');
      const op = this.operator();
      if (op === 'IN' || op === 'CONTAINS' || op === 'CONTAINS KEY') this.fail('=, <, <=, > or >= after token(...)');
      return { kind: 'token', columns, op, value: this.term() };
    }
    if (this.isPunct('(')) this.fail('a column name (multi-column relations are not supported by the test server)');
    const column = this.ident('column name');
    const op = this.operator();
    if (op === 'IN') {
      if (this.optPunct('(')) {
        const inList: Term[] = [];
        if (!this.isPunct(')')) do inList.push(this.term());
        while (this.optPunct(','));
        this.punct(')');
        return { kind: 'column', column, op, value: { t: 'list', items: inList }, inList };
      }
      return { kind: 'column', column, op, value: this.term() };
    }
    return { kind: 'column', column, op, value: this.term() };
  }

  // ---- INSERT / UPDATE / DELETE / BATCH -----------------------------------------------------

  private using(into: UsingClause): void {
    if (!this.optKw('USING')) return;
    do {
      if (this.optKw('TTL')) into.ttl = this.limitTerm();
      else if (this.optKw('TIMESTAMP')) into.timestamp = this.limitTerm();
      else this.fail('TTL or TIMESTAMP');
    } while (this.optKw('AND'));
  }

  private conditions(): { ifExists: boolean; ifNotExists: boolean; conditions: Condition[] } {
    const out = { ifExists: false, ifNotExists: false, conditions: [] as Condition[] };
    if (!this.optKw('IF')) return out;
    if (this.optKw('EXISTS')) out.ifExists = true;
    else if (this.optKw('NOT')) {
      this.kw('EXISTS');
      out.ifNotExists = true;
    } else {
      do {
        const column = this.ident('column name');
        const op = this.operator();
        out.conditions.push({ column, op, value: this.term() });
      } while (this.optKw('AND'));
    }
    return out;
  }

  private insert(): InsertStatement {
    this.kw('INSERT');
    this.kw('INTO');
    const table = this.tableName();
    if (this.isKw('JSON')) this.fail("'(' (INSERT JSON is not supported by the test server)");
    this.punct('(');
    const columns: string[] = [];
    do columns.push(this.ident('column name'));
    while (this.optPunct(','));
    this.punct(')');
    this.kw('VALUES');
    this.punct('(');
    const values: Term[] = [];
    do values.push(this.term());
    while (this.optPunct(','));
    this.punct(')');
    const c = this.conditions();
    if (c.ifExists || c.conditions.length) this.fail('IF NOT EXISTS');
    const using: UsingClause = {};
    this.using(using);
    if (!c.ifNotExists) {
      const c2 = this.conditions();
      if (c2.ifExists || c2.conditions.length) this.fail('IF NOT EXISTS');
      c.ifNotExists = c2.ifNotExists;
    }
    return { type: 'insert', table, columns, values, ifNotExists: c.ifNotExists, using };
  }

  private update(): UpdateStatement {
    this.kw('UPDATE');
    const table = this.tableName();
    const using: UsingClause = {};
    this.using(using);
    this.kw('SET');
    const assignments: { column: string; value: Term }[] = [];
    do {
      const column = this.ident('column name');
      this.punct('=');
      const value = this.term();
      if (this.isPunct('+') || this.isPunct('-')) this.fail("',' or WHERE (collection and counter arithmetic is not supported by the test server)");
      assignments.push({ column, value });
    } while (this.optPunct(','));
    this.kw('WHERE');
    const where = this.relations();
    const c = this.conditions();
    if (c.ifNotExists) this.fail('IF EXISTS or IF <condition>');
    return { type: 'update', table, using, assignments, where, ifExists: c.ifExists, conditions: c.conditions };
  }

  private delete(): DeleteStatement {
    this.kw('DELETE');
    const columns: string[] = [];
    if (!this.isKw('FROM')) {
      do columns.push(this.ident('column name'));
      while (this.optPunct(','));
    }
    this.kw('FROM');
    const table = this.tableName();
    const using: UsingClause = {};
    this.using(using);
    if (using.ttl) this.fail('TIMESTAMP (a DELETE takes no TTL)');
    this.kw('WHERE');
    const where = this.relations();
    const c = this.conditions();
    if (c.ifNotExists) this.fail('IF EXISTS or IF <condition>');
    return { type: 'delete', table, columns, using, where, ifExists: c.ifExists, conditions: c.conditions };
  }

  private batch(): Statement {
    this.kw('BEGIN');
    const kind = this.optKw('UNLOGGED') ? 'unlogged' : this.optKw('COUNTER') ? 'counter' : 'logged';
    this.kw('BATCH');
    const using: UsingClause = {};
    this.using(using);
    const statements: ModificationStatement[] = [];
    while (!this.isKw('APPLY')) {
      if (this.isKw('INSERT')) statements.push(this.insert());
      else if (this.isKw('UPDATE')) statements.push(this.update());
      else if (this.isKw('DELETE')) statements.push(this.delete());
      else this.fail('INSERT, UPDATE, DELETE or APPLY BATCH');
      this.optPunct(';');
    }
    this.kw('APPLY');
    this.kw('BATCH');
    return { type: 'batch', kind, using, statements };
  }

  // ---- DDL ----------------------------------------------------------------------------------

  private typeText(): string {
    const name = this.ident('type');
    if (!this.optPunct('<')) return name;
    const args = [this.typeText()];
    while (this.optPunct(',')) args.push(this.typeText());
    this.punct('>');
    return `${name}<${args.join(', ')}>`;
  }

  private columnDef(): ColumnDef {
    const name = this.ident('column name');
    const type = this.typeText();
    const isStatic = this.optKw('STATIC');
    return { name, type, isStatic };
  }

  private properties(): Map<string, OptionValue> {
    const out = new Map<string, OptionValue>();
    do {
      if (this.isKw('CLUSTERING')) {
        this.i++;
        this.kw('ORDER');
        this.kw('BY');
        this.punct('(');
        const order: { column: string; desc: boolean }[] = [];
        do {
          const column = this.ident('column name');
          const desc = this.optKw('DESC') ? true : (this.optKw('ASC'), false);
          order.push({ column, desc });
        } while (this.optPunct(','));
        this.punct(')');
        out.set('clustering order', { t: 'clustering', order });
        continue;
      }
      if (this.isKw('COMPACT')) this.fail('a table option (COMPACT STORAGE is not supported by the test server)');
      const name = this.ident('option name');
      this.punct('=');
      if (this.optPunct('{')) {
        const entries: [string, string][] = [];
        if (!this.isPunct('}'))
          do {
            const k = this.literal();
            if (!k || k.t !== 'string') this.fail('a quoted option key');
            this.punct(':');
            const v = this.literal();
            if (!v) this.fail('an option value');
            entries.push([k.text, literalText(v)]);
          } while (this.optPunct(','));
        this.punct('}');
        out.set(name, { t: 'map', entries });
      } else {
        const v = this.literal();
        if (!v) this.fail('an option value');
        out.set(name, { t: 'scalar', text: literalText(v), raw: v });
      }
    } while (this.optKw('AND'));
    return out;
  }

  private createKeyspace(): Statement {
    const ifNotExists = this.ifNotExists();
    const name = this.ident('keyspace name');
    this.kw('WITH');
    return { type: 'createKeyspace', name, ifNotExists, options: this.properties() };
  }

  private createTable(): CreateTableStatement {
    const ifNotExists = this.ifNotExists();
    const table = this.tableName();
    this.punct('(');
    const columns: ColumnDef[] = [];
    let partitionKey: string[] = [];
    let clustering: string[] = [];
    do {
      if (this.isKw('PRIMARY') && this.toks[this.i + 1]?.upper === 'KEY' && this.toks[this.i + 2]?.text === '(') {
        this.i += 3;
        if (this.optPunct('(')) {
          do partitionKey.push(this.ident('column name'));
          while (this.optPunct(','));
          this.punct(')');
        } else partitionKey = [this.ident('column name')];
        while (this.optPunct(',')) clustering.push(this.ident('column name'));
        this.punct(')');
        continue;
      }
      const def = this.columnDef();
      columns.push(def);
      if (this.optKw('PRIMARY')) {
        this.kw('KEY');
        partitionKey = [def.name];
        clustering = [];
      }
    } while (this.optPunct(','));
    this.punct(')');
    const options = this.optKw('WITH') ? this.properties() : new Map<string, OptionValue>();
    const co = options.get('clustering order');
    options.delete('clustering order');
    return {
      type: 'createTable',
      table,
      ifNotExists,
      columns,
      partitionKey,
      clustering,
      clusteringOrder: co?.t === 'clustering' ? co.order : [],
      options,
    };
  }
}

function literalText(v: Literal): string {
  switch (v.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(v.value);
    default:
      return v.text;
  }
}

export function parseCql(src: string): ParsedStatement {
  const p = new Parser(tokenize(src));
  const statement = p.parse();
  return { statement, markers: p.markers, markerNames: p.markerNames };
}
