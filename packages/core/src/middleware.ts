import type { Clock } from "./clock.js";
import { PaytokError } from "./errors.js";
import type { PaytokEvent } from "./events.js";
import type { Token } from "./token.js";
import type { TokenManager } from "./token-manager.js";
import type { FetchFunction } from "./token-request.js";
import { isLoopbackHost } from "./url-safety.js";

/**
 * The part of openapi-fetch's `Middleware` that paytok implements, written out so core needs no
 * dependency on openapi-fetch; it is assignable to openapi-fetch's type (a type test proves it).
 */
export interface AuthMiddleware {
  onRequest(parameters: {
    request: Request;
    options?: { baseUrl?: string };
  }): Promise<undefined> | undefined;
  onResponse(parameters: {
    request: Request;
    response: Response;
    options: { fetch: FetchFunction };
  }): Promise<Response | undefined> | undefined;
}

export interface AuthorizeOptions {
  manager: TokenManager;
  provider: string;
  packageName: string;
  apiHeaders: Readonly<Record<string, string>>;
  allowInsecureHttp: boolean;
  /** After a 401 that a brand-new token did not fix, later 401s get no new token for this long. */
  unauthorizedCooldownMs?: number;
  clock?: Clock;
  emit?: (event: PaytokEvent) => void;
}

/**
 * The per-auth state of attaching tokens: the replay copies of bodies, the last header value and
 * the last URL found safe, so the common call re-uses strings instead of rebuilding them.
 */
function createAuthorizer(options: AuthorizeOptions) {
  /** A copy of a request with a body, made before the original is sent, for the one 401 retry. */
  const replays = new WeakMap<Request, Request>();
  let pendingReplays = 0;
  let headerToken: Token | undefined;
  let headerValue = "";
  let lastSafeUrl = "";
  /** Until then, a 401 is handed back as it is: the API rejected a brand-new token. */
  let rejectingUntil = 0;
  const cooldownMs = options.unauthorizedCooldownMs ?? 10_000;
  const now = () => (options.clock ?? Date).now();

  const assertSecureApiUrl = (url: string): void => {
    // The common case costs one or two string comparisons.
    if (url === lastSafeUrl || url.startsWith("https:") || options.allowInsecureHttp) return;
    const parsed = new URL(url);
    if (parsed.protocol === "http:" && !isLoopbackHost(parsed.hostname)) {
      throw new PaytokError(
        "PAYTOK_INSECURE_URL",
        `refusing to send a bearer token over plain HTTP to ${parsed.host}; use https, or pass allowInsecureHttp: true if you really mean it`,
        { packageName: options.packageName },
      );
    }
    lastSafeUrl = url;
  };

  const setHeaders = (headers: Headers, token: Token): void => {
    if (token !== headerToken) {
      headerToken = token;
      headerValue = `Bearer ${token.accessToken}`;
    }
    headers.set("Authorization", headerValue);
    for (const name in options.apiHeaders) {
      headers.set(name, options.apiHeaders[name] as string);
    }
  };

  const attach = (request: Request, token: Token): undefined => {
    setHeaders(request.headers, token);
    if (request.body !== null) {
      replays.set(request, request.clone());
      pendingReplays += 1;
    }
    return undefined;
  };

  const forget = (request: Request): Request | undefined => {
    if (pendingReplays === 0) return undefined;
    const replay = replays.get(request);
    if (replay !== undefined) {
      replays.delete(request);
      pendingReplays -= 1;
    }
    return replay;
  };

  /**
   * After a 401: drops the token the request carried (only that one), gets a new one and re-sends
   * the request once. Any other status, or a second 401, is returned untouched. When the new token
   * is refused too, the API rejects fresh tokens (a wrong audience, a clock far off): for
   * `cooldownMs` further 401s are handed back without fetching a token for each of them.
   */
  const retryUnauthorized = async (
    request: Request,
    response: Response,
    fetchFunction: FetchFunction,
  ): Promise<Response | undefined> => {
    const replay = forget(request);
    const sent = request.headers.get("Authorization");
    if (sent === null || !sent.startsWith("Bearer ") || now() < rejectingUntil) return undefined;
    await options.manager.invalidate(sent.slice("Bearer ".length), "unauthorized");
    const token = await options.manager.getToken({ signal: request.signal });
    const retry = new Request(replay ?? request);
    setHeaders(retry.headers, token);
    // The 401's body is not wanted; releasing it frees the connection. Not awaited: some streams
    // (msw's mocked responses) never settle a cancel, and the retry must not wait on it.
    response.body?.cancel().catch(() => undefined);
    const retried = await fetchFunction(retry);
    if (retried.status === 401) {
      rejectingUntil = now() + cooldownMs;
      options.emit?.({
        type: "fresh_token_rejected",
        provider: options.provider,
        at: now(),
        cooldownMs,
      });
    }
    return retried;
  };

  return {
    /**
     * Sets the bearer header (and the provider's headers) on `request`, keeping a replay copy of
     * a body. With a usable cached token this is synchronous: every API call passes here, and a
     * promise per call is most of what an auth layer costs. `url` is what to check for plain
     * HTTP (openapi-fetch's base URL, or the request's URL).
     */
    authorize(request: Request, url: string): Promise<undefined> | undefined {
      assertSecureApiUrl(url);
      const token = options.manager.usableToken();
      if (token !== undefined) return attach(request, token);
      return options.manager
        .getToken({ signal: request.signal })
        .then((awaited) => attach(request, awaited));
    },

    afterResponse(
      request: Request,
      response: Response,
      fetchFunction: FetchFunction,
    ): Promise<Response | undefined> | undefined {
      if (response.status !== 401) {
        forget(request);
        return undefined;
      }
      return retryUnauthorized(request, response, fetchFunction);
    },
  };
}

/** The openapi-fetch middleware: `client.use(auth.middleware)`. */
export function createAuthMiddleware(options: AuthorizeOptions): AuthMiddleware {
  const authorizer = createAuthorizer(options);
  return {
    onRequest({ request, options: clientOptions }) {
      // openapi-fetch builds every URL from its base URL: checking that string is enough, and it
      // spares reading request.url, which is serialized anew on every access.
      return authorizer.authorize(request, clientOptions?.baseUrl || request.url);
    },
    onResponse({ request, response, options: clientOptions }) {
      return authorizer.afterResponse(request, response, clientOptions.fetch);
    },
  };
}

export type AuthFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A `fetch` with the bearer header attached and one retry on 401. */
export function createAuthFetch(options: AuthorizeOptions & { fetch?: FetchFunction }): AuthFetch {
  const fetchFunction: FetchFunction =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorizer = createAuthorizer(options);
  return async (input, init) => {
    const request = new Request(input, init);
    await authorizer.authorize(request, request.url);
    const response = await fetchFunction(request);
    return (await authorizer.afterResponse(request, response, fetchFunction)) ?? response;
  };
}
