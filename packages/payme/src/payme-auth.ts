import {
  createAuth,
  type PaytokAuth,
  type ProviderDefinition,
  requireCredential,
  resolveBaseUrl,
  type TokenManagerOptions,
} from "@paytok/core";
import {
  type PaymeScope,
  paymeApiHeaders,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeTokenMediaType,
  paymeTokenPath,
} from "./generated/constants.js";
import type { components } from "./generated/schema.js";
import { type PaymeEndpointOptions, packageName } from "./payme-endpoint.js";
import { describePaymeErrorBody, parsePaymeTokenResponse } from "./payme-response.js";
import { paymeScopeString } from "./payme-scope.js";

type TokenRequestBody = components["schemas"]["TokenRequest"];

/** Lifetime of a token in the document's sample (`expires_in: 8600`). */
const DOCUMENTED_LIFETIME_SECONDS = 8600;

export type PaymeAuthOptions = TokenManagerOptions & {
  clientId: string;
  clientSecret: string;
  /**
   * The API base URL the token is for ("URL base del API"), sent as `audience`. Required: the
   * document gives no default, only a placeholder.
   */
  audience: string;
  /**
   * Scopes to request. Default: all four documented scopes. `create:token` is always sent (the
   * document says it is mandatory) and comes first; duplicates are dropped.
   */
  scope?: readonly PaymeScope[];
} & PaymeEndpointOptions;

/**
 * Token provider for Pay-me (Alignet): the client credentials flow with a JSON body and the
 * `ALG-API-VERSION` header, which `middleware`, `fetch` and `headers()` also put on every API call.
 */
export function createPaymeAuth(options: PaymeAuthOptions): PaytokAuth {
  const clientId = requireCredential(options.clientId, "clientId", packageName);
  const clientSecret = requireCredential(options.clientSecret, "clientSecret", packageName);
  const audience = requireCredential(options.audience, "audience", packageName);
  const scope = paymeScopeString(options.scope);
  const baseUrl = resolveBaseUrl(options, paymeEnvironments, paymeDefaultEnvironment, packageName);
  const secrets = [clientSecret];
  // Field order follows the document's JSON example.
  const body: TokenRequestBody = {
    action: "authorize",
    grant_type: "client_credentials",
    audience,
    client_id: clientId,
    client_secret: clientSecret,
    scope,
  };
  const definition: ProviderDefinition = {
    provider: "payme",
    packageName,
    tokenUrl: `${baseUrl}${paymeTokenPath}`,
    clientId,
    cacheKeyParts: [audience, scope],
    apiHeaders: paymeApiHeaders,
    defaultLifetimeSeconds: DOCUMENTED_LIFETIME_SECONDS,
    secrets,
    supportsRefreshGrant: false,
    buildTokenRequest: () => ({
      headers: {
        "Content-Type": paymeTokenMediaType,
        Accept: "application/json",
        ...paymeApiHeaders,
      },
      body: JSON.stringify(body),
    }),
    parseTokenResponse: parsePaymeTokenResponse,
    describeErrorBody: describePaymeErrorBody,
  };
  return createAuth(definition, options);
}
