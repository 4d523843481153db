import type { Series } from '../series.js';
import { renderLineGraphSliced, renderPieGraphSliced } from '../graph/index.js';
import { pieSlices } from '../graph/pie-data.js';
import type { GraphRequest } from '../graph/request.js';
import type { RenderedBody } from './index.js';
import { quoteAscii } from '../../lib/python-json.js';
import type { WorkSlicer } from '../../lib/work-slicer.js';

/**
 * A /render answer that is a picture: a line graph of the targets' series, or a pie of their
 * slices. An svg asked for with jsonp comes as `callback("<svg...>")`, as graphite-web sends it.
 */
export async function renderImage(req: GraphRequest, targets: readonly string[], tz: string, evaluate: (targets: string[]) => Promise<Series[]>, slicer: WorkSlicer): Promise<RenderedBody> {
  // drawn in slices of the event loop, a png rasterised on the thread pool; both stopped by the slicer's signal (issue 14)
  const image =
    req.type === 'pie'
      ? await renderPieGraphSliced(await pieSlices(targets, req.pieMode, (t) => evaluate([t])), req.params, req.format, slicer)
      : await renderLineGraphSliced(await evaluate([...targets]), req.params, req.format, tz, slicer);
  if (req.jsonp !== undefined) return { contentType: 'text/javascript', body: `${req.jsonp}(${quoteAscii(String(image.body))})` };
  return image;
}
