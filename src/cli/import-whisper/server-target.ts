import type { FileOutcome, ImportTarget } from '../../whisper/tree-import.js';

/** How many times a file the server was too busy to take (503 with Retry-After) is posted again. */
const BUSY_RETRIES = 30;

/**
 * Imports through a running carbyne: each file is posted to its `POST /import/whisper/<name>`, which
 * writes it through the server's own storage engine. A server whose writes' places are all
 * taken (limits.concurrency.ingest) answers 503 with Retry-After: the file is posted again after
 * that many seconds, up to BUSY_RETRIES times.
 */
export function serverTarget(url: string): ImportTarget {
  return {
    async importFile(name, file) {
      const target = new URL(`/import/whisper/${encodeURIComponent(name)}`, url);
      let res: Response;
      let answer: Partial<FileOutcome> & { error?: string };
      for (let attempt = 0; ; attempt++) {
        try {
          res = await fetch(target, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
        } catch (err) {
          return { status: 'failed', reason: `cannot reach ${url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}` };
        }
        answer = (await res.json().catch(() => ({}))) as Partial<FileOutcome> & { error?: string };
        const header = res.headers.get('retry-after');
        const retryAfter = header === null ? NaN : Number(header);
        if (res.status !== 503 || answer.status !== undefined || !(retryAfter >= 0) || attempt === BUSY_RETRIES) break;
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
      if (answer.status === 'imported' || answer.status === 'skipped' || answer.status === 'failed') return answer as FileOutcome;
      // not an import's answer: a limit, an older server without the route, a proxy
      return { status: 'failed', reason: `the server answered ${res.status}${answer.error ? `: ${answer.error}` : ''}` };
    },
  };
}
