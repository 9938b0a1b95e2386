import type { PaytokError } from "./errors.js";

export type GrantType = "client_credentials" | "refresh_token";

export interface EventBase {
  /** e.g. `paylater` */
  provider: string;
  /** Epoch ms from the injected clock. */
  at: number;
}

/** The events of one token request (its attempts, retries and outcome) carry its id. */
export interface RequestBase extends EventBase {
  grant: GrantType;
  /** Unique in the process for each token request, the same on all of its events. */
  requestId: number;
}

/**
 * What paytok reports for logging and metrics. No payload ever carries a secret or a token: only
 * names, counts, times and {@link PaytokError}s (whose messages are redacted).
 */
export type PaytokEvent =
  /** One attempt is sent (`attempt` 0 is the first). */
  | (RequestBase & { type: "token_requested"; attempt: number; background: boolean })
  /** `durationMs` counts from the start of the request, retries and waits included. */
  | (RequestBase & { type: "token_issued"; expiresAt: number; durationMs: number })
  | (RequestBase & { type: "token_request_failed"; error: PaytokError })
  | (RequestBase & {
      type: "retry_scheduled";
      attempt: number;
      delayMs: number;
      error: PaytokError;
    })
  | (EventBase & { type: "refresh_failed"; error: PaytokError; nextAttemptAt: number })
  | (EventBase & { type: "refresh_grant_rejected"; error: PaytokError })
  | (EventBase & { type: "token_invalidated"; reason: "invalidate" | "unauthorized" })
  | (EventBase & { type: "token_from_store" })
  /** An API answered 401 to a brand-new token: later 401s get no new token for `cooldownMs`. */
  | (EventBase & { type: "fresh_token_rejected"; cooldownMs: number })
  | (EventBase & { type: "store_error"; error: PaytokError })
  /** Another process (or this one) recorded a backoff in the shared store: waiting it out. */
  | (RequestBase & { type: "fleet_backoff"; waitMs: number })
  /**
   * The endpoint refused the credentials and the `clientId`/`clientSecret` functions returned
   * others when asked again: the request is sent once more with those (never their values).
   */
  | (RequestBase & { type: "credentials_rotated" })
  /**
   * A caller got its token: `cache` at once from memory (every API call; only made when there is
   * a listener), `fetch` after waiting `waitedMs` for the store or a request.
   */
  | (EventBase & { type: "token_served"; source: "cache" | "fetch"; waitedMs: number });

export type PaytokEventType = PaytokEvent["type"];
export type PaytokEventListener = (event: PaytokEvent) => void;
