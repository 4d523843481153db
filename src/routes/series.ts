import type { FastifyPluginAsync } from 'fastify';
import type { DeletionOutcome, SeriesDeletion } from '../engine/removal/series-deletion.js';
import { Params } from './params.js';
import { busy, JSON_ERROR } from './schema/answers.js';
import { graphiteForm, graphiteParams, param } from './schema/params.js';
import { BadRequestError } from './server/bad-request-error.js';

const DELETE_PARAMS = graphiteParams({
  pattern: param('a graphite glob, or an exact tagged name `name;k=v;...`; repeat it for several. Required (here or in the body)', 'old.*', 'retired.host01.*'),
  dryRun: param('`1` or `true`: only list the series that would go', 'true'),
});

const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: JSON_ERROR } } });

const DELETE_SCHEMA = {
  tags: ['carbyne'],
  summary: 'Removes series for good (what `carbyne series delete` calls).',
  description:
    'Every series a pattern matches loses its points, hot and stored, its registry record and its index entries. Points for it that arrive meanwhile start the series anew once the removal is over. Parameters come in the query string or a form body.',
  querystring: DELETE_PARAMS,
  body: graphiteForm(DELETE_PARAMS),
  'x-required-params': ['pattern'],
  response: {
    200: {
      description: 'what was matched and how many were removed',
      type: 'object',
      required: ['series', 'deleted'],
      properties: {
        series: { type: 'array', items: { type: 'string' }, description: 'the series the patterns matched (display names, sorted)' },
        deleted: { type: 'integer', description: 'how many of them were removed (0 on a dry run)' },
      },
    },
    400: errorAnswer('no pattern, or a pattern that is not a valid glob'),
    422: errorAnswer('the patterns match more series than limits.find.maxNodes'),
    503: errorAnswer(busy('ingest')),
  },
} as const;

export interface SeriesRouteOptions {
  readonly deletion: SeriesDeletion;
}

/**
 * `POST /series/delete` (`pattern` repeated, `dryRun`): removes the matching series, their
 * data and their names, as carbon users remove whisper files. What `carbyne series delete`
 * calls. Answers `{"series": [...], "deleted": n}`; errors `{"error": message}`.
 */
export const seriesRoutes: FastifyPluginAsync<SeriesRouteOptions> = async (app, { deletion }) => {
  app.post('/series/delete', { schema: DELETE_SCHEMA, config: { errorBody: 'json', admission: 'ingest' } }, async (req): Promise<DeletionOutcome> => {
    const params = Params.fromRequest(req);
    const patterns = params.getAll('pattern').filter((p) => p.trim() !== '');
    if (patterns.length === 0) throw new BadRequestError('no pattern given: pass pattern=GLOB (repeatable)');
    return deletion.delete(patterns, params.flag('dryRun'));
  });
};
