/** How token requests are retried. Every field has a default. */
export interface RetryOptions {
  /** Further attempts after the first one. Default 2. `0` disables retries. */
  retries?: number;
  /** First backoff step. Default 200 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff step. Default 5 000 ms. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown. Default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** Source of randomness for jitter, in [0, 1). Default `Math.random`. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(
  options: RetryOptions | false | undefined,
): ResolvedRetryOptions {
  const source = options === false ? { retries: 0 } : (options ?? {});
  return {
    retries: source.retries ?? 2,
    baseDelayMs: source.baseDelayMs ?? 200,
    maxDelayMs: source.maxDelayMs ?? 5_000,
    maxRetryAfterMs: source.maxRetryAfterMs ?? 30_000,
    random: source.random ?? Math.random,
  };
}

/** The cap of the n-th backoff step: min(maxDelayMs, baseDelayMs · 2^n). */
export function backoffCeiling(attempt: number, options: ResolvedRetryOptions): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}

/** Capped exponential backoff with full jitter: a random delay in [0, min(cap, base·2^n)). */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions): number {
  return Math.floor(options.random() * backoffCeiling(attempt, options));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
