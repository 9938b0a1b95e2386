import type { Clock } from "./clock.js";
import { isPaytokError, PaytokError, type PaytokErrorDetails } from "./errors.js";
import type { PaytokEvent } from "./events.js";
import type { ErrorBodyDescription, ProviderDefinition, TokenGrant } from "./provider.js";
import { ERROR_BODY_LIMIT_BYTES, readBody, TOKEN_RESPONSE_LIMIT_BYTES } from "./read-body.js";
import { createRedactor, type Redactor } from "./redact.js";
import { backoffDelay, parseRetryAfter, type ResolvedRetryOptions, sleep } from "./retry.js";
import { normalizeTokenResponse, type Token } from "./token.js";
import { bodyOf } from "./token-client.js";

export type FetchFunction = (
  input: Request | string | URL,
  init?: RequestInit,
) => Promise<Response>;

export interface TokenRequestContext {
  clock: Clock;
  /** Limit of one attempt, body read included. */
  timeoutMs: number;
  /** Limit of the whole request, retries and their waits included. Default 30 000 ms. */
  totalTimeoutMs?: number;
  retry: ResolvedRetryOptions;
  /** Scrubs error bodies before anything reads them. Default: one for the provider's secrets. */
  redactor?: Redactor;
  emit(event: PaytokEvent): void;
  background: boolean;
  /** Ends the request at once (the auth object was closed). */
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

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The error of a non-2xx answer. `text` is at most {@link ERROR_BODY_LIMIT_BYTES} of the body and
 * is redacted before anything else looks at it: parsing, whitespace folding, cutting.
 */
function errorFromResponse(
  definition: ProviderDefinition,
  status: number,
  rawText: string,
  retryAfterMs: number | undefined,
  redactor: Redactor,
): PaytokError {
  const text = redactor.text(rawText);
  // Parsed from the raw text, then scrubbed: JSON escapes (`\u0073`) hide a secret from the text.
  const parsed = rawText.trim() === "" ? undefined : tryParseJson(rawText);
  const body = parsed?.ok ? redactor.value(parsed.value) : undefined;
  const description = parsed?.ok
    ? (definition.describeErrorBody ?? standardErrorBody)(body, status)
    : undefined;
  const bodySnippet =
    parsed !== undefined &&
    description?.oauthError === undefined &&
    description?.providerDetails === undefined
      ? text.replace(/\s+/g, " ").trim().slice(0, SNIPPET_LENGTH)
      : undefined;
  const oauthError = description?.oauthError?.slice(0, 100);
  const oauthErrorDescription = description?.oauthErrorDescription?.slice(0, 500);
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
  if (oauthError) details.oauthError = oauthError;
  if (oauthErrorDescription) details.oauthErrorDescription = oauthErrorDescription;
  if (bodySnippet) details.bodySnippet = bodySnippet;
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  if (description?.providerDetails !== undefined) {
    details.providerDetails = description.providerDetails;
  }
  return new PaytokError(
    "PAYTOK_TOKEN_REQUEST_FAILED",
    `token request failed with HTTP ${status}${reason}`,
    details,
  );
}

/** The same error with the HTTP status of the response it came from. */
function withStatus(error: PaytokError, status: number): PaytokError {
  const { packageName, retryable, cause, oauthError, oauthErrorDescription } = error;
  const details: PaytokErrorDetails = { packageName, status, retryable, cause };
  if (oauthError !== undefined) details.oauthError = oauthError;
  if (oauthErrorDescription !== undefined) details.oauthErrorDescription = oauthErrorDescription;
  if (error.bodySnippet !== undefined) details.bodySnippet = error.bodySnippet;
  if (error.providerDetails !== undefined) details.providerDetails = error.providerDetails;
  return new PaytokError(error.code, error.message.slice(packageName.length + 2), details);
}

/** Reads a 2xx body into a token; every token string in it is known to the redactor first. */
function tokenFromBody(
  definition: ProviderDefinition,
  grant: TokenGrant,
  status: number,
  sentAt: number,
  body: { text: string; overflow: boolean },
  redactor: Redactor,
): Token {
  const { packageName } = definition;
  if (body.overflow) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token endpoint answered HTTP ${status} with a body over ${TOKEN_RESPONSE_LIMIT_BYTES} bytes; it was not read further`,
      { packageName, status },
    );
  }
  const parsed = tryParseJson(body.text);
  if (!parsed.ok) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      body.text.trim() === ""
        ? `token endpoint answered HTTP ${status} with an empty body`
        : `token endpoint answered HTTP ${status} with a body that is not JSON`,
      // A cut-off or empty 2xx body is usually a proxy or connection hiccup: worth another try.
      // No bodySnippet: a 2xx body (cut-off JSON, a form-encoded answer) may carry a new token.
      { packageName, status, retryable: true },
    );
  }
  let value = parsed.value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    // The adapter sees a body scrubbed of every secret known so far, but for the new tokens,
    // which the redactor learns before anything can quote them.
    const record = value as Record<string, unknown>;
    const scrubbed = redactor.value(record) as Record<string, unknown>;
    for (const field of ["access_token", "refresh_token", "id_token"]) {
      if (typeof record[field] === "string") {
        redactor.add(record[field]);
        scrubbed[field] = record[field];
      }
    }
    for (const [field, fallback] of Object.entries(definition.responseDefaults ?? {})) {
      scrubbed[field] ??= fallback;
    }
    value = scrubbed;
  }
  const context = {
    packageName,
    status,
    sentAt,
    defaultLifetimeSeconds: definition.defaultLifetimeSeconds ?? 300,
    grant: grant.type,
  };
  try {
    return definition.parseTokenResponse
      ? definition.parseTokenResponse(value, context)
      : normalizeTokenResponse(value, context);
  } catch (error) {
    if (isPaytokError(error)) throw error.status === undefined ? withStatus(error, status) : error;
    throw new PaytokError("PAYTOK_INVALID_TOKEN_RESPONSE", "token response could not be read", {
      packageName,
      status,
      cause: error,
    });
  }
}

/** Sends the request through the provider's typed client and reads the answer into a token. */
async function exchange(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext & { redactor: Redactor },
  signal: AbortSignal,
): Promise<Token> {
  const sentAt = context.clock.now();
  let response: Response;
  try {
    response = await definition.send(grant, signal);
  } catch (cause) {
    if (isPaytokError(cause)) throw cause;
    throw new PaytokError("PAYTOK_NETWORK_ERROR", "token request failed before an answer", {
      packageName: definition.packageName,
      retryable: true,
      cause,
    });
  }
  const { status } = response;
  const ok = status >= 200 && status < 300;
  // A client of the provider has read the body within its bounds already; anything else is read
  // here, within the same bounds.
  const body =
    bodyOf(response) ??
    (await readBody(response, ok ? TOKEN_RESPONSE_LIMIT_BYTES : ERROR_BODY_LIMIT_BYTES, signal));
  if (!ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), context.clock.now());
    throw errorFromResponse(definition, status, body.text, retryAfterMs, context.redactor);
  }
  return tokenFromBody(definition, grant, status, sentAt, body, context.redactor);
}

/**
 * One attempt, bounded by paytok's own timer whatever the runtime's fetch does with an abort: the
 * timer settles the attempt and then aborts the request to free its connection.
 */
function attempt(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext & { redactor: Redactor },
  limitMs: number,
  limitReason: string,
): Promise<Token> {
  const { packageName } = definition;
  const controller = new AbortController();
  return new Promise<Token>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      context.signal?.removeEventListener("abort", onClose);
      settle();
      // Whatever is still running (a body read, a connection) is not wanted any more.
      controller.abort();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new PaytokError("PAYTOK_TIMEOUT", `token request timed out after ${limitReason}`, {
              packageName,
              retryable: true,
            }),
          ),
        ),
      limitMs,
    );
    const onClose = () =>
      finish(() =>
        reject(
          new PaytokError("PAYTOK_ABORTED", "token request aborted", {
            packageName,
            cause: context.signal?.reason,
          }),
        ),
      );
    if (context.signal?.aborted) return onClose();
    context.signal?.addEventListener("abort", onClose, { once: true });
    exchange(definition, grant, context, controller.signal).then(
      (token) => finish(() => resolve(token)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/**
 * Requests a token with the given grant: retries network errors, timeouts, 408, 429 and 5xx with
 * capped exponential backoff and full jitter (Retry-After honoured) within `totalTimeoutMs`; never
 * retries OAuth client errors. Always resolves to a Token or rejects with a PaytokError.
 */
export async function requestToken(
  definition: ProviderDefinition,
  grant: TokenGrant,
  options: TokenRequestContext,
): Promise<Token> {
  const context: Required<Pick<TokenRequestContext, "totalTimeoutMs" | "redactor">> &
    TokenRequestContext = {
    ...options,
    totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
    redactor: options.redactor ?? createRedactor(definition.secrets),
  };
  if (grant.type === "refresh_token") context.redactor.add(grant.refreshToken);
  const { clock } = context;
  const base = { provider: definition.provider, grant: grant.type } as const;
  const startedAt = clock.now();
  const deadline = startedAt + context.totalTimeoutMs;
  for (let attemptNumber = 0; ; attemptNumber++) {
    context.emit({
      type: "token_requested",
      ...base,
      at: clock.now(),
      attempt: attemptNumber,
      background: context.background,
    });
    const remaining = Math.max(1, deadline - clock.now());
    const [limitMs, limitReason] =
      remaining < context.timeoutMs
        ? [remaining, `${context.totalTimeoutMs} ms in all (totalTimeoutMs)`]
        : [context.timeoutMs, `${context.timeoutMs} ms (timeoutMs)`];
    let error: PaytokError;
    try {
      const token = await attempt(definition, grant, context, limitMs, limitReason);
      context.emit({
        type: "token_issued",
        ...base,
        at: clock.now(),
        expiresAt: token.expiresAt,
        durationMs: clock.now() - startedAt,
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
    const delayMs = retryAfter ?? backoffDelay(attemptNumber, context.retry);
    const canRetry =
      error.retryable &&
      attemptNumber < context.retry.retries &&
      (retryAfter === undefined || retryAfter <= context.retry.maxRetryAfterMs) &&
      clock.now() + delayMs < deadline &&
      context.signal?.aborted !== true;
    if (!canRetry) {
      context.emit({ type: "token_request_failed", ...base, at: clock.now(), error });
      throw error;
    }
    context.emit({
      type: "retry_scheduled",
      ...base,
      at: clock.now(),
      attempt: attemptNumber + 1,
      delayMs,
      error,
    });
    try {
      await sleep(delayMs, context.signal);
    } catch (cause) {
      throw new PaytokError("PAYTOK_ABORTED", "token request aborted", {
        packageName: definition.packageName,
        cause,
      });
    }
  }
}
