import type { PaytokError } from "./errors.js";

export type GrantType = "client_credentials" | "refresh_token";

interface EventBase {
  /** e.g. `paylater` */
  provider: string;
  /** Epoch ms from the injected clock. */
  at: number;
}

/**
 * What paytok reports for logging and metrics. No payload ever carries a secret or a token: only
 * names, counts, times and {@link PaytokError}s (whose messages are redacted).
 */
export type PaytokEvent =
  | (EventBase & {
      type: "token_requested";
      grant: GrantType;
      attempt: number;
      background: boolean;
    })
  | (EventBase & { type: "token_issued"; grant: GrantType; expiresAt: number; durationMs: number })
  | (EventBase & { type: "token_request_failed"; grant: GrantType; error: PaytokError })
  | (EventBase & {
      type: "retry_scheduled";
      grant: GrantType;
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
  | (EventBase & { type: "store_error"; error: PaytokError });

export type PaytokEventType = PaytokEvent["type"];
export type PaytokEventListener = (event: PaytokEvent) => void;
