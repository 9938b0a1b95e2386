import {
  basicAuthorization,
  createAuth,
  formEncode,
  type PaytokAuth,
  type ProviderDefinition,
  requireCredential,
  type TokenManagerOptions,
} from "@paytok/core";
import {
  type AlternativePaymentsLocationOptions,
  PACKAGE_NAME,
  resolveAlternativePaymentsBaseUrl,
} from "./alternative-payments-base-url.js";
import { describeAlternativePaymentsError } from "./alternative-payments-error.js";
import {
  alternativePaymentsApiHeaders,
  alternativePaymentsTokenMediaType,
  alternativePaymentsTokenPath,
} from "./generated/constants.js";
import type { components } from "./generated/schema.js";

/**
 * Lifetime assumed when a response has no `expires_in`: the document's example value (3600), our
 * assumption where the document states no rule.
 */
export const ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS = 3600;

/** Options of {@link createAlternativePaymentsAuth}: the credentials, where to ask, core knobs. */
export type AlternativePaymentsAuthOptions = TokenManagerOptions & {
  /** The client id: the username of HTTP Basic authentication. */
  clientId: string;
  /** The client secret: the password of HTTP Basic authentication. Never logged or in an error. */
  clientSecret: string;
} & AlternativePaymentsLocationOptions;

type TokenRequestBody = components["schemas"]["TokenRequest"];

/**
 * Token provider for Alternative Payments: `POST /oauth/token` with the client id and secret as
 * HTTP Basic credentials and `grant_type=client_credentials` as the only form field. The
 * documented plain-HTTP server is reached over https unless you opt in with
 * `allowInsecureHttp: true`, which selects the documented `http://` URL.
 */
export function createAlternativePaymentsAuth(options: AlternativePaymentsAuthOptions): PaytokAuth {
  const {
    clientId: rawClientId,
    clientSecret: rawClientSecret,
    environment,
    baseUrl,
    ...managerOptions
  } = options ?? ({} as Partial<AlternativePaymentsAuthOptions>);
  const clientId = requireCredential(rawClientId, "clientId", PACKAGE_NAME);
  const clientSecret = requireCredential(rawClientSecret, "clientSecret", PACKAGE_NAME);
  const resolvedBaseUrl = resolveAlternativePaymentsBaseUrl({
    environment,
    baseUrl,
    allowInsecureHttp: managerOptions.allowInsecureHttp,
  });
  // RFC 6749 §2.3.1: id and secret are each form-encoded, then `id:secret` is base64-encoded.
  const authorization = basicAuthorization(clientId, clientSecret);
  // The base64 form is as secret as the secret itself, should a server ever echo the header.
  const secrets = [clientSecret, authorization.slice("Basic ".length)];

  const definition: ProviderDefinition = {
    provider: "alternative-payments",
    packageName: PACKAGE_NAME,
    tokenUrl: `${resolvedBaseUrl}${alternativePaymentsTokenPath}`,
    clientId,
    // No scope or audience: the URL and the client id are all that tells two tokens apart.
    cacheKeyParts: [],
    apiHeaders: alternativePaymentsApiHeaders,
    defaultLifetimeSeconds: ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS,
    secrets,
    supportsRefreshGrant: false,
    buildTokenRequest() {
      // The credentials travel in the Authorization header only, never in the body.
      const body = { grant_type: "client_credentials" } satisfies TokenRequestBody;
      return {
        headers: {
          Authorization: authorization,
          "Content-Type": alternativePaymentsTokenMediaType,
          Accept: "application/json",
        },
        body: formEncode(body),
      };
    },
    // The success body is RFC 6749 §5.1 with a lowercase `bearer`, which core's default reader
    // normalizes to "Bearer".
    describeErrorBody: describeAlternativePaymentsError,
  };
  return createAuth(definition, managerOptions);
}
