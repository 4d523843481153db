import { type Socket, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { parseListenAddress } from '../../../src/lib/listen-address.js';

/** A TCP connection to `host:port`, once connected. */
export async function connectTo(address: string, opts: { allowHalfOpen?: boolean } = {}): Promise<Socket> {
  const { host, port } = parseListenAddress(address);
  return await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host, port, allowHalfOpen: opts.allowHalfOpen ?? false }, () => resolve(s));
    s.setNoDelay(true);
    s.once('error', reject);
  });
}

/** Writes each piece as its own write (waiting for it to be flushed), then ends and waits for the close. */
export async function sendAll(address: string, pieces: Buffer[]): Promise<void> {
  const s = await connectTo(address);
  const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
  s.resume(); // the server never writes, but read so 'end' can arrive
  for (const p of pieces) await new Promise<void>((resolve, reject) => s.write(p, (err) => (err ? reject(err) : resolve())));
  s.end();
  await closed;
}

/** Resolves when the server side has closed this socket. */
export function closedByServer(s: Socket): Promise<void> {
  s.resume();
  return new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));
}

export async function sendDatagrams(address: string, datagrams: Buffer[]): Promise<void> {
  const { host, port } = parseListenAddress(address);
  const s = createSocket('udp4');
  for (const d of datagrams) await new Promise<void>((resolve, reject) => s.send(d, port, host, (err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => s.close(() => resolve()));
}

/** Cuts a buffer at the given offsets. */
export function cut(stream: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (stream.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let prev = 0;
  for (const c of [...points, stream.length]) {
    if (c > prev) pieces.push(stream.subarray(prev, c));
    prev = c;
  }
  return pieces;
}
