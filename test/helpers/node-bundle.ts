import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The entry points a test starts as separate carbyne processes. */
export const ENTRIES = {
  child: join(ROOT, 'test/cluster/node-child.ts'),
  cli: join(ROOT, 'src/cli/main.ts'),
} as const;

let built: Promise<Record<keyof typeof ENTRIES, string>> | null = null;

/**
 * The entry points compiled once per test process into one ES module each (the packages left
 * as imports), so that a process started from them loads a few files instead of compiling the
 * whole app through tsx: on a loaded machine that is most of a node's start time. The same
 * TypeScript transform tsx applies (esbuild), with source maps for stack traces. The files sit
 * inside the project (node_modules/.cache) so that what the app finds beside its sources (the
 * fonts package, openapi.yaml) resolves as from src/, and are removed when the process exits.
 */
export function nodeEntries(): Promise<Record<keyof typeof ENTRIES, string>> {
  built ??= (async () => {
    const dir = join(ROOT, 'node_modules/.cache/carbyne-test', `entries-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    await build({
      entryPoints: ENTRIES,
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'error',
    });
    return { child: join(dir, 'child.mjs'), cli: join(dir, 'cli.mjs') };
  })();
  return built;
}
