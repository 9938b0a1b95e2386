import {
  createAuth,
  normalizeTokenResponse,
  type PaytokAuth,
  type ProviderDefinition,
  requireCredential,
  type TokenManagerOptions,
} from "@paytok/core";
import {
  lab4payApiHeaders,
  lab4payTokenMediaType,
  lab4payTokenPath,
} from "./generated/constants.js";
import type { components } from "./generated/schema.js";
import {
  type Lab4payLocationOptions,
  PACKAGE_NAME,
  resolveLab4payBaseUrl,
} from "./lab4pay-base-url.js";

/**
 * Lifetime assumed when a response has no `expires_in`. The document marks `expires_in` as
 * required and names no lifetime, so this is our assumption, not a documented value.
 */
export const LAB4PAY_DEFAULT_LIFETIME_SECONDS = 3600;

/** The documented default of the response's `scope`. */
export const LAB4PAY_DEFAULT_SCOPE = "default";

/** Options of {@link createLab4payAuth}: the credentials from Pairing, where to ask, core knobs. */
export type Lab4payAuthOptions = TokenManagerOptions & {
  /** Client ID returned by the Pairing process. */
  clientId: string;
  /** Client secret returned by the Pairing process. Never logged, never in an error. */
  clientSecret: string;
} & Lab4payLocationOptions;

type TokenRequestBody = components["schemas"]["AuthenticationTokenBody"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Token provider for Lab4pay Pay-Connect: `POST /v1/auth/token/` with the Pairing credentials in
 * a JSON body. `expires_in` arrives as a string of seconds and is read as a number.
 */
export function createLab4payAuth(options: Lab4payAuthOptions): PaytokAuth {
  const {
    clientId: rawClientId,
    clientSecret: rawClientSecret,
    environment,
    baseUrl,
    ...managerOptions
  } = options ?? ({} as Partial<Lab4payAuthOptions>);
  const clientId = requireCredential(rawClientId, "clientId", PACKAGE_NAME);
  const clientSecret = requireCredential(rawClientSecret, "clientSecret", PACKAGE_NAME);
  const resolvedBaseUrl = resolveLab4payBaseUrl({ environment, baseUrl });

  const definition: ProviderDefinition = {
    provider: "lab4pay",
    packageName: PACKAGE_NAME,
    tokenUrl: `${resolvedBaseUrl}${lab4payTokenPath}`,
    clientId,
    // Nothing but the URL and the client id tells two Lab4pay tokens apart.
    cacheKeyParts: [],
    apiHeaders: lab4payApiHeaders,
    defaultLifetimeSeconds: LAB4PAY_DEFAULT_LIFETIME_SECONDS,
    secrets: [clientSecret],
    supportsRefreshGrant: false,
    buildTokenRequest() {
      const body = {
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      } satisfies TokenRequestBody;
      return {
        headers: { "Content-Type": lab4payTokenMediaType, Accept: "application/json" },
        body: JSON.stringify(body),
      };
    },
    parseTokenResponse(body, context) {
      // `scope` is documented with the default "default": a response without one means that.
      const withDefaults =
        isRecord(body) && (body.scope === undefined || body.scope === null)
          ? { ...body, scope: LAB4PAY_DEFAULT_SCOPE }
          : body;
      // Core reads the documented string `expires_in` ("3600") as seconds and rejects a
      // non-numeric one with PAYTOK_INVALID_TOKEN_RESPONSE.
      return normalizeTokenResponse(withDefaults, context);
    },
  };
  return createAuth(definition, managerOptions);
}
