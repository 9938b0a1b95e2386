import {
  createAuth,
  formEncode,
  type PaytokAuth,
  type ProviderDefinition,
  requireCredential,
  type TokenManagerOptions,
} from "@paytok/core";
import {
  payswayApiHeaders,
  payswayTokenMediaType,
  payswayTokenPath,
} from "./generated/constants.js";
import type { components } from "./generated/schema.js";
import {
  PACKAGE_NAME,
  type PayswayLocationOptions,
  resolvePayswayBaseUrl,
} from "./paysway-base-url.js";

/** "Tokens expire after 3600 seconds": used when a response has no `expires_in`. */
export const PAYSWAY_TOKEN_LIFETIME_SECONDS = 3600;

/** Options of {@link createPayswayAuth}: the M2M client's credentials, where to ask, core knobs. */
export type PayswayAuthOptions = TokenManagerOptions & {
  /** The M2M client's id (Dashboard → Settings → API). */
  clientId: string;
  /** The M2M client's secret. Never logged, never in an error. */
  clientSecret: string;
} & PayswayLocationOptions;

type TokenRequestBody = components["schemas"]["TokenRequest"];

/**
 * Token provider for Paysway: `POST /oauth2/token` with the M2M client's credentials in a
 * form-urlencoded body (OAuth2 client credentials). A 401 from an API call gets one new token and
 * one retry through `auth.middleware` and `auth.fetch`.
 */
export function createPayswayAuth(options: PayswayAuthOptions): PaytokAuth {
  const {
    clientId: rawClientId,
    clientSecret: rawClientSecret,
    environment,
    baseUrl,
    ...managerOptions
  } = options ?? ({} as Partial<PayswayAuthOptions>);
  const clientId = requireCredential(rawClientId, "clientId", PACKAGE_NAME);
  const clientSecret = requireCredential(rawClientSecret, "clientSecret", PACKAGE_NAME);
  const resolvedBaseUrl = resolvePayswayBaseUrl({ environment, baseUrl });

  const definition: ProviderDefinition = {
    provider: "paysway",
    packageName: PACKAGE_NAME,
    tokenUrl: `${resolvedBaseUrl}${payswayTokenPath}`,
    clientId,
    // No scope or audience: the URL and the client id are all that tells two tokens apart.
    cacheKeyParts: [],
    apiHeaders: payswayApiHeaders,
    defaultLifetimeSeconds: PAYSWAY_TOKEN_LIFETIME_SECONDS,
    secrets: [clientSecret],
    supportsRefreshGrant: false,
    buildTokenRequest() {
      // Field order as in the document's cURL example.
      const body = {
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      } satisfies TokenRequestBody;
      return {
        headers: { "Content-Type": payswayTokenMediaType, Accept: "application/json" },
        body: formEncode(body),
      };
    },
    // The documented response is plain RFC 6749 §5.1 and errors are assumed to be RFC 6749 §5.2:
    // core's default readers apply.
  };
  return createAuth(definition, managerOptions);
}
