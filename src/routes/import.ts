import type { FastifyInstance } from 'fastify';
import type { Clock } from '../lib/clock.js';
import type { ImportOutcome, SeriesImport } from '../engine/import/series-importer.js';
import { importWhisperFile } from '../whisper/whisper-series.js';
import { Params } from './params.js';

export interface ImportRoutesOptions {
  /** the storage engine's import (StorageEngine.importSeries) */
  readonly importSeries: (list: readonly SeriesImport[]) => Promise<ImportOutcome[]>;
  readonly clock: Clock;
  /** limits.import.maxFileBytes */
  readonly maxFileBytes: number;
}

/** What an import answers, and the status it answers with. */
const STATUS = { imported: 200, skipped: 422, failed: 503 } as const;

/**
 * `POST /import/whisper?name=NAME`: the body is one whisper file; the series NAME is created
 * with the file's schema and its points written at every resolution (what `carbyne
 * import-whisper --server` sends). Answers `{name, status, points, tooOld}` (200) once the
 * points are durable, `{name, status: "skipped", reason}` (422) for a file that cannot be
 * imported as it is, `{..., status: "failed"}` (503) when it may work later.
 */
export function importRoutes(opts: ImportRoutesOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.maxFileBytes }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err }, 'import failed');
      reply.code(status).send({ error: status === 413 ? `the file is larger than limits.import.maxFileBytes (${opts.maxFileBytes} bytes)` : status === 500 ? 'import failed' : err.message });
    });

    app.post('/import/whisper', async (req, reply) => {
      const name = Params.fromRequest(req).get('name') ?? '';
      if (name.trim() === '') return reply.code(400).send({ error: 'no series name: pass name=NAME (a path, or name;tag=value;...)' });
      const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await importWhisperFile(opts.importSeries, name, file, opts.clock.nowSeconds());
      return reply.code(STATUS[outcome.status]).send({ name, ...outcome });
    });
  };
}
