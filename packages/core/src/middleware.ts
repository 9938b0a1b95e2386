import { PaytokError } from "./errors.js";
import type { Token } from "./token.js";
import type { TokenManager } from "./token-manager.js";
import type { FetchFunction } from "./token-request.js";
import { isLoopbackHost } from "./url-safety.js";

/**
 * The part of openapi-fetch's `Middleware` that paytok implements, written out so core needs no
 * dependency on openapi-fetch; it is assignable to openapi-fetch's type (a type test proves it).
 */
export interface AuthMiddleware {
  onRequest(parameters: { request: Request }): Promise<undefined>;
  onResponse(parameters: {
    request: Request;
    response: Response;
    options: { fetch: FetchFunction };
  }): Promise<Response | undefined>;
}

export interface AuthorizeOptions {
  manager: TokenManager;
  packageName: string;
  apiHeaders: Readonly<Record<string, string>>;
  allowInsecureHttp: boolean;
}

/** A copy of a request with a body, made before the original is sent, for the one 401 retry. */
const replays = new WeakMap<Request, Request>();

function assertSecureApiUrl(url: string, options: AuthorizeOptions): void {
  // The common case costs one string comparison.
  if (url.startsWith("https:") || options.allowInsecureHttp) return;
  const parsed = new URL(url);
  if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
    throw new PaytokError(
      "PAYTOK_INSECURE_URL",
      `refusing to send a bearer token over plain HTTP to ${parsed.host}; use https, or pass allowInsecureHttp: true if you really mean it`,
      { packageName: options.packageName },
    );
  }
}

function setHeaders(headers: Headers, token: Token, options: AuthorizeOptions): void {
  headers.set("Authorization", `Bearer ${token.accessToken}`);
  for (const name in options.apiHeaders) {
    headers.set(name, options.apiHeaders[name] as string);
  }
}

/** Sets the bearer header (and the provider's headers) on `request`, keeping a replay copy. */
async function authorize(request: Request, options: AuthorizeOptions): Promise<void> {
  assertSecureApiUrl(request.url, options);
  const token = await options.manager.getToken({ signal: request.signal });
  setHeaders(request.headers, token, options);
  if (request.body !== null) replays.set(request, request.clone());
}

/**
 * After a 401: drops the token the request carried (only that one), gets a new one and re-sends
 * the request once. Any other status, or a second 401, is returned untouched.
 */
async function retryUnauthorized(
  request: Request,
  response: Response,
  fetchFunction: FetchFunction,
  options: AuthorizeOptions,
): Promise<Response | undefined> {
  if (response.status !== 401) {
    replays.delete(request);
    return undefined;
  }
  const sent = request.headers.get("Authorization");
  if (sent === null || !sent.startsWith("Bearer ")) return undefined;
  const replay = replays.get(request);
  replays.delete(request);
  await options.manager.invalidate(sent.slice("Bearer ".length), "unauthorized");
  const token = await options.manager.getToken();
  const retry = new Request(replay ?? request);
  setHeaders(retry.headers, token, options);
  // The 401's body is not wanted; releasing it frees the connection. Not awaited: some streams
  // (msw's mocked responses) never settle a cancel, and the retry must not wait on it.
  response.body?.cancel().catch(() => undefined);
  return fetchFunction(retry);
}

/** The openapi-fetch middleware: `client.use(auth.middleware)`. */
export function createAuthMiddleware(options: AuthorizeOptions): AuthMiddleware {
  return {
    async onRequest({ request }) {
      await authorize(request, options);
      return undefined;
    },
    onResponse({ request, response, options: clientOptions }) {
      return retryUnauthorized(request, response, clientOptions.fetch, options);
    },
  };
}

export type AuthFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A `fetch` with the bearer header attached and one retry on 401. */
export function createAuthFetch(options: AuthorizeOptions & { fetch?: FetchFunction }): AuthFetch {
  const fetchFunction: FetchFunction =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input, init) => {
    const request = new Request(input, init);
    await authorize(request, options);
    const response = await fetchFunction(request);
    return (await retryUnauthorized(request, response, fetchFunction, options)) ?? response;
  };
}
