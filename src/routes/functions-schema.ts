import { FUNCTION_GROUPS } from '../render/function-types.js';
import { graphiteParams, param } from './schema/params.js';
import { ref, shared, type SharedSchema } from './schema/shared.js';

const FUNCTION_INFO = shared('FunctionInfo', {
  type: 'object',
  required: ['name', 'function', 'description', 'module', 'group', 'params'],
  properties: {
    name: { type: 'string' },
    function: { type: 'string', description: 'the call signature, e.g. `movingAverage(seriesList, windowSize, xFilesFactor=None)`' },
    description: { type: 'string', description: 'reStructuredText' },
    module: { type: 'string' },
    group: { type: 'string', enum: FUNCTION_GROUPS },
    params: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type'],
        properties: {
          name: { type: 'string' },
          type: { type: 'string' },
          required: { type: 'boolean' },
          default: {},
          multiple: { type: 'boolean' },
          options: { type: 'array' },
          suggestions: { type: 'array' },
        },
      },
    },
  },
} as const);

const pretty = param('any non-empty value indents the answer by 2 and sorts its keys', '1');

export const FUNCTIONS_SCHEMA = {
  tags: ['graphite'],
  summary: "The render functions carbyne has, keyed by name, in graphite-web's shape (Grafana's query editor reads it).",
  querystring: graphiteParams({
    grouped: param('`1` or `true`: keyed by group, then by name', 'true'),
    group: param('only the functions of this group', 'Combine', 'Transform'),
    pretty,
    type: param('`pie` lists pie-chart functions (carbyne has none)', 'pie'),
  }),
  response: {
    200: {
      description: '`{name: FunctionInfo}`, or `{group: {name: FunctionInfo}}` when grouped',
      content: {
        'application/json': {
          schema: { type: 'object', additionalProperties: { anyOf: [ref(FUNCTION_INFO), { type: 'object', additionalProperties: ref(FUNCTION_INFO) }] } },
        },
      },
    },
  },
} as const;

export const FUNCTION_SCHEMA = {
  tags: ['graphite'],
  summary: "One render function's description.",
  params: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'the function name', examples: ['sumSeries'] } } },
  querystring: graphiteParams({ pretty }),
  response: {
    200: { description: 'the function', content: { 'application/json': { schema: ref(FUNCTION_INFO) } } },
    404: {
      description: '`{"error": "Function not found: <name>"}`',
      content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } } },
    },
  },
} as const;

/** The shared schemas of the function routes, for their plugin to add. */
export const FUNCTIONS_SHARED_SCHEMAS: readonly SharedSchema[] = [FUNCTION_INFO];
