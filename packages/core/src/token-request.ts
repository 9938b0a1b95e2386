import type { Clock } from "./clock.js";
import { isPaytokError, PaytokError, type PaytokErrorDetails } from "./errors.js";
import type { PaytokEvent } from "./events.js";
import type { ErrorBodyDescription, ProviderDefinition, TokenGrant } from "./provider.js";
import { redact } from "./redact.js";
import { backoffDelay, parseRetryAfter, type ResolvedRetryOptions, sleep } from "./retry.js";
import { normalizeTokenResponse, type Token } from "./token.js";

export type FetchFunction = (
  input: Request | string | URL,
  init?: RequestInit,
) => Promise<Response>;

export interface TokenRequestContext {
  fetch: FetchFunction;
  clock: Clock;
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  emit(event: PaytokEvent): void;
  background: boolean;
  signal?: AbortSignal | undefined;
}

const SNIPPET_LENGTH = 200;

function standardErrorBody(body: unknown): ErrorBodyDescription | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  return {
    oauthError: typeof record.error === "string" ? record.error : undefined,
    oauthErrorDescription:
      typeof record.error_description === "string" ? record.error_description : undefined,
  };
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function snippet(text: string, secrets: readonly string[]): string {
  return redact(text.replace(/\s+/g, " ").trim(), secrets).slice(0, SNIPPET_LENGTH);
}

/** Strings anywhere in a provider's details, with every secret scrubbed. */
function redactDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (depth > 5 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets, depth + 1)]),
  );
}

/** The same error with the HTTP status of the response it came from. */
function withStatus(error: PaytokError, status: number): PaytokError {
  const details: PaytokErrorDetails = {
    packageName: error.packageName,
    status,
    retryable: error.retryable,
    cause: error.cause,
  };
  if (error.oauthError !== undefined) details.oauthError = error.oauthError;
  if (error.oauthErrorDescription !== undefined) {
    details.oauthErrorDescription = error.oauthErrorDescription;
  }
  if (error.bodySnippet !== undefined) details.bodySnippet = error.bodySnippet;
  if (error.providerDetails !== undefined) details.providerDetails = error.providerDetails;
  const message = error.message.slice(error.packageName.length + 2);
  return new PaytokError(error.code, message, details);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function errorFromResponse(
  definition: ProviderDefinition,
  status: number,
  text: string,
  retryAfterMs: number | undefined,
  secrets: readonly string[],
): PaytokError {
  const parsed = text.trim() === "" ? undefined : tryParseJson(text);
  let description: ErrorBodyDescription | undefined;
  let bodySnippet: string | undefined;
  if (parsed?.ok) {
    description = (definition.describeErrorBody ?? standardErrorBody)(parsed.value, status);
    if (description?.oauthError === undefined && description?.providerDetails === undefined) {
      bodySnippet = snippet(text, secrets);
    }
  } else if (parsed) {
    bodySnippet = snippet(text, secrets);
  }
  const oauthError = description?.oauthError
    ? redact(description.oauthError, secrets).slice(0, 100)
    : undefined;
  const oauthErrorDescription = description?.oauthErrorDescription
    ? redact(description.oauthErrorDescription, secrets).slice(0, 500)
    : undefined;
  const reason = oauthError
    ? `: ${oauthError}${oauthErrorDescription ? ` (${oauthErrorDescription})` : ""}`
    : oauthErrorDescription
      ? `: ${oauthErrorDescription}`
      : bodySnippet
        ? `: ${bodySnippet.slice(0, 80)}`
        : "";
  const details: PaytokErrorDetails = {
    packageName: definition.packageName,
    status,
    retryable: isRetryableStatus(status),
  };
  if (oauthError !== undefined) details.oauthError = oauthError;
  if (oauthErrorDescription !== undefined) details.oauthErrorDescription = oauthErrorDescription;
  if (bodySnippet !== undefined) details.bodySnippet = bodySnippet;
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  if (description?.providerDetails !== undefined) {
    details.providerDetails = redactDeep(description.providerDetails, secrets) as Record<
      string,
      unknown
    >;
  }
  return new PaytokError(
    "PAYTOK_TOKEN_REQUEST_FAILED",
    `token request failed with HTTP ${status}${reason}`,
    details,
  );
}

/** One HTTP attempt: a PaytokError or a token, and the Retry-After the server asked for. */
async function attempt(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext,
  secrets: readonly string[],
): Promise<Token> {
  const { packageName } = definition;
  const request = definition.buildTokenRequest(grant);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, context.timeoutMs);
  const callerSignal = context.signal;
  const onCallerAbort = () => controller.abort();
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const sentAt = context.clock.now();
  let status = 0;
  let text: string;
  let retryAfterMs: number | undefined;
  try {
    const response = await context.fetch(definition.tokenUrl, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: "error",
    });
    status = response.status;
    retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), context.clock.now());
    text = await response.text();
  } catch (cause) {
    if (timedOut) {
      throw new PaytokError(
        "PAYTOK_TIMEOUT",
        `token request timed out after ${context.timeoutMs} ms`,
        { packageName, retryable: true, cause },
      );
    }
    if (callerSignal?.aborted) {
      throw new PaytokError("PAYTOK_ABORTED", "token request aborted by the caller", {
        packageName,
        cause,
      });
    }
    throw new PaytokError(
      "PAYTOK_NETWORK_ERROR",
      `token request got no HTTP answer from ${new URL(definition.tokenUrl).host}${
        status ? ` (body of HTTP ${status} cut short)` : ""
      }`,
      { packageName, retryable: true, cause },
    );
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }

  if (status < 200 || status >= 300) {
    throw errorFromResponse(definition, status, text, retryAfterMs, secrets);
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      text.trim() === ""
        ? `token endpoint answered HTTP ${status} with an empty body`
        : `token endpoint answered HTTP ${status} with a body that is not JSON`,
      // A cut-off or empty 2xx body is usually a proxy or connection hiccup: worth another try.
      // No bodySnippet: a 2xx body (cut-off JSON, a form-encoded answer) may carry a new token.
      { packageName, status, retryable: true },
    );
  }
  const responseContext = {
    packageName,
    status,
    sentAt,
    defaultLifetimeSeconds: definition.defaultLifetimeSeconds ?? 300,
    grant: grant.type,
  };
  try {
    return definition.parseTokenResponse
      ? definition.parseTokenResponse(parsed.value, responseContext)
      : normalizeTokenResponse(parsed.value, responseContext);
  } catch (error) {
    if (isPaytokError(error)) throw error.status === undefined ? withStatus(error, status) : error;
    throw new PaytokError("PAYTOK_INVALID_TOKEN_RESPONSE", "token response could not be read", {
      packageName,
      status,
      cause: error,
    });
  }
}

/**
 * Requests a token with the given grant: retries network errors, timeouts, 408, 429 and 5xx with
 * capped exponential backoff and full jitter (Retry-After honoured); never retries OAuth client
 * errors. Always resolves to a Token or rejects with a PaytokError.
 */
export async function requestToken(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext,
): Promise<Token> {
  const secrets =
    grant.type === "refresh_token"
      ? [...definition.secrets, grant.refreshToken]
      : definition.secrets;
  const base = { provider: definition.provider, grant: grant.type } as const;
  const startedAt = context.clock.now();
  for (let attemptNumber = 0; ; attemptNumber++) {
    context.emit({
      type: "token_requested",
      ...base,
      at: context.clock.now(),
      attempt: attemptNumber,
      background: context.background,
    });
    let error: PaytokError;
    try {
      const token = await attempt(definition, grant, context, secrets);
      context.emit({
        type: "token_issued",
        ...base,
        at: context.clock.now(),
        expiresAt: token.expiresAt,
        durationMs: context.clock.now() - startedAt,
      });
      return token;
    } catch (caught) {
      error = isPaytokError(caught)
        ? caught
        : new PaytokError("PAYTOK_TOKEN_REQUEST_FAILED", "token request failed unexpectedly", {
            packageName: definition.packageName,
            cause: caught,
          });
    }
    const retryAfter = error.retryAfterMs;
    const canRetry =
      error.retryable &&
      attemptNumber < context.retry.retries &&
      (retryAfter === undefined || retryAfter <= context.retry.maxRetryAfterMs);
    if (!canRetry) {
      context.emit({ type: "token_request_failed", ...base, at: context.clock.now(), error });
      throw error;
    }
    const delayMs = retryAfter ?? backoffDelay(attemptNumber, context.retry);
    context.emit({
      type: "retry_scheduled",
      ...base,
      at: context.clock.now(),
      attempt: attemptNumber + 1,
      delayMs,
      error,
    });
    try {
      await sleep(delayMs, context.signal);
    } catch (cause) {
      throw new PaytokError("PAYTOK_ABORTED", "token request aborted by the caller", {
        packageName: definition.packageName,
        cause,
      });
    }
  }
}
