/// <reference lib="esnext.disposable" />
import { systemClock } from "./clock.js";
import {
  type AuthFetch,
  type AuthMiddleware,
  createAuthFetch,
  createAuthMiddleware,
  ReplayableRequest,
} from "./middleware.js";
import type { ProviderDefinition } from "./provider.js";
import type { Token } from "./token.js";
import {
  createTokenManager,
  type GetTokenOptions,
  type TokenManagerOptions,
} from "./token-manager.js";
import { hostMatcher } from "./url-safety.js";

/** What every `create<Provider>Auth()` returns. */
export interface PaytokAuth {
  /** A valid token: cached, refreshed ahead of expiry, one request at a time. */
  getToken(options?: GetTokenOptions): Promise<Token>;
  /** Drops the cached token if it is the given one (any token when called without one). */
  invalidate(token?: Token | string): Promise<void>;
  /** openapi-fetch middleware: bearer header and provider headers on, one retry on 401. */
  readonly middleware: AuthMiddleware;
  /** `fetch` with the same behaviour as the middleware. */
  readonly fetch: AuthFetch;
  /**
   * A `Request` that keeps a body it can send twice, so the 401 retry needs no copy of it. With
   * `fetch`, the fastest openapi-fetch integration:
   * `createClient<paths>({ baseUrl, fetch: auth.fetch, Request: auth.Request })`.
   */
  readonly Request: typeof ReplayableRequest;
  /** `Authorization` and the provider's extra headers, for any other HTTP client. */
  headers(options?: GetTokenOptions): Promise<Record<string, string>>;
  /**
   * Ends every token request and wait under way at once (a background refresh included) and makes
   * later calls fail with `PAYTOK_CLOSED`. Also `await using auth = …` (`Symbol.asyncDispose`).
   */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** `Symbol.asyncDispose` where the runtime has it (Node 20, Bun, Deno), else its registered name. */
const asyncDispose: typeof Symbol.asyncDispose =
  Symbol.asyncDispose ?? (Symbol.for("Symbol.asyncDispose") as typeof Symbol.asyncDispose);

/** Builds an auth object from a provider definition and the user's core knobs. */
export function createAuth(
  definition: ProviderDefinition,
  options: TokenManagerOptions = {},
): PaytokAuth {
  const manager = createTokenManager(definition, options);
  const apiHeaders = definition.apiHeaders ?? {};
  const allowedHosts = options.allowedHosts ?? definition.allowedHosts;
  const authorizeOptions = {
    manager,
    provider: definition.provider,
    packageName: definition.packageName,
    apiHeaders,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    allowedHost:
      allowedHosts === undefined ? undefined : hostMatcher(allowedHosts, definition.packageName),
    unauthorizedCooldownMs: options.unauthorizedCooldownMs ?? 10_000,
    clock: options.clock ?? systemClock,
    emit: manager.emit,
  };
  const middleware = createAuthMiddleware(authorizeOptions);
  const authFetch = createAuthFetch(
    options.fetch === undefined ? authorizeOptions : { ...authorizeOptions, fetch: options.fetch },
  );
  const auth: PaytokAuth = {
    getToken: (getOptions) => manager.getToken(getOptions),
    invalidate: (token) => manager.invalidate(token),
    middleware,
    fetch: authFetch,
    Request: ReplayableRequest,
    async headers(getOptions) {
      const token = await manager.getToken(getOptions);
      return { Authorization: `Bearer ${token.accessToken}`, ...apiHeaders };
    },
    close: manager.close,
    [asyncDispose]: manager.close,
  };
  return Object.freeze(auth);
}
