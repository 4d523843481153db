import { connect, type Socket } from 'node:net';

/** A request whose body has not been sent yet: the server has taken it in (and admitted it) but cannot answer it. */
export interface StalledRequest {
  /** Sends the body; resolves to the status and body of the answer. */
  finish(): Promise<{ status: number; body: string }>;
  /** Drops the connection without sending the body. */
  abandon(): void;
}

/**
 * POSTs `body` to `path` of the HTTP server at `url` in two steps: the headers (with the body's
 * length) at once, the body only at finish(). Between the two the request holds whatever place
 * in flight its route takes on arrival (limits.concurrency), which makes a full bound something
 * a test can hold as long as it needs.
 */
export function stalledPost(url: string, path: string, body: string, contentType = 'application/x-www-form-urlencoded'): StalledRequest {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  const bytes = Buffer.from(body);
  socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
  return {
    async finish() {
      socket.write(bytes);
      await ended;
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const head = text.indexOf('\r\n\r\n');
      const rest = text.slice(head + 4);
      // chunked answers: the chunks' sizes dropped
      const chunked = /\r\ntransfer-encoding: chunked\r\n/i.test(text.slice(0, head));
      return { status, body: chunked ? dechunk(rest) : rest };
    },
    abandon() {
      socket.destroy();
    },
  };
}

function dechunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}
