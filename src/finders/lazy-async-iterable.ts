/**
 * An AsyncIterable over an array computed at the first `next()` (so errors reject it, as an
 * async generator's would), without an async generator's per-item queueing.
 */
export function lazyAsyncIterable<T>(compute: () => T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let items: T[] | undefined;
      let i = 0;
      return {
        next(): Promise<IteratorResult<T>> {
          try {
            items ??= compute();
          } catch (err) {
            return Promise.reject(err);
          }
          return Promise.resolve(i < items.length ? { value: items[i++], done: false } : { value: undefined, done: true });
        },
        return(): Promise<IteratorResult<T>> {
          items = [];
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
}
