// The `logger` option: each event as one line at its level. Loaded only when a logger is given.
import type { PaytokEvent } from "./events.js";

/** Any logger with these four methods: `console`, pino, winston, bunyan, … */
export interface PaytokLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof PaytokLogger;

const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`;
/** An error as a log line shows it: its stable code and its (already redacted) message. */
const describe = (error: { code: string; message: string }) => `${error.code}: ${error.message}`;

/**
 * The level and text of each event; `undefined` for `token_served`, which happens on every API
 * call and is for metrics only. Built from event fields only: names, counts, times and redacted
 * errors, never a credential or a token.
 */
export function logLine(event: PaytokEvent): [LogLevel, string] | undefined {
  const head = `paytok ${event.provider}:`;
  switch (event.type) {
    case "token_requested":
      return [
        "debug",
        `${head} token request sent (${event.grant}, attempt ${event.attempt + 1}${event.background ? ", background refresh" : ""})`,
      ];
    case "token_issued":
      return [
        "info",
        `${head} new token (${event.grant}) in ${Math.round(event.durationMs)} ms, valid for ${seconds(event.expiresAt - event.at)}`,
      ];
    case "token_request_failed":
      return ["error", `${head} token request failed (${event.grant}): ${describe(event.error)}`];
    case "retry_scheduled":
      return [
        "warn",
        `${head} token request attempt ${event.attempt} failed, retrying in ${Math.round(event.delayMs)} ms: ${describe(event.error)}`,
      ];
    case "refresh_failed":
      return [
        "warn",
        `${head} background refresh failed; the current token is served, next try in ${seconds(event.nextAttemptAt - event.at)}: ${describe(event.error)}`,
      ];
    case "refresh_grant_rejected":
      return [
        "warn",
        `${head} refresh token refused, falling back to client_credentials: ${describe(event.error)}`,
      ];
    case "token_invalidated":
      return ["debug", `${head} token dropped (${event.reason})`];
    case "token_from_store":
      return ["debug", `${head} token read from the shared store`];
    case "fresh_token_rejected":
      return [
        "warn",
        `${head} the API refused a brand-new token with 401; further 401s get no new token for ${seconds(event.cooldownMs)}`,
      ];
    case "store_error":
      return ["warn", `${head} token store failed, going on without it: ${describe(event.error)}`];
    case "fleet_backoff":
      return [
        "warn",
        `${head} the fleet was told to back off: waiting ${Math.round(event.waitMs)} ms before the token request`,
      ];
    case "credentials_rotated":
      return [
        "info",
        `${head} credentials refused, and the credential functions returned new ones: retrying once with them`,
      ];
    case "token_served":
      return undefined;
  }
}

/** Writes an event to the logger; a logger that throws never breaks token handling. */
export function writeLog(logger: PaytokLogger, event: PaytokEvent): void {
  const line = logLine(event);
  if (line === undefined) return;
  try {
    logger[line[0]](line[1]);
  } catch {
    // A logging hook must never break token handling.
  }
}
