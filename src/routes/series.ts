import type { FastifyInstance } from 'fastify';
import { GlobError } from '../finders/glob/errors.js';
import { type SeriesDeletion, TooManySeriesError } from '../engine/removal/series-deletion.js';
import { Params } from './params.js';

/**
 * `POST /series/delete` (`pattern` repeated, `dryRun`): removes the matching series, their
 * data and their names, as carbon users remove whisper files. What `carbyne series delete`
 * calls. Answers `{"series": [...], "deleted": n}`.
 */
export function seriesRoutes(deletion: SeriesDeletion) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/series/delete', async (req, reply) => {
      const params = Params.fromRequest(req);
      const patterns = params.getAll('pattern').filter((p) => p.trim() !== '');
      if (patterns.length === 0) return reply.code(400).send({ error: 'no pattern given: pass pattern=GLOB (repeatable)' });
      try {
        return await deletion.delete(patterns, params.flag('dryRun'));
      } catch (err) {
        if (err instanceof GlobError) return reply.code(400).send({ error: err.message });
        if (err instanceof TooManySeriesError) return reply.code(422).send({ error: err.message });
        throw err;
      }
    });
  };
}
