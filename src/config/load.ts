import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { configSchema, type Config } from './schema.js';
import { StorageRules } from './storage-rules.js';

export const DEFAULT_CONFIG_FILE = 'carbyne.yaml';
const ENV_PREFIX = 'CARBYNE_';

export class ConfigError extends Error {}

export interface ConfigSources {
  /** path of a YAML (or JSON) file; `carbyne.yaml` in the working directory when present */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** already-structured overrides (from CLI flags), highest precedence */
  overrides?: Record<string, unknown>;
}

/**
 * Builds the configuration from defaults < file < CARBYNE_* environment < CLI flags, and
 * validates it. Any problem throws a ConfigError naming the key and what is wrong.
 */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? process.env;
  const file = sources.file ?? env[`${ENV_PREFIX}CONFIG`] ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  const merged: Record<string, unknown> = {};
  if (file) deepMerge(merged, readConfigFile(file));
  deepMerge(merged, envOverrides(env));
  if (sources.overrides) deepMerge(merged, sources.overrides);
  return validateConfig(merged, file);
}

export function validateConfig(input: unknown, file?: string): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const where = file ? ` (${file})` : '';
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration${where}:\n${lines.join('\n')}`);
  }
  // the retention and aggregation rules are compiled once here so a bad rule stops start-up
  try {
    StorageRules.fromConfig(result.data);
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message}`);
  }
  return result.data;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid YAML: ${(err as Error).message}`);
  }
  if (data == null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`config file ${file} must hold a mapping of keys`);
  return data as Record<string, unknown>;
}

/** `selfMetrics.prefix` -> `CARBYNE_SELF_METRICS_PREFIX` */
export function envName(path: readonly string[]): string {
  return ENV_PREFIX + path.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

type Leaf = { path: string[]; kind: 'string' | 'number' | 'boolean' | 'json' };

/** Every settable key of the schema, so each one can come from the environment. */
export function configKeys(): Leaf[] {
  const out: Leaf[] = [];
  const walk = (schema: z.ZodType, path: string[]) => {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) walk(child, [...path, key]);
      return;
    }
    const kind =
      inner instanceof z.ZodNumber ? 'number' : inner instanceof z.ZodBoolean ? 'boolean' : inner instanceof z.ZodString || inner instanceof z.ZodEnum || inner instanceof z.ZodLiteral ? 'string' : 'json';
    out.push({ path, kind });
  };
  walk(configSchema, []);
  return out;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      s = (s as unknown as { unwrap(): z.ZodType }).unwrap();
    } else return s;
  }
}

function envOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const leaf of configKeys()) {
    const name = envName(leaf.path);
    const raw = env[name];
    if (raw === undefined) continue;
    setPath(out, leaf.path, parseEnvValue(raw, leaf.kind, name));
  }
  return out;
}

function parseEnvValue(raw: string, kind: Leaf['kind'], name: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'number':
      return raw.trim() === '' ? raw : Number(raw);
    case 'boolean':
      if (/^(true|1|yes|on)$/i.test(raw)) return true;
      if (/^(false|0|no|off)$/i.test(raw)) return false;
      return raw;
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        throw new ConfigError(`invalid configuration: ${name} must be JSON`);
      }
  }
}

export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) deepMerge(existing, value);
    else target[key] = value;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
