import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `carbyne serve` (the built CLI) on an existing data directory, answering HTTP on `port` and
 * listening for carbon and pickle on free ports; resolves once it answers /version. Its log
 * is kept to warnings and its self-metrics are off, so that they do not weigh on the figures.
 */
export async function startCarbyneServe(dataDir: string, port: number, waitMs: number): Promise<ChildProcess> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [main, 'serve', '--data-dir', dataDir, '--http-listen', `127.0.0.1:${port}`, '--carbon-listen', '127.0.0.1:0', '--pickle-listen', '127.0.0.1:0'],
    { env: { ...process.env, CARBYNE_LOG_LEVEL: 'warn', CARBYNE_SELF_METRICS_ENABLED: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const started = performance.now(); performance.now() - started < waitMs; ) {
    if (child.exitCode !== null) throw new Error(`carbyne exited with ${child.exitCode}`);
    if (await answers(`http://127.0.0.1:${port}/version`)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`carbyne did not answer within ${waitMs / 1000} s`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}
