import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { decodeAnswers, encodeCalls, WIRE_CONTENT_TYPE, type AnswerOrError, type ClusterCall } from '../wire/messages.js';

/** Another node did not answer a call in time, or answered something that is not an answer. */
export class PeerUnavailableError extends Error {
  override readonly name = 'PeerUnavailableError';
  constructor(
    readonly node: string,
    reason: string,
  ) {
    super(`node ${node}: ${reason}`);
  }
}

/**
 * Another node refused a batch because its bound on other nodes' reads was full (503, its
 * limits.concurrency.peer): it is busy, not gone.
 */
export class PeerBusyError extends PeerUnavailableError {}

export interface PeerClientOptions {
  /** the largest answer accepted, bytes */
  readonly maxAnswerBytes: number;
  /** connections kept open to the node */
  readonly maxSockets?: number;
}

export const CALL_PATH = '/cluster/v1/call';

/**
 * Sends batches of calls to one node as one POST on a kept-alive connection, and reads the
 * answers. Every POST has a time limit: past it the connection is destroyed and the call fails
 * with PeerUnavailableError, as do a refused connection, a status other than 200, an answer
 * too large and one that does not decode; a 503 with Retry-After (the node's admission refused
 * the batch) fails with PeerBusyError.
 */
export class PeerClient {
  private readonly agent: HttpAgent;
  private readonly url: URL;

  constructor(
    readonly node: string,
    url: string,
    private readonly opts: PeerClientOptions,
  ) {
    this.url = new URL(CALL_PATH, url);
    const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets ?? 16, maxFreeSockets: opts.maxSockets ?? 16 };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  /** The answers to `calls`, in order; rejects with PeerUnavailableError once `timeoutMs` has passed. */
  call(calls: readonly ClusterCall[], timeoutMs: number): Promise<AnswerOrError[]> {
    const body = encodeCalls(calls);
    return new Promise((resolve, reject) => {
      const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const fail = (reason: string, busy = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(busy ? new PeerBusyError(this.node, reason) : new PeerUnavailableError(this.node, reason));
      };
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), Math.max(1, timeoutMs));
      const req = send(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'content-type': WIRE_CONTENT_TYPE, 'content-length': body.length, accept: WIRE_CONTENT_TYPE },
      });
      req.on('error', (err) => fail(err.message));
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > this.opts.maxAnswerBytes) fail(`answer larger than ${this.opts.maxAnswerBytes} bytes`);
          else chunks.push(chunk);
        });
        res.on('error', (err) => fail(err.message));
        res.on('end', () => {
          if (settled) return;
          const answer = Buffer.concat(chunks);
          if (res.statusCode !== 200) return fail(`answered ${res.statusCode}: ${answer.subarray(0, 200).toString('utf8')}`, res.statusCode === 503 && res.headers['retry-after'] !== undefined);
          let decoded: AnswerOrError[];
          try {
            decoded = decodeAnswers(calls, answer);
          } catch (err) {
            return fail(`answer unreadable: ${(err as Error).message}`);
          }
          settled = true;
          clearTimeout(timer);
          resolve(decoded);
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
