import { readFileSync } from 'node:fs';
import type { AggregationMethod, Retention, StorageSchema } from '../series/types.js';
import { AGGREGATION_METHODS } from '../series/types.js';
import { compilePythonRegex } from '../lib/python-regex.js';
import { parseRetentions } from './retention.js';
import type { AggregationRuleConfig, Config, RetentionRuleConfig } from './schema.js';

interface RetentionRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly retentions: readonly Retention[];
}
interface AggregationRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly method?: AggregationMethod;
  readonly xFilesFactor?: number;
}

/** Used when no rule matches: 10 s for a day, 1 min for 30 days, 10 min for 5 years. */
export const DEFAULT_RETENTIONS = '10s:1d,1m:30d,10m:5y';
/** carbon's default method; xFilesFactor 0 so sparse senders are not turned into nulls by rollups */
export const DEFAULT_AGGREGATION: AggregationMethod = 'average';
export const DEFAULT_XFILES_FACTOR = 0;

/**
 * Ordered pattern rules, as carbon applies storage-schemas.conf and storage-aggregation.conf:
 * the first rule whose pattern is found in the metric name decides (carbon's re.search).
 */
export class StorageRules {
  private readonly defaultRetentions = parseRetentions(DEFAULT_RETENTIONS);

  constructor(
    private readonly retentionRules: readonly RetentionRule[],
    private readonly aggregationRules: readonly AggregationRule[],
  ) {}

  schemaFor(metricPath: string): StorageSchema {
    const retention = this.retentionRules.find((r) => r.pattern.test(metricPath));
    const aggregation = this.aggregationRules.find((r) => r.pattern.test(metricPath));
    return {
      retentions: retention ? retention.retentions : this.defaultRetentions,
      aggregation: aggregation?.method ?? DEFAULT_AGGREGATION,
      xFilesFactor: aggregation?.xFilesFactor ?? DEFAULT_XFILES_FACTOR,
    };
  }

  /** Rules from carbon's own files (when configured) first, then the inline ones. */
  static fromConfig(config: Pick<Config, 'storageSchemas' | 'storageAggregation' | 'retentions' | 'aggregations'>): StorageRules {
    const retentionRules = [
      ...(config.storageSchemas ? parseStorageSchemasFile(config.storageSchemas) : []),
      ...config.retentions.map((r, i) => compileRetentionRule(r, `retentions[${i}]`)),
    ];
    const aggregationRules = [
      ...(config.storageAggregation ? parseStorageAggregationFile(config.storageAggregation) : []),
      ...config.aggregations.map((r, i) => compileAggregationRule(r, `aggregations[${i}]`)),
    ];
    return new StorageRules(retentionRules, aggregationRules);
  }
}

function compileRetentionRule(rule: RetentionRuleConfig, where: string): RetentionRule {
  try {
    return { name: rule.name, pattern: compilePythonRegex(rule.pattern), retentions: parseRetentions(rule.retentions) };
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`);
  }
}

function compileAggregationRule(rule: AggregationRuleConfig, where: string): AggregationRule {
  try {
    return { name: rule.name, pattern: compilePythonRegex(rule.pattern), method: rule.method, xFilesFactor: rule.xFilesFactor };
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`);
  }
}

/** One `[section]` of carbon's INI files, keys lower-cased, with the line it starts on. */
interface IniSection {
  name: string;
  line: number;
  keys: Map<string, string>;
}

/** carbon reads these with ConfigParser: `[name]`, `key = value`, `#`/`;` comments. */
export function parseIni(text: string, file: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = { name: header[1].trim(), line: i + 1, keys: new Map() };
      sections.push(current);
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`${file}:${i + 1}: cannot read "${line}"`);
    if (!current) throw new Error(`${file}:${i + 1}: "${line}" comes before any [section]`);
    current.keys.set(kv[1].trim().toLowerCase(), kv[2].trim());
  });
  return sections;
}

function readConfigFile(path: string, key: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${key}: cannot read ${path}: ${(err as Error).message}`);
  }
}

export function parseStorageSchemas(text: string, file: string): RetentionRule[] {
  return parseIni(text, file).flatMap((s) => {
    const pattern = s.keys.get('pattern');
    const retentions = s.keys.get('retentions');
    // carbon skips sections without a pattern or retentions (e.g. tag-matching rules it cannot apply)
    if (pattern === undefined || retentions === undefined) return [];
    return [compileRetentionRule({ name: s.name, pattern, retentions }, `${file}:${s.line} [${s.name}]`)];
  });
}

export function parseStorageAggregation(text: string, file: string): AggregationRule[] {
  return parseIni(text, file).flatMap((s) => {
    const pattern = s.keys.get('pattern');
    if (pattern === undefined) return [];
    const where = `${file}:${s.line} [${s.name}]`;
    const methodText = s.keys.get('aggregationmethod');
    if (methodText !== undefined && !(AGGREGATION_METHODS as readonly string[]).includes(methodText)) {
      throw new Error(`${where}: aggregationMethod "${methodText}" is not one of ${AGGREGATION_METHODS.join(', ')}`);
    }
    const xffText = s.keys.get('xfilesfactor');
    const xff = xffText === undefined ? undefined : Number(xffText);
    if (xff !== undefined && !(xff >= 0 && xff <= 1)) throw new Error(`${where}: xFilesFactor "${xffText}" is not a number from 0 to 1`);
    return [compileAggregationRule({ name: s.name, pattern, method: methodText as AggregationMethod | undefined, xFilesFactor: xff }, where)];
  });
}

function parseStorageSchemasFile(path: string): RetentionRule[] {
  return parseStorageSchemas(readConfigFile(path, 'storageSchemas'), path);
}

function parseStorageAggregationFile(path: string): AggregationRule[] {
  return parseStorageAggregation(readConfigFile(path, 'storageAggregation'), path);
}
