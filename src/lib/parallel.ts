/**
 * Runs `fn` over every item with at most `concurrency` calls in flight; resolves with the
 * results in the items' order, or rejects with the first failure (once every started call has
 * settled, so nothing keeps running behind the caller's back).
 */
export async function boundedParallel<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, concurrency = 256): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { err: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure !== null) throw (failure as { err: unknown }).err;
  return results;
}
