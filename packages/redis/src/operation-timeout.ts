/** Raised when a Redis call outlives its time limit. */
export class OperationTimeout extends Error {
  override readonly name = "OperationTimeout";
}

/**
 * Settles with `operation`, or rejects with {@link OperationTimeout} after `timeoutMs`. The timer
 * never outlives the call. A call that finishes after its time ran out is handed to `late` (a lock
 * won too late must still be given back) and its failure is swallowed.
 */
export function withTimeout<T>(
  operation: Promise<T>,
  timeoutMs: number,
  late?: (value: T) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new OperationTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    operation.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) late?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!timedOut) reject(error);
      },
    );
  });
}
