// The failure path, loaded on the first failure only: what an error body says (read after
// redaction), Retry-After dates, what a connection failure says, and the scrubbing of every error
// and cause that leaves an auth object. A token request that succeeds never needs any of it, so the default bundle leaves it out.
import { isPaytokError, PaytokError, type PaytokErrorDetails } from "./errors.js";
import type { ErrorBodyDescription, ProviderDefinition } from "./provider.js";
import { createRedactor } from "./redact.js";
import { isLoopbackHost } from "./url-safety.js";

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
/** The three HTTP-date forms of RFC 9110 §5.6.7, each read as [day, month, year, h, m, s]. */
const HTTP_DATES: Array<[RegExp, readonly number[]]> = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  [new RegExp(`^${DAY}, (\\d\\d) (\\w{3}) (\\d{4}) ${TIME} GMT$`), [1, 2, 3, 4, 5, 6]],
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  [
    new RegExp(
      `^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-(\\w{3})-(\\d\\d) ${TIME} GMT$`,
    ),
    [1, 2, 3, 4, 5, 6],
  ],
  // asctime: Sun Nov  6 08:49:37 1994
  [new RegExp(`^${DAY} (\\w{3}) ([ \\d]\\d) ${TIME} (\\d{4})$`), [2, 1, 6, 3, 4, 5]],
];

function parseHttpDate(value: string, now: number): number | undefined {
  for (const [pattern, order] of HTTP_DATES) {
    const match = pattern.exec(value);
    if (match === null) continue;
    const [day, month, year, hours, minutes, seconds] = order.map((index) => match[index] ?? "");
    const monthIndex = MONTHS.indexOf(month as string) / 3;
    let fullYear = Number(year);
    // RFC 9110: a two-digit year more than 50 years ahead belongs to the century before.
    if (fullYear < 100) {
      fullYear += 2000;
      if (fullYear > new Date(now).getUTCFullYear() + 50) fullYear -= 100;
    }
    const at = Date.UTC(
      fullYear,
      monthIndex,
      Number(day),
      Number(hours),
      Number(minutes),
      Number(seconds),
    );
    // Date.UTC rolls 31 Feb over into March, and 25:00 into the next day: not dates.
    const check = new Date(at);
    if (
      !Number.isInteger(monthIndex) ||
      check.getUTCDate() !== Number(day) ||
      check.getUTCHours() !== Number(hours)
    ) {
      return undefined;
    }
    return at;
  }
  return undefined;
}

/**
 * Retry-After read strictly (RFC 9110 §10.2.3): delay-seconds as a non-negative whole number, or an
 * HTTP-date. Anything else (`1.5`, `-1`, `soon`) is `undefined`, which means normal backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed, now);
  return date === undefined ? undefined : Math.max(0, date - now);
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
export function errorFromResponse(
  definition: ProviderDefinition,
  status: number,
  rawText: string,
  retryAfter: string | null,
  now: number,
  secrets: readonly string[],
): PaytokError {
  const redactor = createRedactor(secrets);
  const retryAfterMs = parseRetryAfter(retryAfter, now);
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

/** Fields of a cause worth keeping: they name what happened and never carry a secret. */
const CAUSE_FIELDS = ["code", "errno", "syscall"] as const;

/**
 * A copy of a cause (and of its own causes, four deep) whose text went through `scrub`: the
 * underlying exception of a fetch or a store can quote a header or a body, and a logger that walks
 * `cause` would print it.
 */
function scrubCause(cause: unknown, scrub: (text: string) => string, depth: number): unknown {
  if (isPaytokError(cause)) return scrubError(cause, scrub, depth + 1);
  if (typeof cause !== "object" || cause === null) {
    return cause === undefined ? undefined : scrub(String(cause)).slice(0, 500);
  }
  const source = cause as { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
  const copy = new Error(scrub(String(source.message ?? "")).slice(0, 500));
  copy.name = scrub(String(source.name ?? "Error")).slice(0, 100);
  copy.stack = scrub(typeof source.stack === "string" ? source.stack : String(copy.message));
  for (const field of CAUSE_FIELDS) {
    const value = (cause as Record<string, unknown>)[field];
    if (typeof value === "number" || (typeof value === "string" && value.length <= 40)) {
      (copy as unknown as Record<string, unknown>)[field] = scrub(String(value));
    }
  }
  if (source.cause !== undefined && depth < 4) {
    copy.cause = scrubCause(source.cause, scrub, depth + 1);
  }
  return copy;
}

/**
 * Passes every string of `error` through `scrub`, in place (the stack and identity stay): message,
 * stack, OAuth fields, snippet, provider details (keys too) and the cause chain. Used by the one
 * redaction point of an auth object; errors are frozen in shape, so this sets fields directly.
 */
export function scrubError(
  error: PaytokError,
  secrets: readonly string[] | ((text: string) => string),
  depth = 0,
): PaytokError {
  const scrub = typeof secrets === "function" ? secrets : createRedactor(secrets).text;
  const deep = (value: unknown, level: number): unknown => {
    if (typeof value === "string") return scrub(value);
    if (level > 5 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => deep(item, level + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[scrub(key)] = deep(item, level + 1);
    return result;
  };
  const writable = error as unknown as Record<string, unknown>;
  const set = (field: string, value: unknown) =>
    Object.defineProperty(error, field, {
      value,
      writable: true,
      configurable: true,
      enumerable: Object.getOwnPropertyDescriptor(error, field)?.enumerable ?? false,
    });
  set("message", scrub(error.message));
  if (typeof error.stack === "string") set("stack", scrub(error.stack));
  for (const field of ["oauthError", "oauthErrorDescription", "bodySnippet"]) {
    if (typeof writable[field] === "string") set(field, scrub(writable[field] as string));
  }
  if (error.providerDetails !== undefined) {
    set("providerDetails", Object.freeze(deep(error.providerDetails, 0)));
  }
  if (error.cause !== undefined) set("cause", scrubCause(error.cause, scrub, depth));
  return error;
}

/**
 * A 2xx body as a provider's parser sees it: every secret known so far scrubbed, keys included,
 * but the token fields themselves.
 */
export function scrubBody(
  record: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, unknown> {
  const scrubbed = createRedactor(secrets).value(record) as Record<string, unknown>;
  for (const field of TOKEN_FIELDS) {
    if (typeof record[field] === "string") scrubbed[field] = record[field];
  }
  return scrubbed;
}

/** The fields of a token response that carry secrets. */
export const TOKEN_FIELDS = ["access_token", "refresh_token", "id_token"] as const;

/** What a connection failure says: ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET…, wherever it sits. */
function systemCodeOf(cause: unknown, depth = 0): string | undefined {
  if (typeof cause !== "object" || cause === null || depth > 4) return undefined;
  const {
    code,
    cause: inner,
    errors,
  } = cause as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
  return (
    systemCodeOf(inner, depth + 1) ??
    (Array.isArray(errors) ? systemCodeOf(errors[0], depth + 1) : undefined)
  );
}

/** The innermost message of a cause chain, on one line: what fetch said when no system did. */
function innermostMessage(cause: unknown): string | undefined {
  let message: string | undefined;
  for (let depth = 0; depth < 5 && typeof cause === "object" && cause !== null; depth++) {
    const text = (cause as { message?: unknown }).message;
    if (typeof text === "string" && text.trim() !== "") message = text;
    cause = (cause as { cause?: unknown }).cause;
  }
  return message?.replace(/\s+/g, " ").trim().slice(0, 100);
}

/** A network failure, saying what the system said and, on loopback, what usually causes it. */
export function networkError(
  url: string,
  what: string,
  cause: unknown,
  packageName: string,
  status?: number,
) {
  const { host, hostname } = new URL(url);
  const systemCode = systemCodeOf(cause);
  // Without a system code, what fetch itself said ("bad port", …). A port that fetch blocks
  // (the Fetch standard's bad ports: 1, 6000, 10080, …) fails the same way every time.
  const reason = systemCode ?? innermostMessage(cause);
  const badPort = systemCode === undefined && reason === "bad port";
  const hint =
    systemCode === "ECONNREFUSED" && isLoopbackHost(hostname)
      ? "; nothing listens there: is the sandbox (paytok sandbox) or the local server running?"
      : badPort
        ? "; fetch never connects to this port (a bad port of the Fetch standard): use another"
        : "";
  return new PaytokError(
    "PAYTOK_NETWORK_ERROR",
    `token request to ${host} ${what}${reason === undefined ? "" : ` (${reason})`}${hint}`,
    { packageName, status, retryable: !badPort, cause, systemCode },
  );
}
