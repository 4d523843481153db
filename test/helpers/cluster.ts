import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConfigInput } from '../../src/config/schema.js';
import { freePorts } from './free-ports.js';
import { nodeEntries } from './node-bundle.js';
import { envName } from '../../src/config/load.js';

/**
 * How long a node may take from its spawn to listening. A start takes seconds when the machine
 * is idle, but three nodes starting together on two cores shared with other work can take
 * minutes; a node that hangs at start still fails here, with what it wrote on stderr.
 */
export const NODE_START_LIMIT_MS = 180_000;
/** How long the nodes may take to see each other up: a few probe intervals on an idle machine. */
const ALL_UP_LIMIT_MS = 180_000;

/** Every child still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ClusterNodeEntry {
  readonly name: string;
  readonly url: string;
  readonly carbon: string;
}

export interface TestClusterOptions {
  /** node names (a, b, c by default) */
  readonly names?: readonly string[];
  readonly replicas?: number;
  readonly hash?: 'carbon_ch' | 'fnv1a_ch' | 'jump_fnv1a_ch';
  /** unix seconds to pin every node's clock at, or 'system' */
  readonly now?: number | 'system';
  /** configuration of every node besides its cluster keys, ports and data directory */
  readonly config?: ConfigInput;
  /** more entries of cluster.nodes that are not carbyne processes of this cluster (fake peers) */
  readonly extraNodes?: readonly ClusterNodeEntry[];
  /** run `carbyne serve` (src/cli/main.ts) with a config file instead of the test child; the clock is then the system's */
  readonly cli?: boolean;
  /** the nodes in cluster.nodes at first, and started (all of `names` by default); see setMembers */
  readonly members?: readonly string[];
  /** configuration of one node beside `config` (its store.writer in a shared store); `root` holds the nodes' directories */
  readonly perNode?: (name: string, root: string) => ConfigInput;
}

/** One carbyne process of a TestCluster. */
export class TestNode {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly waiting = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** the last lines the process wrote on stderr (shown when it fails) */
  private stderrTail = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly httpPort: number,
    readonly carbonPort: number,
    readonly dataDir: string,
    private readonly config: () => Record<string, unknown>,
    private now: number | 'system',
    private readonly cli: boolean,
  ) {}

  /** The clock a (re)start pins the process at (unix seconds). */
  pinClockAtStart(seconds: number): void {
    this.now = seconds;
  }

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get carbon(): string {
    return `127.0.0.1:${this.carbonPort}`;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  /** Starts the process and resolves once it listens. */
  async start(): Promise<void> {
    if (this.child) throw new Error(`node ${this.name} is already running`);
    const config = this.config();
    const entries = await nodeEntries();
    const child = this.cli ? this.spawnCli(entries.cli, config) : spawn(process.execPath, ['--enable-source-maps', entries.child, JSON.stringify(config), String(this.now)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.stderrTail = (this.stderrTail + s).slice(-8000)));
    this.exited = new Promise((resolve) => {
      child.on('close', () => {
        running.delete(child);
        if (this.child === child) this.child = null;
        for (const w of this.waiting.values()) w.reject(new Error(`node ${this.name} exited`));
        this.waiting.clear();
        resolve();
      });
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${this.name} did not start within ${NODE_START_LIMIT_MS / 1000} s: ${this.stderrTail}`)), NODE_START_LIMIT_MS);
      child.on('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`node ${this.name} exited with ${code} while starting: ${this.stderrTail}`));
      });
      if (this.cli) {
        // the CLI says nothing on stdout at this log level: it is ready once it answers
        const poll = () => {
          if (this.child !== child) return;
          fetch(`${this.url}/version`).then(
            (res) => (res.ok ? (clearTimeout(timer), resolve()) : setTimeout(poll, 100)),
            () => setTimeout(poll, 100),
          );
        };
        poll();
      }
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('ready ')) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const [id, status, ...rest] = line.split(' ');
        const w = this.waiting.get(id);
        if (w === undefined) return;
        this.waiting.delete(id);
        if (status === 'ok') w.resolve(JSON.parse(rest.join(' ') || 'null'));
        else w.reject(new Error(`node ${this.name}: ${rest.join(' ')}`));
      });
    });
    await ready;
  }

  /**
   * `carbyne serve` as an operator runs it: the cluster keys as CARBYNE_CLUSTER_* variables
   * (lists as JSON), everything else in the config file (JSON is YAML).
   */
  private spawnCli(cli: string, config: Record<string, unknown>): ChildProcess {
    const { cluster, ...rest } = config as { cluster: Record<string, unknown> };
    const file = join(this.dataDir, '..', `${this.name}.yaml`);
    writeFileSync(file, JSON.stringify(rest));
    const env: NodeJS.ProcessEnv = { ...process.env, CARBYNE_CONFIG: file };
    for (const [key, value] of Object.entries(cluster)) env[envName(['cluster', key])] = typeof value === 'string' ? value : JSON.stringify(value);
    return spawn(process.execPath, ['--enable-source-maps', cli, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  }

  /** Sends a command to the test child (flush, persist, clock, drain) and waits for its answer. */
  command(name: string, arg?: string | number): Promise<unknown> {
    const child = this.child;
    if (child === null || child.stdin === null) return Promise.reject(new Error(`node ${this.name} takes no commands (not running, or a CLI process)`));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      child.stdin!.write(`${id} ${name}${arg === undefined ? '' : ` ${arg}`}\n`);
    });
  }

  /** Sends `signal` (SIGKILL by default) and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === null) return;
    child.kill(signal);
    await this.exited;
  }

  /** Freezes the process (SIGSTOP) as a stalled machine would: it holds its connections and answers nothing. */
  pause(): void {
    if (this.child === null) throw new Error(`node ${this.name} is not running`);
    this.child.kill('SIGSTOP');
  }

  /** Lets a paused process run again (SIGCONT). */
  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** A clean stop: the node flushes and closes. */
  async stop(): Promise<void> {
    if (this.child === null) return;
    await this.kill('SIGTERM');
  }

  get stderr(): string {
    return this.stderrTail;
  }
}


/**
 * Carbyne nodes as separate processes on loopback, each with its own data directory and free
 * ports, configured as one cluster. `destroy()` kills what still runs and removes the data.
 */
export class TestCluster {
  private constructor(
    readonly nodes: TestNode[],
    readonly root: string,
    readonly entries: ClusterNodeEntry[],
    /** the names in cluster.nodes now (a node started later reads it then) */
    private members: string[],
    private readonly opts: TestClusterOptions,
  ) {}

  /** cluster.nodes as a node started from now on is configured (the test restarts the others). */
  setMembers(names: readonly string[]): void {
    this.members = [...names];
  }

  /** The entries of cluster.nodes now. */
  get memberEntries(): ClusterNodeEntry[] {
    return [...this.entries.filter((e) => this.members.includes(e.name)), ...(this.opts.extraNodes ?? [])];
  }

  /**
   * Runs the `carbyne` CLI (src/cli/main.ts) with `args` and a config file holding the cluster
   * keys as they are now; resolves with its exit code and output.
   */
  async runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const file = join(this.root, 'cli.yaml');
    writeFileSync(file, JSON.stringify({ cluster: { ...(this.opts.config?.cluster ?? {}), self: this.members[0], nodes: this.memberEntries, replicas: this.opts.replicas ?? 1, hash: this.opts.hash ?? 'carbon_ch' } }));
    const child = spawn(process.execPath, ['--enable-source-maps', (await nodeEntries()).cli, ...args, '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    running.delete(child);
    return { code, stdout, stderr };
  }

  static async start(opts: TestClusterOptions = {}): Promise<TestCluster> {
    for (let attempt = 1; ; attempt++) {
      const cluster = await TestCluster.create(opts);
      try {
        await Promise.all(cluster.nodes.filter((n) => cluster.members.includes(n.name)).map((n) => n.start()));
        return cluster;
      } catch (err) {
        await cluster.destroy();
        // a port taken between choosing it and binding it: choose again
        if (attempt >= 3 || !/EADDRINUSE/.test((err as Error).message)) throw err;
      }
    }
  }

  private static async create(opts: TestClusterOptions): Promise<TestCluster> {
    const names = opts.names ?? ['a', 'b', 'c'];
    const ports = await freePorts(names.length * 2);
    const root = mkdtempSync(join(tmpdir(), 'carbyne-cluster-'));
    const entries: ClusterNodeEntry[] = names.map((name, i) => ({ name, url: `http://127.0.0.1:${ports[2 * i]}`, carbon: `127.0.0.1:${ports[2 * i + 1]}` }));
    let cluster: TestCluster | undefined;
    const nodes = names.map(
      (name, i) =>
        new TestNode(
          name,
          ports[2 * i],
          ports[2 * i + 1],
          join(root, name),
          () => ({
            logLevel: 'error',
            selfMetrics: { enabled: false },
            ...opts.config,
            ...opts.perNode?.(name, root),
            dataDir: join(root, name),
            http: { listen: `127.0.0.1:${ports[2 * i]}` },
            carbon: { listen: `127.0.0.1:${ports[2 * i + 1]}`, udp: false },
            pickle: { enabled: false },
            cluster: { ...(opts.config?.cluster ?? {}), self: name, nodes: cluster!.memberEntries, replicas: opts.replicas ?? 1, hash: opts.hash ?? 'carbon_ch' },
          }),
          opts.now ?? 'system',
          opts.cli ?? false,
        ),
    );
    cluster = new TestCluster(nodes, root, entries, [...(opts.members ?? names)], opts);
    return cluster;
  }

  node(name: string): TestNode {
    const n = this.nodes.find((x) => x.name === name);
    if (n === undefined) throw new Error(`no node ${name}`);
    return n;
  }

  /** Waits until every running node sees every member node up (GET /cluster). */
  async waitUntilAllUp(timeoutMs = ALL_UP_LIMIT_MS): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const views = await Promise.all(
        this.nodes.filter((n) => n.isRunning).map(async (n) => (await (await fetch(`${n.url}/cluster`)).json()) as { nodes: Array<{ name: string; state: string }> }),
      );
      const down = views.flatMap((v) => v.nodes.filter((n) => n.state !== 'up' && this.members.includes(n.name)).map((n) => n.name));
      if (down.length === 0) return;
      if (Date.now() > until) throw new Error(`nodes still seen down: ${down.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Every running node's forwarded points acknowledged. */
  async drain(): Promise<void> {
    await Promise.all(this.nodes.filter((n) => n.isRunning).map((n) => n.command('drain')));
  }

  async command(name: string, arg?: string | number): Promise<void> {
    await Promise.all(this.nodes.filter((n) => n.isRunning).map((n) => n.command(name, arg)));
  }

  async destroy(): Promise<void> {
    try {
      await Promise.all(this.nodes.map((n) => n.kill('SIGKILL')));
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}
