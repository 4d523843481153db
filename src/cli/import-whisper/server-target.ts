import type { FileOutcome, ImportTarget } from '../../whisper/tree-import.js';

/**
 * Imports through a running carbyne: each file is posted to its `POST /import/whisper/<name>`, which
 * writes it through the server's own storage engine.
 */
export function serverTarget(url: string): ImportTarget {
  return {
    async importFile(name, file) {
      const target = new URL(`/import/whisper/${encodeURIComponent(name)}`, url);
      let res: Response;
      try {
        res = await fetch(target, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
      } catch (err) {
        return { status: 'failed', reason: `cannot reach ${url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}` };
      }
      const answer = (await res.json().catch(() => ({}))) as Partial<FileOutcome> & { error?: string };
      if (answer.status === 'imported' || answer.status === 'skipped' || answer.status === 'failed') return answer as FileOutcome;
      // not an import's answer: a limit, an older server without the route, a proxy
      return { status: 'failed', reason: `the server answered ${res.status}${answer.error ? `: ${answer.error}` : ''}` };
    },
  };
}
