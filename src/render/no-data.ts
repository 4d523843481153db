import type { MetricIndex, MetricNode } from '../finders/metric-index.js';
import type { SeriesReader } from '../readers/series-reader.js';

/**
 * An index and a reader with nothing in them: what /render answers from until the app is
 * given real ones (the composition root wires the configured backends).
 */
export const emptyIndex: MetricIndex = {
  // eslint-disable-next-line require-yield
  async *find(): AsyncIterable<MetricNode> {
    return;
  },
  async register() {},
  async delete() {
    return 0;
  },
  async unregister() {
    return 0;
  },
  async close() {},
};

export const emptyReader: SeriesReader = {
  async fetch() {
    return null;
  },
  async fetchMany(names) {
    return names.map(() => null);
  },
};
