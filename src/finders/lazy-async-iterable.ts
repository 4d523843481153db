/**
 * An AsyncIterable over an array computed at the first `next()` (so errors reject it, as an
 * async generator's would), without an async generator's per-item queueing. `compute` may
 * return the array or a promise of it (work sliced over turns of the event loop).
 */
export function lazyAsyncIterable<T>(compute: () => T[] | Promise<T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let items: T[] | undefined;
      let pending: Promise<T[]> | undefined;
      let i = 0;
      const item = (): IteratorResult<T> => (i < items!.length ? { value: items![i++], done: false } : { value: undefined, done: true });
      return {
        next(): Promise<IteratorResult<T>> {
          if (items !== undefined) return Promise.resolve(item());
          try {
            const computed = compute();
            if (Array.isArray(computed)) {
              items = computed;
              return Promise.resolve(item());
            }
            pending ??= computed;
          } catch (err) {
            return Promise.reject(err);
          }
          return pending.then((all) => {
            items ??= all;
            return item();
          });
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
