import type { OAuthErrorCode } from "./errors.js";
import type { GrantType } from "./events.js";
import type { Token } from "./token.js";

/** The grant a token request is made with. */
export type TokenGrant =
  | { type: "client_credentials" }
  | { type: "refresh_token"; refreshToken: string };

/** How a client authenticates at a token endpoint (RFC 7591 names). */
export type ClientAuthentication = "client_secret_post" | "client_secret_basic";

/**
 * Everything a provider's spec says about its token endpoint: generated into
 * `src/generated/token-endpoint.ts` of the provider package, never written by hand.
 */
export interface TokenEndpointDescriptor<Environment extends string = string> {
  /** Short id used in cache keys and events, e.g. `paylater`. */
  readonly provider: string;
  /** Prefix of every error message, e.g. `@paytok/paylater`. */
  readonly packageName: string;
  readonly title: string;
  /** Base URL of each environment named in the spec's servers; the first is the default. */
  readonly environments: Readonly<Record<Environment, string>>;
  readonly defaultEnvironment: Environment;
  readonly tokenPath: string;
  readonly tokenMethod: "POST";
  /** The request media type exactly as the spec writes it: sent as `Content-Type`. */
  readonly mediaType: string;
  /** How openapi-fetch serializes the body, from the media type. */
  readonly bodyEncoding: "json" | "form";
  readonly clientAuthentication: ClientAuthentication;
  /** Header parameters of the token request with their `const`/`default` values. */
  readonly tokenHeaders: Readonly<Record<string, string>>;
  /** Headers every API call needs besides `Authorization` (Pay-me's `ALG-API-VERSION`). */
  readonly apiHeaders: Readonly<Record<string, string>>;
  /** The documented scopes, when the spec lists them. */
  readonly scopes: readonly string[] | undefined;
  /** Lifetime assumed when a response has no `expires_in`. */
  readonly lifetimeSeconds: number;
  /** `default`s of the success response's fields, applied where a response leaves them out. */
  readonly responseDefaults: Readonly<Record<string, unknown>>;
  readonly grants: readonly GrantType[];
  /** Body fields the spec gives no value for: the provider's adapter must supply them. */
  readonly requiredValues: readonly string[];
  /** Body fields the adapter may supply (the spec's default is sent otherwise). */
  readonly optionalValues: readonly string[];
}

/**
 * What core hands the generated sender of a token request: the grant, what client authentication
 * puts in the body (`client_secret_post`), the values the adapter supplies, the headers (Accept,
 * and `Authorization` for `client_secret_basic`) and the attempt's signal.
 */
export interface TokenRequestInput<Values> {
  readonly grant: TokenGrant;
  readonly credentials: { readonly client_id: string; readonly client_secret: string };
  readonly values: Values;
  readonly headers: Record<string, string>;
  readonly signal: AbortSignal;
}

export interface TokenResponseContext {
  packageName: string;
  status: number;
  /** When the request was sent (epoch ms); lifetimes count from here. */
  sentAt: number;
  defaultLifetimeSeconds: number;
  grant: GrantType;
}

/** What an error body says, in OAuth terms; provider adapters read their own error shapes. */
export interface ErrorBodyDescription {
  oauthError?: OAuthErrorCode | undefined;
  oauthErrorDescription?: string | undefined;
  providerDetails?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A provider's quirks: what its spec cannot say. Bodies reach these already redacted (token
 * fields of a success body excepted), so an adapter never redacts or has to think about secrets.
 */
export interface ProviderQuirks {
  /** Turns a 2xx JSON body into a token or throws a PaytokError. Default: RFC 6749 §5.1. */
  parseTokenResponse?(body: unknown, context: TokenResponseContext): Token;
  /** Reads a non-2xx JSON body. Default: RFC 6749 §5.2 `{ error, error_description }`. */
  describeErrorBody?(body: unknown, status: number): ErrorBodyDescription | undefined;
}

/**
 * Everything the token manager needs about one provider, built by `createProviderAuth` from the
 * generated descriptor, the user's options and the adapter's quirks.
 */
/**
 * The client's credentials for one token request (read anew for each when the user gave
 * functions), with the headers client authentication adds and every form of them to redact.
 */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Headers client authentication adds (`Authorization: Basic …` for `client_secret_basic`). */
  readonly headers: Readonly<Record<string, string>>;
  /** The secret and every encoding of it a request carries: scrubbed from everything. */
  readonly secrets: readonly string[];
}

export interface ProviderDefinition extends ProviderQuirks {
  provider: string;
  packageName: string;
  /** Absolute URL of the token endpoint. */
  tokenUrl: string;
  /**
   * The client id when it is fixed at creation; part of the store key. When a function supplies
   * it, the key takes the first id it returns.
   */
  clientId?: string | undefined;
  /**
   * The credentials of the next token request: the same object every time when they were given
   * as strings, read again for each request when given as functions.
   */
  credentials(): ClientCredentials | Promise<ClientCredentials>;
  /** What else makes tokens differ (audience, scope): part of the cache key. */
  cacheKeyParts?: readonly string[];
  /** Headers the provider requires on every API call (Pay-me's `ALG-API-VERSION`). */
  apiHeaders?: Readonly<Record<string, string>>;
  /** The hosts the token may go to when the user names none (`allowedHosts`); any when absent. */
  allowedHosts?: readonly string[];
  /** Lifetime used when a response has no `expires_in`. Default 300 s. */
  defaultLifetimeSeconds?: number;
  /** Values to scrub from every message known at creation: the client secret when given. */
  secrets: readonly string[];
  /** Whether the endpoint takes `grant_type=refresh_token`. */
  supportsRefreshGrant?: boolean;
  /** `default`s of the success response's fields, applied before parsing. */
  responseDefaults?: Readonly<Record<string, unknown>>;
  /**
   * Sends one token request through the provider's typed client and resolves to its answer, read
   * within the client's bounds. Never called with an aborted signal.
   */
  send(grant: TokenGrant, signal: AbortSignal, credentials: ClientCredentials): Promise<Response>;
}
