import type { OAuthErrorCode } from "./errors.js";
import type { GrantType } from "./events.js";
import type { Token } from "./token.js";

/** The grant a token request is made with. */
export type TokenGrant =
  | { type: "client_credentials" }
  | { type: "refresh_token"; refreshToken: string };

/** What a provider adapter sends to its token endpoint: everything but URL and method. */
export interface TokenHttpRequest {
  headers: Record<string, string>;
  body: string;
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
 * Everything core needs to know about one provider. Provider packages build it from the user's
 * options; quirks live here (and in the spec), never as special cases in core.
 */
export interface ProviderDefinition {
  /** Short id used in cache keys and events, e.g. `paylater`. */
  provider: string;
  /** Prefix of every error message, e.g. `@paytok/paylater`. */
  packageName: string;
  /** Absolute URL of the token endpoint. */
  tokenUrl: string;
  clientId: string;
  /** What else makes tokens differ (audience, scope): part of the cache key. */
  cacheKeyParts?: readonly string[];
  /** Headers the provider requires on every API call (Pay-me's `ALG-API-VERSION`). */
  apiHeaders?: Readonly<Record<string, string>>;
  /** Lifetime used when a response has no `expires_in`. Default 300 s. */
  defaultLifetimeSeconds?: number;
  /** Values to scrub from every message: the client secret at least. */
  secrets: readonly string[];
  /** Whether the endpoint takes `grant_type=refresh_token`. */
  supportsRefreshGrant?: boolean;
  /** Builds the exact headers and body of a token request. */
  buildTokenRequest(grant: TokenGrant): TokenHttpRequest;
  /** Turns a 2xx JSON body into a token or throws a PaytokError. Default: RFC 6749 §5.1. */
  parseTokenResponse?(body: unknown, context: TokenResponseContext): Token;
  /** Reads a non-2xx JSON body. Default: RFC 6749 §5.2 `{ error, error_description }`. */
  describeErrorBody?(body: unknown, status: number): ErrorBodyDescription | undefined;
}
