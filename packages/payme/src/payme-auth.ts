import {
  createProviderAuth,
  type ErrorBodyDescription,
  normalizeTokenResponse,
  type PaytokAuth,
  PaytokError,
  type ProviderAuthOptions,
  type TokenResponseContext,
} from "@paytok/core";
import {
  type PaymeEnvironment,
  type PaymeScope,
  paymeScopes,
  paymeTokenProvider,
} from "./generated/token-endpoint.js";

const { packageName } = paymeTokenProvider.endpoint;

export type PaymeAuthOptions = ProviderAuthOptions<PaymeEnvironment> & {
  /**
   * The API base URL the token is for ("URL base del API"), sent as `audience`. Required. When
   * it is an absolute http(s) URL, its host and the token endpoint's are the default
   * `allowedHosts`.
   */
  audience: string;
  /**
   * Scopes to request. Default: all four documented scopes. `create:token` is always sent (the
   * document says it is mandatory) and comes first; duplicates are dropped.
   */
  scope?: readonly PaymeScope[];
};

/** What `authorization.meta.status` says, as `providerDetails` of a PaytokError. */
export interface PaymeStatusDetails {
  /** `authorization.meta.status.code` (`"00"` on success in the document). */
  statusCode: string | undefined;
  /** Every `message_ilgn[].value`, in order. */
  messages: string[];
}

const record = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * The host of `audience`, which the token is minted for: `middleware` and `fetch` attach it for
 * that host (and the token endpoint's) only, unless `allowedHosts` says otherwise. An audience
 * that is not an absolute http(s) URL (the document's own example is a placeholder) names no
 * host: then any host, as for the other providers.
 */
function audienceHost(audience: unknown): string | undefined {
  if (typeof audience !== "string" || !/^https?:\/\//i.test(audience)) return undefined;
  try {
    return new URL(audience).hostname;
  } catch {
    return undefined;
  }
}

/** `create:token` first, then the requested scopes without duplicates, space-separated. */
function scopeString(scope: unknown): string | undefined {
  if (scope === undefined) return undefined;
  const known: readonly unknown[] = paymeScopes;
  if (!Array.isArray(scope) || !scope.every((item) => known.includes(item))) {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `scope must be a list of the documented scopes: ${paymeScopes.join(", ")}`,
      { packageName },
    );
  }
  return [...new Set(["create:token", ...scope])].join(" ");
}

/** `authorization.meta.status` of a body (code, and every localized message), if it has one. */
function statusOf(body: unknown): PaymeStatusDetails | undefined {
  const status = record(record(record(record(body)?.authorization)?.meta)?.status);
  if (status === undefined) return undefined;
  const messages = Array.isArray(status.message_ilgn) ? status.message_ilgn : [];
  return {
    statusCode: typeof status.code === "string" ? status.code.slice(0, 40) : undefined,
    messages: messages.flatMap((message) => {
      const value = record(message)?.value;
      return typeof value === "string" ? [value.slice(0, 300)] : [];
    }),
  };
}

/** An error body: `{ error, error_description }` when sent, and the documented status object. */
function describeError(body: unknown): ErrorBodyDescription | undefined {
  const fields = record(body);
  const status = statusOf(body);
  const oauthError = typeof fields?.error === "string" ? fields.error : undefined;
  if (oauthError === undefined && status === undefined) return undefined;
  const description =
    typeof fields?.error_description === "string" ? fields.error_description : undefined;
  return {
    oauthError,
    oauthErrorDescription: description ?? (status?.messages.join("; ") || undefined),
    providerDetails: status && { statusCode: status.statusCode, messages: status.messages },
  };
}

/**
 * Pay-me answers 200 even when it refuses: `success: false` with the reason in
 * `authorization.meta.status` is a `PAYTOK_TOKEN_REQUEST_FAILED`, not retried.
 */
function parseToken(body: unknown, context: TokenResponseContext) {
  if (record(body)?.success === false) {
    const status = statusOf(body) ?? { statusCode: undefined, messages: [] };
    const reason = [status.statusCode && `code ${status.statusCode}`, ...status.messages]
      .filter(Boolean)
      .join(": ");
    throw new PaytokError(
      "PAYTOK_TOKEN_REQUEST_FAILED",
      `token request refused with HTTP ${context.status} and success: false${reason ? ` (${reason})` : ""}`,
      { packageName, status: context.status, providerDetails: { ...status } },
    );
  }
  if (record(body)?.success !== true) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      "token response has no success: true (Pay-me always sends the success flag)",
      { packageName, status: context.status },
    );
  }
  return normalizeTokenResponse(body, context);
}

/**
 * Token provider for Pay-me (Alignet): the client credentials flow with a JSON body and the
 * `ALG-API-VERSION` header, which `middleware`, `fetch` and `headers()` also put on every API call.
 */
export function createPaymeAuth(options: PaymeAuthOptions): PaytokAuth {
  const scope = scopeString(options?.scope);
  const host = audienceHost(options?.audience);
  return createProviderAuth(paymeTokenProvider, options, {
    values: { audience: options?.audience, ...(scope === undefined ? {} : { scope }) },
    ...(host === undefined ? {} : { allowedHosts: [host] }),
    parseTokenResponse: parseToken,
    describeErrorBody: describeError,
  });
}
