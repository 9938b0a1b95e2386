import type { Clock } from "./clock.js";
import { withDeadline } from "./deadline.js";
import { isPaytokError, PaytokError } from "./errors.js";
import type { PaytokEvent } from "./events.js";
import type { ClientCredentials, ProviderDefinition, TokenGrant } from "./provider.js";
import { ERROR_BODY_LIMIT_BYTES, readBody, TOKEN_RESPONSE_LIMIT_BYTES } from "./read-body.js";
import { backoffDelay, type ResolvedRetryOptions, sleep } from "./retry.js";
import { createSecrets, failure, type Secrets } from "./secrets.js";
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
  /** What error bodies are scrubbed of before anything reads them. Default: the provider's. */
  secrets?: Secrets;
  emit(event: PaytokEvent): void;
  background: boolean;
  /** Ends the request at once (the auth object was closed). */
  signal?: AbortSignal | undefined;
  /** The fleet's shared backoff, with a store that keeps one. */
  fleet?: FleetBackoff | undefined;
  /** Set by `requestToken`: the id its events carry. */
  requestId?: number;
}

/** Ids of token requests, unique in this process: events of one request carry the same. */
let requestSerial = 0;

/**
 * A backoff shared by every process of a fleet, kept in the token store (on the shared-store
 * path, loaded only with a store that keeps one).
 */
export interface FleetBackoff {
  /**
   * How long to wait before an attempt because the fleet was told to; throws (and reports)
   * `PAYTOK_FLEET_BACKOFF` when that is beyond the request's limits or it is a background refresh.
   */
  waitBefore(
    definition: ProviderDefinition,
    grant: TokenGrant,
    context: TokenRequestContext,
    deadline: number,
  ): Promise<number>;
  /** A failed attempt: what the endpoint said (Retry-After), or a repeated failure, for all. */
  afterFailure(
    error: PaytokError,
    attemptNumber: number,
    nextDelayMs: number | undefined,
    retry: ResolvedRetryOptions,
  ): void;
}

/** Reads a 2xx body into a token; every token string in it is a known secret first. */
async function tokenFromBody(
  definition: ProviderDefinition,
  grant: TokenGrant,
  status: number,
  sentAt: number,
  body: { text: string; overflow: boolean },
  secrets: Secrets,
): Promise<Token> {
  const { packageName } = definition;
  const invalid = (message: string, retryable = false) =>
    new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      `token endpoint answered HTTP ${status} ${message}`,
      {
        packageName,
        status,
        retryable,
      },
    );
  if (body.overflow) {
    throw invalid(`with a body over ${TOKEN_RESPONSE_LIMIT_BYTES} bytes; it was not read further`);
  }
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch {
    // A cut-off or empty 2xx body is usually a proxy or connection hiccup: worth another try.
    // No bodySnippet: a 2xx body (cut-off JSON, a form-encoded answer) may carry a new token.
    throw invalid(
      body.text.trim() === "" ? "with an empty body" : "with a body that is not JSON",
      true,
    );
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    // A provider's own parser sees the body scrubbed of every secret known so far (its messages
    // may quote it), but for the new tokens, which become secrets before anything can quote them.
    const scrubbed = definition.parseTokenResponse
      ? (await failure()).scrubBody(record, secrets.values)
      : { ...record };
    for (const field of ["access_token", "refresh_token", "id_token"]) {
      if (typeof record[field] === "string") secrets.add(record[field]);
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
  const parse = (input: unknown) =>
    definition.parseTokenResponse
      ? definition.parseTokenResponse(input, context)
      : normalizeTokenResponse(input, context);
  try {
    try {
      return parse(value);
    } catch (error) {
      // The default reader saw the raw body: its error, which may quote a field, is made again
      // from the body scrubbed of every secret.
      if (definition.parseTokenResponse || !isPaytokError(error) || typeof value !== "object") {
        throw error;
      }
      return parse((await failure()).scrubBody(value as Record<string, unknown>, secrets.values));
    }
  } catch (error) {
    if (!isPaytokError(error)) {
      throw new PaytokError("PAYTOK_INVALID_TOKEN_RESPONSE", "token response could not be read", {
        packageName,
        status,
        cause: error,
      });
    }
    if (error.status === undefined) Object.defineProperty(error, "status", { value: status });
    throw error;
  }
}

/** What an attempt sent with, and the refusal a rotation retry answers. */
interface AttemptCredentials {
  /** The credentials the attempt read (set once read). */
  used?: ClientCredentials;
  /** Set for the one retry after a refusal: it is sent only with credentials that changed. */
  refused?: { credentials: ClientCredentials; error: PaytokError };
}

/**
 * Whether an error says the endpoint refused the client's credentials: `invalid_client`, or a
 * 401/403, or a 400 without an OAuth error (Lab4pay's only documented client error). Other OAuth
 * errors (`invalid_grant`, `invalid_scope`, …) are about something else.
 */
export function refusesCredentials(error: PaytokError): boolean {
  if (error.code !== "PAYTOK_TOKEN_REQUEST_FAILED" || error.retryable) return false;
  if (error.oauthError !== undefined) return error.oauthError === "invalid_client";
  return error.status === 400 || error.status === 401 || error.status === 403;
}

/** Sends the request through the provider's typed client and reads the answer into a token. */
async function exchange(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext & { secrets: Secrets },
  signal: AbortSignal,
  attemptNumber: number,
  credentialsOf: AttemptCredentials,
): Promise<Token> {
  const credentials = await definition.credentials();
  for (const secret of credentials.secrets) context.secrets.keep(secret);
  const { refused } = credentialsOf;
  const base = {
    provider: definition.provider,
    grant: grant.type,
    requestId: context.requestId ?? 0,
  } as const;
  if (refused !== undefined) {
    // The same credentials again: the refusal stands, and nothing is sent twice.
    if (
      credentials.clientId === refused.credentials.clientId &&
      credentials.clientSecret === refused.credentials.clientSecret
    ) {
      throw refused.error;
    }
    context.emit({ type: "credentials_rotated", ...base, at: context.clock.now() });
  }
  credentialsOf.used = credentials;
  context.emit({
    type: "token_requested",
    ...base,
    at: context.clock.now(),
    attempt: attemptNumber,
    background: context.background,
  });
  const sentAt = context.clock.now();
  let response: Response;
  try {
    response = await definition.send(grant, signal, credentials);
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
    throw (await failure()).errorFromResponse(
      definition,
      status,
      body.text,
      response.headers.get("retry-after"),
      context.clock.now(),
      context.secrets.values,
    );
  }
  return tokenFromBody(definition, grant, status, sentAt, body, context.secrets);
}

/**
 * One attempt, bounded by paytok's own timer whatever the runtime's fetch does with an abort: the
 * timer settles the attempt and then aborts the request to free its connection.
 */
function attempt(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext & { secrets: Secrets },
  limitMs: number,
  limitReason: string,
  attemptNumber: number,
  credentials: AttemptCredentials,
): Promise<Token> {
  return withDeadline(
    (signal) => exchange(definition, grant, context, signal, attemptNumber, credentials),
    limitMs,
    limitReason,
    context.signal,
    definition.packageName,
  );
}

/** Sleeps between attempts; the auth object's closing ends the request (and says so). */
async function pause(
  definition: ProviderDefinition,
  grant: TokenGrant,
  context: TokenRequestContext,
  ms: number,
): Promise<void> {
  try {
    await sleep(ms, context.signal);
  } catch (cause) {
    const error = new PaytokError("PAYTOK_ABORTED", "token request aborted", {
      packageName: definition.packageName,
      cause,
    });
    context.emit({
      type: "token_request_failed",
      provider: definition.provider,
      grant: grant.type,
      requestId: context.requestId ?? 0,
      at: context.clock.now(),
      error,
    });
    throw error;
  }
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
  const context: Required<Pick<TokenRequestContext, "totalTimeoutMs" | "secrets">> &
    TokenRequestContext = {
    ...options,
    totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
    secrets: options.secrets ?? createSecrets(definition.secrets),
    requestId: ++requestSerial,
  };
  if (grant.type === "refresh_token") context.secrets.add(grant.refreshToken);
  const { clock } = context;
  const base = {
    provider: definition.provider,
    grant: grant.type,
    requestId: context.requestId ?? 0,
  } as const;
  const startedAt = clock.now();
  const deadline = startedAt + context.totalTimeoutMs;
  /** The one retry after refused credentials, armed at most once per request. */
  let rotation: AttemptCredentials["refused"];
  let rotationChecked = false;
  for (let attemptNumber = 0; ; attemptNumber++) {
    const credentials: AttemptCredentials = rotation === undefined ? {} : { refused: rotation };
    rotation = undefined;
    if (context.fleet !== undefined) {
      const waitMs = await context.fleet.waitBefore(definition, grant, context, deadline);
      if (waitMs > 0) await pause(definition, grant, context, waitMs);
    }
    const remaining = Math.max(1, deadline - clock.now());
    const [limitMs, limitReason] =
      remaining < context.timeoutMs
        ? [remaining, `${context.totalTimeoutMs} ms in all (totalTimeoutMs)`]
        : [context.timeoutMs, `${context.timeoutMs} ms (timeoutMs)`];
    let error: PaytokError;
    try {
      const token = await attempt(
        definition,
        grant,
        context,
        limitMs,
        limitReason,
        attemptNumber,
        credentials,
      );
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
    // Refused credentials are read once more: a rotated secret gets one retry, outside the retry
    // policy (it is not the endpoint's trouble) and without a pause.
    if (!rotationChecked && credentials.used !== undefined && refusesCredentials(error)) {
      rotationChecked = true;
      rotation = { credentials: credentials.used, error };
      attemptNumber -= 1;
      continue;
    }
    const retryAfter = error.retryAfterMs;
    const delayMs = retryAfter ?? backoffDelay(attemptNumber, context.retry);
    const canRetry =
      error.retryable &&
      attemptNumber < context.retry.retries &&
      (retryAfter === undefined || retryAfter <= context.retry.maxRetryAfterMs) &&
      clock.now() + delayMs < deadline &&
      context.signal?.aborted !== true;
    // What the endpoint said (Retry-After), or a retry that failed again, goes to the fleet; and
    // when this process gives up after its retries, the others pause as long as its next step.
    if (context.fleet !== undefined && error.retryable) {
      context.fleet.afterFailure(
        error,
        attemptNumber,
        canRetry ? delayMs : undefined,
        context.retry,
      );
    }
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
    await pause(definition, grant, context, delayMs);
  }
}
