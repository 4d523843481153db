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

/** lazyAsyncIterable over an array computed asynchronously at the first `next()`. */
export function lazyAsyncIterableOf<T>(compute: () => Promise<T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let items: Promise<T[]> | undefined;
      let i = 0;
      return {
        async next(): Promise<IteratorResult<T>> {
          const list = await (items ??= compute());
          return i < list.length ? { value: list[i++], done: false } : { value: undefined, done: true };
        },
        async return(): Promise<IteratorResult<T>> {
          items = Promise.resolve([]);
          return { value: undefined, done: true };
        },
      };
    },
  };
}
