/** Every code a paytok error can carry. Stable: match on these, never on messages. */
export type PaytokErrorCode =
  /** The token endpoint answered with an error status or a documented failure body. */
  | "PAYTOK_TOKEN_REQUEST_FAILED"
  /** The token endpoint answered 2xx with a body that is not a usable token. */
  | "PAYTOK_INVALID_TOKEN_RESPONSE"
  /**
   * Another process of the fleet was told to wait (a shared store's backoff) longer than this
   * request may: `retryAfterMs` says how long is left. Nothing was sent.
   */
  | "PAYTOK_FLEET_BACKOFF"
  /** An attempt took longer than `timeoutMs`. */
  | "PAYTOK_TIMEOUT"
  /** The request never got an HTTP answer (DNS, connection reset, TLS). */
  | "PAYTOK_NETWORK_ERROR"
  /** The caller's own AbortSignal fired. */
  | "PAYTOK_ABORTED"
  /** The auth object was closed (`close()`, or the `signal` it was created with aborted). */
  | "PAYTOK_CLOSED"
  /** A plain-HTTP URL to a non-loopback host without `allowInsecureHttp: true`. */
  | "PAYTOK_INSECURE_URL"
  /** `middleware` or `fetch` was asked to send the token to a host not in `allowedHosts`. */
  | "PAYTOK_HOST_NOT_ALLOWED"
  /** Options that cannot work: a missing credential, an unknown environment, a bad URL. */
  | "PAYTOK_CONFIGURATION"
  /** The shared token store failed; paytok went on without it (reported through events only). */
  | "PAYTOK_STORE_ERROR";

/** OAuth 2.0 error codes of RFC 6749 §5.2; providers may send others. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  // `string & {}` keeps the editor offering the known codes while accepting any other.
  | (string & {});

export interface PaytokErrorDetails {
  /** Package that raised it, e.g. `@paytok/paylater`; the message starts with it. */
  packageName?: string | undefined;
  status?: number | undefined;
  oauthError?: OAuthErrorCode | undefined;
  oauthErrorDescription?: string | undefined;
  /** The first characters of a body that was not the expected JSON (an HTML error page). */
  bodySnippet?: string | undefined;
  /** Whether trying again later could succeed (network trouble, 5xx, 429). */
  retryable?: boolean | undefined;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number | undefined;
  /** Provider-specific facts, e.g. Pay-me's `authorization.meta.status`. Never secrets. */
  providerDetails?: Readonly<Record<string, unknown>> | undefined;
  /** What the system said of a connection that failed: `ECONNREFUSED`, `ENOTFOUND`, … */
  systemCode?: string | undefined;
  cause?: unknown | undefined;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * The brand every PaytokError carries, registered so that it is the same symbol in every copy of
 * core: the ESM and CJS builds, two installed versions. `instanceof` alone tells them apart.
 */
const BRAND = Symbol.for("paytok.error");

/**
 * The one error class of paytok. `code` is stable; everything else is best effort.
 * Messages and fields are built only from redacted text: no secret or token ever lands here.
 */
export class PaytokError extends Error {
  override readonly name = "PaytokError";
  readonly code: PaytokErrorCode;
  readonly packageName: string;
  readonly status: number | undefined;
  readonly oauthError: OAuthErrorCode | undefined;
  readonly oauthErrorDescription: string | undefined;
  readonly bodySnippet: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly providerDetails: Readonly<Record<string, unknown>> | undefined;
  readonly systemCode: string | undefined;
  declare readonly [BRAND]: true;

  constructor(code: PaytokErrorCode, message: string, details: PaytokErrorDetails = {}) {
    const packageName = details.packageName ?? "@paytok/core";
    super(
      `${packageName}: ${message}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.packageName = packageName;
    this.status = details.status;
    this.oauthError = details.oauthError;
    this.oauthErrorDescription = details.oauthErrorDescription;
    this.bodySnippet = details.bodySnippet;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.providerDetails = details.providerDetails;
    this.systemCode = details.systemCode;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Alias of `oauthError`, named as in the OAuth response body. */
  get error(): OAuthErrorCode | undefined {
    return this.oauthError;
  }

  /** Alias of `oauthErrorDescription`. */
  get errorDescription(): string | undefined {
    return this.oauthErrorDescription;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      oauthError: this.oauthError,
      oauthErrorDescription: this.oauthErrorDescription,
      bodySnippet: this.bodySnippet,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      providerDetails: this.providerDetails,
      systemCode: this.systemCode,
    };
  }

  [inspectSymbol](): string {
    return `${this.stack ?? this.message}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

/** True when `value` is a PaytokError, optionally with the given code. */
export function isPaytokError(value: unknown, code?: PaytokErrorCode): value is PaytokError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { [BRAND]?: unknown })[BRAND] === true &&
    (code === undefined || (value as PaytokError).code === code)
  );
}
