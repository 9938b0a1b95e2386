import { withDeadline } from "./deadline.js";
import { PaytokError } from "./errors.js";
import { type EndpointLocation, resolveBaseUrl } from "./location.js";
import type { TokenEndpointDescriptor } from "./provider.js";
import {
  type BodyText,
  ERROR_BODY_LIMIT_BYTES,
  readBody,
  TOKEN_RESPONSE_LIMIT_BYTES,
} from "./read-body.js";
import { failure } from "./secrets.js";
import { assertSecureUrl } from "./url-safety.js";

/** The options every `create<Provider>Client()` takes besides its location. */
export interface TokenClientOptions {
  /** fetch used for every call. Default: `globalThis.fetch`, read at call time (msw-friendly). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent on every call; `Content-Type` always stays the documented one. */
  headers?: Readonly<Record<string, string>>;
  /** Allow a plain-HTTP base URL to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
  /** Limit of one call, reading the body included. Default 10 000 ms. */
  timeoutMs?: number;
}

/** The body each answer of a token client was read into, within its bounds. */
const bodies = new WeakMap<Response, BodyText>();

/** What a token client read of `response`'s body; `undefined` for any other response. */
export function bodyOf(response: Response): BodyText | undefined {
  return bodies.get(response);
}

/** Statuses whose responses cannot have a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Sends the request and reads the answer into memory: redirects refused, the body read bounded. */
async function exchange(
  fetchFunction: (request: Request) => Promise<Response>,
  request: Request,
  signal: AbortSignal,
  packageName: string,
): Promise<Response> {
  // "manual", never "error": Node 20's fetch loses the abort of a `redirect: "error"` request
  // once a garbage collection ran, and workerd refuses "error" outright.
  const sent = new Request(request, { signal, redirect: "manual" });
  // Node 20's fetch follows the abort of the Request it is given only while something else holds
  // that Request: once a garbage collection took it, a timed-out request kept its connection open
  // (and a finished process alive) until undici's own 300 s timeout. Held until the exchange ends
  // or the abort was delivered (a custom fetch that ignores it is not held forever).
  inFlight.add(sent);
  const release = () => inFlight.delete(sent);
  signal.addEventListener("abort", release, { once: true });
  try {
    return await exchangeSent(fetchFunction, request.url, sent, signal, packageName);
  } finally {
    signal.removeEventListener("abort", release);
    release();
  }
}

/** The requests under way, referenced so that their aborts reach the connection. */
const inFlight = new Set<Request>();

async function exchangeSent(
  fetchFunction: (request: Request) => Promise<Response>,
  url: string,
  sent: Request,
  signal: AbortSignal,
  packageName: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFunction(sent);
  } catch (cause) {
    throw (await failure()).networkError(url, "got no HTTP answer", cause, packageName);
  }
  const { status } = response;
  if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
    response.body?.cancel().catch(() => undefined);
    throw new PaytokError(
      "PAYTOK_TOKEN_REQUEST_FAILED",
      `token endpoint answered with a redirect (HTTP ${status}); credentials are never sent on to another URL, so configure the final URL`,
      { packageName, status, retryable: false },
    );
  }
  const ok = status >= 200 && status < 300;
  let body: BodyText;
  try {
    body = await readBody(
      response,
      ok ? TOKEN_RESPONSE_LIMIT_BYTES : ERROR_BODY_LIMIT_BYTES,
      signal,
    );
  } catch (cause) {
    throw (await failure()).networkError(
      url,
      `lost its connection reading an HTTP ${status} body`,
      cause,
      packageName,
      status,
    );
  }
  const copy = new Response(NULL_BODY_STATUSES.has(status) ? null : body.text, {
    status,
    statusText: response.statusText,
    headers: response.headers,
  });
  bodies.set(copy, body);
  return copy;
}

/**
 * The `fetch` of a token client: one call bounded by paytok's own timer, whatever the runtime
 * does with an abort; the request's signal (the caller's, or the auth object's attempt) ends it at
 * once; the answer comes back read into memory within the body limits.
 */
function boundedFetch(
  fetchFunction: (request: Request) => Promise<Response>,
  timeoutMs: number,
  packageName: string,
): (request: Request) => Promise<Response> {
  return (request) =>
    withDeadline(
      (signal) => exchange(fetchFunction, request, signal, packageName),
      timeoutMs,
      `${timeoutMs} ms`,
      request.signal,
      packageName,
    );
}

/** `application/x-www-form-urlencoded` encoding of a flat record, as RFC 6749 Appendix B asks. */
export function formEncode(fields: Readonly<Record<string, unknown>>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) form.append(name, String(value));
  }
  return form.toString();
}

/**
 * The `createClient()` options of a provider's typed token-endpoint client, for the raw client and
 * for the auth object alike: the base URL of the environment (or the explicit one), the plain-HTTP
 * refusal, the bounded `fetch` (own deadline, body limits, a redirect is an error), the spec's
 * headers and media type, and the body serializer of that media type (openapi-fetch on its own
 * form-encodes only for exactly `application/x-www-form-urlencoded`).
 */
export function tokenClientOptions<Environment extends string>(
  endpoint: TokenEndpointDescriptor<Environment>,
  options: TokenClientOptions & EndpointLocation<Environment>,
) {
  const { packageName } = endpoint;
  const baseUrl = resolveBaseUrl(
    options,
    endpoint.environments,
    endpoint.defaultEnvironment,
    packageName,
  );
  assertSecureUrl(baseUrl, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    packageName,
    purpose: "the token URL",
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "timeoutMs must be a number > 0", {
      packageName,
    });
  }
  const fetchFunction =
    options.fetch ?? ((request: Request): Promise<Response> => globalThis.fetch(request));
  return {
    baseUrl,
    fetch: boundedFetch(fetchFunction, timeoutMs, packageName),
    headers: {
      Accept: "application/json",
      ...endpoint.tokenHeaders,
      ...options.headers,
      "Content-Type": endpoint.mediaType,
    },
    redirect: "manual" as const,
    bodySerializer: (body: unknown) =>
      endpoint.bodyEncoding === "form"
        ? formEncode(body as Record<string, unknown>)
        : JSON.stringify(body),
  };
}
