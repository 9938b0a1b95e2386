import {
  createAuth,
  formEncode,
  type PaytokAuth,
  type ProviderDefinition,
  requireCredential,
  resolveBaseUrl,
  type TokenManagerOptions,
} from "@paytok/core";
import {
  paylaterApiHeaders,
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenMediaType,
  paylaterTokenPath,
} from "./generated/constants.js";
import type { components } from "./generated/schema.js";
import { normalizePaylaterClientId } from "./paylater-client-id.js";
import { type PaylaterEndpointOptions, packageName } from "./paylater-endpoint.js";

type TokenRequestBody = components["schemas"]["TokenRequest"];

/** Lifetime of an access token in the document's sample (`expires_in: 300`). */
const DOCUMENTED_LIFETIME_SECONDS = 300;

export type PaylaterAuthOptions = TokenManagerOptions & {
  /**
   * Merchant client id, documented as a "Long": pass the string of digits or a `bigint` (ids may
   * exceed 2^53, beyond what a `number` holds exactly). Sent as its string of digits.
   */
  clientId: string | bigint;
  clientSecret: string;
} & PaylaterEndpointOptions;

/**
 * Token provider for PayLater (a Keycloak realm). Follows the document's token life-cycle: the
 * token is reused until 60 s before it expires, then renewed with the `refresh_token` grant while
 * the refresh token lives, and with the `client_credentials` grant otherwise (or when the refresh
 * token is refused with `invalid_grant`).
 */
export function createPaylaterAuth(options: PaylaterAuthOptions): PaytokAuth {
  const clientId = normalizePaylaterClientId(options.clientId);
  const clientSecret = requireCredential(options.clientSecret, "clientSecret", packageName);
  const baseUrl = resolveBaseUrl(
    options,
    paylaterEnvironments,
    paylaterDefaultEnvironment,
    packageName,
  );
  const headers = { "Content-Type": paylaterTokenMediaType, Accept: "application/json" };
  const definition: ProviderDefinition = {
    provider: "paylater",
    packageName,
    tokenUrl: `${baseUrl}${paylaterTokenPath}`,
    clientId,
    apiHeaders: paylaterApiHeaders,
    defaultLifetimeSeconds: DOCUMENTED_LIFETIME_SECONDS,
    secrets: [clientSecret],
    supportsRefreshGrant: true,
    buildTokenRequest(grant) {
      // Field order follows the document (cURL sample) and Keycloak's refresh grant.
      const body: TokenRequestBody =
        grant.type === "refresh_token"
          ? {
              grant_type: "refresh_token",
              refresh_token: grant.refreshToken,
              client_id: clientId,
              client_secret: clientSecret,
            }
          : {
              grant_type: "client_credentials",
              client_id: clientId,
              client_secret: clientSecret,
            };
      return { headers: { ...headers }, body: formEncode(body) };
    },
  };
  return createAuth(definition, options);
}
