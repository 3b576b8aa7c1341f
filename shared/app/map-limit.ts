/**
 * Maps over items with at most `limit` calls in flight: per-resource APIs (GetWebACLForResource,
 * GetDetector) have low rate limits, and unbounded fan-out only buys throttling retries.
 * Results keep the input order; the first failure rejects.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
