import { PaytokError } from "./errors.js";

/**
 * The normalized token every provider package returns. `accessToken` and `refreshToken` are
 * readable but not enumerable: `JSON.stringify`, `util.inspect`, spreading and snapshots never
 * show them.
 */
export interface Token {
  readonly accessToken: string;
  readonly tokenType: "Bearer";
  /** Epoch milliseconds, measured from the moment the token request was sent. */
  readonly expiresAt: number;
  readonly scope?: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds; absent when the provider gave a refresh token with no stated lifetime. */
  readonly refreshExpiresAt?: number;
}

export interface TokenFields {
  accessToken: string;
  expiresAt: number;
  scope?: string | undefined;
  refreshToken?: string | undefined;
  refreshExpiresAt?: number | undefined;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

function describe(this: Token): Record<string, unknown> {
  return {
    accessToken: "[redacted]",
    tokenType: this.tokenType,
    expiresAt: this.expiresAt,
    ...(this.scope === undefined ? {} : { scope: this.scope }),
    ...(this.refreshToken === undefined ? {} : { refreshToken: "[redacted]" }),
    ...(this.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: this.refreshExpiresAt }),
  };
}

/** Builds a frozen {@link Token} whose secrets stay out of every printed or serialized form. */
export function createToken(fields: TokenFields): Token {
  const token: Record<string, unknown> = { tokenType: "Bearer", expiresAt: fields.expiresAt };
  if (fields.scope !== undefined) token.scope = fields.scope;
  if (fields.refreshExpiresAt !== undefined) token.refreshExpiresAt = fields.refreshExpiresAt;
  Object.defineProperty(token, "accessToken", { value: fields.accessToken });
  if (fields.refreshToken !== undefined) {
    Object.defineProperty(token, "refreshToken", { value: fields.refreshToken });
  }
  Object.defineProperty(token, "toJSON", { value: describe });
  Object.defineProperty(token, inspectSymbol, { value: describe });
  return Object.freeze(token) as unknown as Token;
}

/** One year: a longer stated lifetime is clamped, so a bogus value cannot pin a token forever. */
export const MAX_LIFETIME_SECONDS = 365 * 24 * 60 * 60;

/**
 * Reads a lifetime in seconds given as a number or a numeric string (Lab4pay sends a string).
 * Returns `undefined` when absent; throws a typed error for anything that is not a positive,
 * finite number, so `NaN` never reaches `expiresAt`.
 */
export function parseLifetimeSeconds(
  value: unknown,
  field: string,
  packageName: string,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  let seconds: number;
  if (typeof value === "number") {
    seconds = value;
  } else if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    seconds = Number(value);
  } else {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token response has a ${field} that is not a number of seconds (${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : typeof value})`,
      { packageName },
    );
  }
  // Under a millisecond, a lifetime vanishes when added to an epoch-ms time: the token would be
  // born expired (5e-324 is positive, yet sentAt + 5e-324 * 1000 === sentAt).
  if (!Number.isFinite(seconds) || seconds < 0.001) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token response has a ${field} of ${String(seconds)}: a lifetime must be a positive number of seconds (at least 0.001)`,
      { packageName },
    );
  }
  return Math.min(seconds, MAX_LIFETIME_SECONDS);
}

export interface NormalizeOptions {
  packageName: string;
  /** When the request was sent (epoch ms): lifetimes count from here, never from the answer. */
  sentAt: number;
  /** Used when the body has no `expires_in`. */
  defaultLifetimeSeconds: number;
}

function optionalString(
  body: Record<string, unknown>,
  field: string,
  packageName: string,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token response has a ${field} of type ${typeof value}, expected a string`,
      { packageName },
    );
  }
  return value;
}

/**
 * Turns a standard OAuth 2.0 token response body (RFC 6749 §5.1) into a {@link Token}.
 * `token_type` is compared case-insensitively ("bearer" becomes "Bearer"); a missing one is taken
 * as Bearer, the only type these providers issue.
 */
export function normalizeTokenResponse(body: unknown, options: NormalizeOptions): Token {
  const { packageName } = options;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token response is not a JSON object (${body === null ? "null" : Array.isArray(body) ? "array" : typeof body})`,
      { packageName },
    );
  }
  const record = body as Record<string, unknown>;
  const accessToken = record.access_token;
  if (typeof accessToken !== "string" || accessToken.length === 0) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      "token response has no access_token string",
      { packageName },
    );
  }
  // It goes into an Authorization header: anything but visible ASCII would make Headers throw an
  // error that quotes the whole token.
  if (!/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      "token response has an access_token with characters not allowed in an HTTP header",
      { packageName },
    );
  }
  const tokenType = optionalString(record, "token_type", packageName);
  if (tokenType !== undefined && tokenType.toLowerCase() !== "bearer") {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token response has token_type ${JSON.stringify(tokenType.slice(0, 40))}; only Bearer tokens are supported`,
      { packageName },
    );
  }
  const lifetime =
    parseLifetimeSeconds(record.expires_in, "expires_in", packageName) ??
    options.defaultLifetimeSeconds;
  const refreshToken = optionalString(record, "refresh_token", packageName);
  // Keycloak sends refresh_expires_in 0 for refresh tokens without their own limit.
  const refreshLifetime =
    refreshToken === undefined || record.refresh_expires_in === 0
      ? undefined
      : parseLifetimeSeconds(record.refresh_expires_in, "refresh_expires_in", packageName);
  return createToken({
    accessToken,
    expiresAt: options.sentAt + lifetime * 1000,
    scope: optionalString(record, "scope", packageName),
    refreshToken: refreshToken || undefined,
    refreshExpiresAt:
      refreshLifetime === undefined ? undefined : options.sentAt + refreshLifetime * 1000,
  });
}
