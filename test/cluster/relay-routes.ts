import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RelayDestination {
  readonly host: string;
  readonly port: number;
  readonly name: string;
}

/** carbon-c-relay's configuration of one hash cluster of these destinations, everything sent to it. */
export function relayConfig(hash: string, replicas: number, nodes: readonly RelayDestination[]): string {
  const servers = nodes.map((n) => `        ${n.host}:${n.port}=${n.name}`).join('\n');
  return `cluster carbyne\n    ${hash} replication ${replicas}\n${servers}\n    ;\nmatch * send to carbyne stop;\n`;
}

/**
 * Where carbon-c-relay's own routing sends each name (its `-t` test mode: a name per stdin line,
 * answered with the destinations of its cluster), as `host:port` lists in order, one per name.
 */
export async function relayRoutes(config: string, names: readonly string[]): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-relay-t-'));
  try {
    const file = join(dir, 'relay.conf');
    writeFileSync(file, config);
    const child = spawn('carbon-c-relay', ['-t', '-f', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.stdin.end(names.map((n) => `${n}\n`).join(''));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`carbon-c-relay -t exited ${code}: ${err}`);
    // each name's answer: "match", "    * -> NAME", "    HASH(carbyne)", the destinations, "    stop"
    const routes: string[][] = [];
    const lines = out.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('    * -> ')) continue;
      const dests: string[] = [];
      for (i += 2; i < lines.length && lines[i].startsWith('        '); i++) dests.push(lines[i].trim());
      routes.push(dests);
    }
    if (routes.length !== names.length) throw new Error(`carbon-c-relay -t answered for ${routes.length} of ${names.length} names`);
    return routes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
