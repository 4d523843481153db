import type { Series } from '../series.js';
import { renderLineGraphOffLoop, renderPieGraphOffLoop } from '../graph/index.js';
import { pieSlices } from '../graph/pie-data.js';
import type { GraphRequest } from '../graph/request.js';
import type { RenderedBody } from './index.js';
import { quoteAscii } from '../../lib/python-json.js';

/**
 * A /render answer that is a picture: a line graph of the targets' series, or a pie of their
 * slices. An svg asked for with jsonp comes as `callback("<svg...>")`, as graphite-web sends it.
 */
export async function renderImage(req: GraphRequest, targets: readonly string[], tz: string, evaluate: (targets: string[]) => Promise<Series[]>, signal?: AbortSignal): Promise<RenderedBody> {
  // a png is rasterised on the thread pool, stopped by `signal` (issue 14)
  const image =
    req.type === 'pie'
      ? await renderPieGraphOffLoop(await pieSlices(targets, req.pieMode, (t) => evaluate([t])), req.params, req.format, signal)
      : await renderLineGraphOffLoop(await evaluate([...targets]), req.params, req.format, tz, signal);
  if (req.jsonp !== undefined) return { contentType: 'text/javascript', body: `${req.jsonp}(${quoteAscii(String(image.body))})` };
  return image;
}
