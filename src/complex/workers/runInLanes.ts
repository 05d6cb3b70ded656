// The scheduling every catalog-wide job shares: objects cut into chunks, handed out in order to a
// few concurrent lanes (two per worker, so that each worker has its next chunk queued while a reply
// crosses back), stopping at the first failure or once the signal is aborted. The signal is only
// looked at between chunks: a running piscina task is never aborted (its reply would race the
// abort and surface as an uncaught "Unexpected message from Worker").

/**
 * Calls `work(first, size, lane)` for the chunks [first, first + size) of `total` objects on
 * `lanes` concurrent loops; resolves when all are done, rejects with the first failure (or the
 * abort reason). `work` is not called for a chunk after a failure or abort.
 */
export async function runInLanes(
  total: number,
  chunkSize: number,
  lanes: number,
  work: (first: number, size: number, lane: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkObjects must be a positive integer, found ${chunkSize}`);
  if (!Number.isSafeInteger(lanes) || lanes < 1) throw new RangeError(`lanes must be a positive integer, found ${lanes}`);
  let nextFirst = 0;
  let failure: { reason: unknown } | undefined;
  const lane = async (index: number): Promise<void> => {
    while (failure === undefined && nextFirst < total) {
      const first = nextFirst;
      nextFirst += chunkSize;
      try {
        signal?.throwIfAborted();
        await work(first, Math.min(chunkSize, total - first), index);
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  if (failure !== undefined) throw failure.reason;
}
