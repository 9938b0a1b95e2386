import { PaytokError } from "./errors.js";

/**
 * Runs `run` within `limitMs` by paytok's own timer, whatever the runtime's fetch does with an
 * abort: the timer (`PAYTOK_TIMEOUT`, retryable, "timed out after <limitText>") or `signal`
 * (`PAYTOK_ABORTED`) settles the call first, and then the signal handed to `run` aborts whatever is
 * still running (a body read, a connection).
 */
export function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  limitMs: number,
  limitText: string,
  signal: AbortSignal | undefined,
  packageName: string,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      settle();
      controller.abort();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new PaytokError("PAYTOK_TIMEOUT", `token request timed out after ${limitText}`, {
              packageName,
              retryable: true,
            }),
          ),
        ),
      limitMs,
    );
    const onAbort = () =>
      finish(() =>
        reject(
          new PaytokError("PAYTOK_ABORTED", "token request aborted", {
            packageName,
            cause: signal?.reason,
          }),
        ),
      );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    run(controller.signal).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
