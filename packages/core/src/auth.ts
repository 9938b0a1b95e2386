import { systemClock } from "./clock.js";
import { PaytokError } from "./errors.js";
import {
  type AuthFetch,
  type AuthMiddleware,
  createAuthFetch,
  createAuthMiddleware,
} from "./middleware.js";
import type { ProviderDefinition } from "./provider.js";
import type { Token } from "./token.js";
import {
  createTokenManager,
  type GetTokenOptions,
  type TokenManagerOptions,
} from "./token-manager.js";
import { assertSecureUrl } from "./url-safety.js";

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
  /** `Authorization` and the provider's extra headers, for any other HTTP client. */
  headers(options?: GetTokenOptions): Promise<Record<string, string>>;
}

/** Builds the auth object of a provider package from its definition and the user's core knobs. */
export function createAuth(
  definition: ProviderDefinition,
  options: TokenManagerOptions = {},
): PaytokAuth {
  const manager = createTokenManager(definition, options);
  const apiHeaders = definition.apiHeaders ?? {};
  const authorizeOptions = {
    manager,
    provider: definition.provider,
    packageName: definition.packageName,
    apiHeaders,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
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
    async headers(getOptions) {
      const token = await manager.getToken(getOptions);
      return { Authorization: `Bearer ${token.accessToken}`, ...apiHeaders };
    },
  };
  return Object.freeze(auth);
}

/**
 * Reads a required credential option: a non-empty string, else a `PAYTOK_CONFIGURATION` error at
 * creation time rather than at the first request. The value itself is never echoed.
 */
export function requireCredential(value: unknown, name: string, packageName: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `${name} is required and must be a non-empty string (got ${value === undefined ? "undefined" : typeof value === "string" ? "an empty string" : typeof value})`,
      { packageName },
    );
  }
  return value;
}

/**
 * Picks the base URL from `environment` (a name of the spec's servers) or an explicit `baseUrl`.
 * Both at once, an unknown environment or a malformed URL is a `PAYTOK_CONFIGURATION` error.
 */
export function resolveBaseUrl<Environment extends string>(
  options: { environment?: Environment | undefined; baseUrl?: string | undefined },
  environments: Readonly<Record<Environment, string>>,
  defaultEnvironment: Environment,
  packageName: string,
): string {
  if (options.environment !== undefined && options.baseUrl !== undefined) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "pass either environment or baseUrl, not both", {
      packageName,
    });
  }
  if (options.baseUrl !== undefined) {
    if (typeof options.baseUrl !== "string" || !URL.canParse(options.baseUrl)) {
      throw new PaytokError("PAYTOK_CONFIGURATION", "baseUrl must be an absolute URL", {
        packageName,
      });
    }
    return options.baseUrl.replace(/\/+$/, "");
  }
  const environment = options.environment ?? defaultEnvironment;
  if (!Object.hasOwn(environments, environment)) {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `unknown environment ${JSON.stringify(String(environment)).slice(0, 60)}; expected one of ${Object.keys(environments).join(", ")}`,
      { packageName },
    );
  }
  return environments[environment];
}

/** `application/x-www-form-urlencoded` encoding of a flat record, as RFC 6749 Appendix B asks. */
export function formEncode(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(fields).toString();
}

/**
 * HTTP Basic client authentication as RFC 6749 §2.3.1 asks: client id and secret are each
 * form-encoded before `id:secret` is base64-encoded.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => formEncode({ v: value }).slice(2);
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/**
 * Where a provider's token endpoint lives: a named environment of its spec or an explicit base URL
 * (a proxy, a local emulator), never both.
 */
export type EndpointLocation<Environment extends string> =
  | { environment?: Environment; baseUrl?: never }
  | { baseUrl: string; environment?: never };

/** The options every `create<Provider>Client()` takes besides its location. */
export interface TokenClientOptions {
  /** fetch used for every call. Default: `globalThis.fetch`, read at call time (msw-friendly). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent on every call; `Content-Type` always stays the documented one. */
  headers?: Readonly<Record<string, string>>;
  /** Allow a plain-HTTP base URL to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
}

/**
 * The `createClient()` options of a raw token-endpoint client: the same plain-HTTP rule as the
 * auth object (the client carries credentials), no redirects (credentials must not follow one to
 * another host), `globalThis.fetch` read per call, and the documented media type kept exactly,
 * since openapi-fetch form-encodes only for exactly `application/x-www-form-urlencoded`.
 */
export function tokenClientOptions(
  options: TokenClientOptions,
  endpoint: {
    packageName: string;
    baseUrl: string;
    mediaType: string;
    apiHeaders?: Readonly<Record<string, string>>;
  },
) {
  assertSecureUrl(endpoint.baseUrl, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    packageName: endpoint.packageName,
    purpose: "the token URL",
  });
  const fetchFunction =
    options.fetch ?? ((request: Request): Promise<Response> => globalThis.fetch(request));
  return {
    baseUrl: endpoint.baseUrl,
    fetch: fetchFunction,
    headers: {
      Accept: "application/json",
      ...endpoint.apiHeaders,
      ...options.headers,
      "Content-Type": endpoint.mediaType,
    },
    redirect: "error" as const,
  };
}
