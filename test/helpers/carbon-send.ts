import { connect } from 'node:net';

/** Sends carbon plaintext to `host:port` on one connection; resolves once the connection closes. */
export function sendCarbon(address: string, text: string | Buffer): Promise<void> {
  const colon = address.lastIndexOf(':');
  return new Promise<void>((resolve, reject) => {
    const socket = connect(Number(address.slice(colon + 1)), address.slice(0, colon), () => socket.end(text));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

/** Polls `read` until it returns `expected` (or more); throws after `timeoutMs` saying what it saw. */
export async function waitForCount(what: string, read: () => Promise<number>, expected: number, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = await read();
    if (n >= expected) return;
    if (Date.now() > until) throw new Error(`${what}: ${n} of ${expected} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until /metrics/index.json at `url` lists `count` leaves: the index learns of a new
 * series shortly after its first point is accepted.
 */
export async function waitForLeaves(url: string, count: number, timeoutMs = 300_000): Promise<void> {
  await waitForCount(`leaves listed by ${url}`, async () => ((await (await fetch(`${url}/metrics/index.json`)).json()) as string[]).length, count, timeoutMs);
}
