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

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
/** The three HTTP-date forms of RFC 9110 §5.6.7, each read as [day, month, year, h, m, s]. */
const HTTP_DATES: Array<[RegExp, readonly number[]]> = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  [new RegExp(`^${DAY}, (\\d\\d) (\\w{3}) (\\d{4}) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  [
    new RegExp(
      `^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-(\\w{3})-(\\d\\d) ${TIME} GMT$`,
    ),
    [1, 2, 3, 4, 5, 6],
  ],
  // asctime: Sun Nov  6 08:49:37 1994
  [new RegExp(`^${DAY} (\\w{3}) ([ \\d]\\d) ${TIME} (\\d{4})$`), [2, 1, 6, 3, 4, 5]],
];

function parseHttpDate(value: string, now: number): number | undefined {
  for (const [pattern, order] of HTTP_DATES) {
    const match = pattern.exec(value);
    if (match === null) continue;
    const [day, month, year, hours, minutes, seconds] = order.map((index) => match[index] ?? "");
    const monthIndex = MONTHS.indexOf(month as string) / 3;
    let fullYear = Number(year);
    // RFC 9110: a two-digit year more than 50 years ahead belongs to the century before.
    if (fullYear < 100) {
      fullYear += 2000;
      if (fullYear > new Date(now).getUTCFullYear() + 50) fullYear -= 100;
    }
    const at = Date.UTC(
      fullYear,
      monthIndex,
      Number(day),
      Number(hours),
      Number(minutes),
      Number(seconds),
    );
    // Date.UTC rolls 31 Feb over into March, and 25:00 into the next day: not dates.
    const check = new Date(at);
    if (
      !Number.isInteger(monthIndex) ||
      check.getUTCDate() !== Number(day) ||
      check.getUTCHours() !== Number(hours)
    ) {
      return undefined;
    }
    return at;
  }
  return undefined;
}

/**
 * Retry-After read strictly (RFC 9110 §10.2.3): delay-seconds as a non-negative whole number, or an
 * HTTP-date. Anything else (`1.5`, `-1`, `soon`) is `undefined`, which means normal backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed, now);
  return date === undefined ? undefined : Math.max(0, date - now);
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
