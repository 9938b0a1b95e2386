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

export type AuthFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface AuthorizeOptions {
  manager: TokenManager;
  provider: string;
  packageName: string;
  apiHeaders: Readonly<Record<string, string>>;
  allowInsecureHttp: boolean;
  /**
   * Whether a host may receive the bearer token (`allowedHosts`); any host when absent. A request
   * for another host is refused with `PAYTOK_HOST_NOT_ALLOWED` before anything is sent.
   */
  allowedHost?: ((hostname: string) => boolean) | undefined;
  /** After a 401 that a brand-new token did not fix, later 401s get no new token for this long. */
  unauthorizedCooldownMs?: number;
  clock?: Clock;
  emit?: (event: PaytokEvent) => void;
}

const BODY = Symbol("paytok.body");
const URL_TEXT = Symbol("paytok.url");

export type Replayable =
  | string
  | ArrayBuffer
  | ArrayBufferView<ArrayBuffer>
  | Blob
  | URLSearchParams
  | FormData;

/** A body that can be sent twice as it is: everything but a stream. */
function isReplayable(body: unknown): body is Replayable {
  return (
    typeof body === "string" ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof FormData
  );
}

/**
 * A `Request` that keeps the body it was made with, when that body can be sent twice: the one
 * retry after a 401 then re-sends it as it is instead of copying the stream ahead of every call
 * (`request.clone()` tees it, which costs more than the rest of a call). Pass it to openapi-fetch
 * as its `Request` (`createClient({ fetch: auth.fetch, Request: auth.Request })`).
 */
export class ReplayableRequest extends Request {
  declare readonly [BODY]: Replayable | undefined;
  declare readonly [URL_TEXT]: string | undefined;
  constructor(input: Request | string | URL, init?: RequestInit) {
    super(input, init);
    const body = init?.body;
    if (isReplayable(body)) Object.defineProperty(this, BODY, { value: body });
    // An absolute URL string, as openapi-fetch passes it, is the request's URL as it is.
    if (typeof input === "string" && /^https?:\/\//i.test(input)) {
      Object.defineProperty(this, URL_TEXT, { value: input });
    }
  }
}

/**
 * The per-auth state of attaching tokens: the replay copies of stream bodies, the last header
 * value and the last URL found safe, so the common call re-uses strings instead of rebuilding
 * them, and the 401 cooldown.
 */
function createAuthorizer(options: AuthorizeOptions) {
  /** A copy of a request with a stream body, made before the original is sent, for the retry. */
  const replays = new WeakMap<Request, Request>();
  let headerToken: Token | undefined;
  let headerValue = "";
  /** `Authorization` and the provider's headers for the current token, for plain-object headers. */
  let headerObject: Record<string, string> = {};
  const ownNames = new Set(
    ["authorization", ...Object.keys(options.apiHeaders)].map((name) => name.toLowerCase()),
  );
  const ownLengths = new Set([...ownNames].map((name) => name.length));
  /** Whether plain-object headers name one of ours in any case (then a Headers merges them). */
  const namesOwnHeader = (headers: Record<string, string>) => {
    for (const name in headers) {
      if (ownLengths.has(name.length) && ownNames.has(name.toLowerCase())) return true;
    }
    return false;
  };
  let lastSafeUrl = "";
  /** The `scheme://authority` of the last URL whose host was found allowed. */
  let lastAllowedOrigin = "";
  /** Until then, a 401 is handed back as it is: the API rejected a brand-new token. */
  let rejectingUntil = 0;
  const cooldownMs = options.unauthorizedCooldownMs ?? 10_000;
  const now = () => (options.clock ?? Date).now();
  const { allowedHost } = options;

  const refuseInsecure = (parsed: URL) => {
    if (
      parsed.protocol === "http:" &&
      !options.allowInsecureHttp &&
      !isLoopbackHost(parsed.hostname)
    ) {
      throw new PaytokError(
        "PAYTOK_INSECURE_URL",
        `refusing to send a bearer token over plain HTTP to ${parsed.host}; use https, or pass allowInsecureHttp: true if you really mean it`,
        { packageName: options.packageName },
      );
    }
  };

  /**
   * Throws unless the token may go to `url`: over https (or allowed plain HTTP), and to an allowed
   * host. The common case costs one or two string comparisons: the last URL found safe, or, with
   * `allowedHosts`, the last `scheme://authority` found allowed (the authority ends at the first
   * `/`, `?`, `#` or `\`, as URL parsers read it).
   */
  const assertSafeApiUrl = (url: string): void => {
    if (allowedHost === undefined) {
      if (url === lastSafeUrl || url.startsWith("https:") || options.allowInsecureHttp) return;
      refuseInsecure(new URL(url));
      lastSafeUrl = url;
      return;
    }
    // Only a plain `https://` or `http://` prefix is cached: the parser reads anything else.
    const schemeEnd = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
    const end = schemeEnd === -1 ? -1 : url.slice(schemeEnd).search(/[/?#\\]/);
    const origin = end === -1 ? url : url.slice(0, schemeEnd + end);
    if (schemeEnd !== -1 && origin === lastAllowedOrigin) return;
    const parsed = new URL(url);
    refuseInsecure(parsed);
    if (!allowedHost(parsed.hostname)) {
      throw new PaytokError(
        "PAYTOK_HOST_NOT_ALLOWED",
        `refusing to attach the bearer token to a request for ${parsed.hostname}: it is not in allowedHosts`,
        { packageName: options.packageName },
      );
    }
    if (schemeEnd !== -1) lastAllowedOrigin = origin;
  };

  const useToken = (token: Token): void => {
    if (token === headerToken) return;
    headerToken = token;
    headerValue = `Bearer ${token.accessToken}`;
    headerObject = { Authorization: headerValue, ...options.apiHeaders };
  };

  const setHeaders = (headers: Headers, token: Token): void => {
    useToken(token);
    headers.set("Authorization", headerValue);
    for (const name in options.apiHeaders) {
      headers.set(name, options.apiHeaders[name] as string);
    }
  };

  /** `init` with the bearer header (and the provider's) on, without building a Request. */
  const withHeaders = (init: RequestInit | undefined, token: Token): RequestInit => {
    useToken(token);
    const given = init?.headers;
    let headers: HeadersInit;
    // Object.assign, not spread syntax: V8 copies header-like keys ("Content-Type") far faster.
    if (given === undefined) {
      headers = Object.assign({}, headerObject);
    } else if (given.constructor === Object && !namesOwnHeader(given as Record<string, string>)) {
      headers = Object.assign({}, given, headerObject);
    } else {
      const merged = new Headers(given);
      setHeaders(merged, token);
      headers = merged;
    }
    return init === undefined ? { headers } : { ...init, headers };
  };

  const tokenFor = (signal: AbortSignal | null | undefined): Token | Promise<Token> =>
    options.manager.usableToken() ??
    options.manager.getToken(signal === null || signal === undefined ? undefined : { signal });

  /**
   * After a 401: drops the token the request carried (only that one) and gets a new one, unless
   * the API refused a brand-new token a moment ago (then `undefined`: the 401 is handed back).
   * `resend` sends the request again with the new token; a 401 to that starts the cooldown.
   */
  const afterUnauthorized = async (
    sent: string | null,
    response: Response,
    signal: AbortSignal | null | undefined,
    resend: (token: Token) => Promise<Response>,
  ): Promise<Response | undefined> => {
    if (sent === null || !sent.startsWith("Bearer ") || now() < rejectingUntil) return undefined;
    await options.manager.invalidate(sent.slice("Bearer ".length), "unauthorized");
    const token = await options.manager.getToken(
      signal === null || signal === undefined ? undefined : { signal },
    );
    // The 401's body is not wanted; releasing it frees the connection. Not awaited: some streams
    // (msw's mocked responses) never settle a cancel, and the retry must not wait on it.
    response.body?.cancel().catch(() => undefined);
    const retried = await resend(token);
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

  /** The request once more, with its body: kept by a ReplayableRequest, or copied beforehand. */
  const replayOf = (request: Request): Request => {
    const copy = replays.get(request);
    if (copy !== undefined) return copy;
    const body = (request as ReplayableRequest)[BODY];
    return body === undefined ? new Request(request) : new Request(request, { body });
  };

  const attach = (request: Request, token: Token): undefined => {
    setHeaders(request.headers, token);
    if (request.body !== null && (request as ReplayableRequest)[BODY] === undefined) {
      replays.set(request, request.clone());
    }
    return undefined;
  };

  return {
    /**
     * Sets the bearer header (and the provider's headers) on `request`, keeping a replay copy of
     * a stream body. With a usable cached token this is synchronous: every API call passes here,
     * and a promise per call is most of what an auth layer costs. `url` is what to check for plain
     * HTTP (openapi-fetch's base URL, or the request's URL).
     */
    authorize(request: Request, url: string): Promise<undefined> | undefined {
      assertSafeApiUrl(url);
      const token = tokenFor(request.signal);
      return token instanceof Promise
        ? token.then((awaited) => attach(request, awaited))
        : attach(request, token);
    },

    /** A 401 to `request`: the replay with a new token, or `undefined` for any other answer. */
    afterResponse(
      request: Request,
      response: Response,
      fetchFunction: FetchFunction,
    ): Promise<Response | undefined> | undefined {
      if (response.status !== 401) {
        replays.delete(request);
        return undefined;
      }
      const replay = replayOf(request);
      replays.delete(request);
      return afterUnauthorized(
        request.headers.get("Authorization"),
        response,
        request.signal,
        (token) => {
          setHeaders(replay.headers, token);
          return fetchFunction(replay);
        },
      );
    },

    /**
     * `fetch(url, init)` with the token on, for a URL and a body that can be sent twice: no
     * Request is built and nothing is copied; the 401 retry sends the same `init` again. With a
     * usable cached token no promise is made but the `fetch`'s own.
     */
    fetchInit(url: string, init: RequestInit | undefined, fetchFunction: FetchFunction) {
      assertSafeApiUrl(url);
      const send = (token: Token) => {
        const sent = withHeaders(init, token);
        return fetchFunction(url, sent).then((response) =>
          response.status !== 401
            ? response
            : afterUnauthorized(headerValueOf(sent), response, init?.signal, (next) =>
                fetchFunction(url, withHeaders(init, next)),
              ).then((retried) => retried ?? response),
        );
      };
      const token = tokenFor(init?.signal);
      return token instanceof Promise ? token.then(send) : send(token);
    },

    /** The same for a Request (openapi-fetch's, when paytok's fetch is the client's). */
    fetchRequest(request: Request, fetchFunction: FetchFunction) {
      const send = () =>
        fetchFunction(request).then((response) => {
          const retry = this.afterResponse(request, response, fetchFunction);
          return retry === undefined ? response : retry.then((retried) => retried ?? response);
        });
      const ready = this.authorize(request, urlOf(request));
      return ready === undefined ? send() : ready.then(send);
    },
  };
}

/** A ReplayableRequest knows the URL string it was made with: reading `request.url` costs more. */
function urlOf(request: Request): string {
  return (request as ReplayableRequest)[URL_TEXT] ?? request.url;
}

function headerValueOf(init: RequestInit): string | null {
  const headers = init.headers;
  if (headers instanceof Headers) return headers.get("Authorization");
  return (headers as Record<string, string> | undefined)?.Authorization ?? null;
}

/** The openapi-fetch middleware: `client.use(auth.middleware)`. */
export function createAuthMiddleware(options: AuthorizeOptions): AuthMiddleware {
  const authorizer = createAuthorizer(options);
  return {
    onRequest({ request, options: clientOptions }) {
      // openapi-fetch builds every URL from its base URL: for plain HTTP, checking that string is
      // enough, and it spares reading request.url, which is serialized anew on every access. Host
      // pinning reads the URL itself: another middleware may have changed it.
      return authorizer.authorize(
        request,
        (options.allowedHost === undefined && clientOptions?.baseUrl) || request.url,
      );
    },
    onResponse({ request, response, options: clientOptions }) {
      return authorizer.afterResponse(request, response, clientOptions.fetch);
    },
  };
}

/**
 * A `fetch` with the bearer header attached and one retry on 401. A URL with a body that can be
 * sent twice (a string, bytes, a Blob, form data) goes out as `fetch(url, init)`, no Request built;
 * a Request (openapi-fetch's, when it is the client's `fetch`) is sent as it is.
 */
export function createAuthFetch(options: AuthorizeOptions & { fetch?: FetchFunction }): AuthFetch {
  const fetchFunction: FetchFunction =
    options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const authorizer = createAuthorizer(options);
  return (input, init) => {
    try {
      if (!(input instanceof Request) && (init?.body == null || isReplayable(init.body))) {
        return authorizer.fetchInit(
          typeof input === "string" ? input : input.href,
          init,
          fetchFunction,
        );
      }
      // A stream body, or a Request: the Request path, with a copy of a stream kept for the retry.
      const request =
        input instanceof Request && init === undefined ? input : new ReplayableRequest(input, init);
      return authorizer.fetchRequest(request, fetchFunction);
    } catch (error) {
      // A fetch never throws synchronously: a refused URL is a rejection too.
      return Promise.reject(error);
    }
  };
}
