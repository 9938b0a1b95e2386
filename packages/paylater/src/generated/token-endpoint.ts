// Generated from specs/paylater.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

import {
  type EndpointLocation,
  type TokenClientOptions,
  type TokenEndpointDescriptor,
  type TokenProvider,
  type TokenRequestInput,
  tokenClientOptions,
} from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

/** Token endpoint base URL of each environment named in the spec's servers. */
export const paylaterEnvironments = {
  "sandbox": "https://connect.uat.paylaterapp.com",
  "production": "https://connect.paylaterapp.com",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PaylaterEnvironment = keyof typeof paylaterEnvironments;

/** The first server of the spec. */
export const paylaterDefaultEnvironment: PaylaterEnvironment = "sandbox";

/** Path of the token endpoint, exactly as documented. */
export const paylaterTokenPath = "/auth/realms/api/protocol/openid-connect/token" as const;

/** HTTP method of the token endpoint. */
export const paylaterTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const paylaterTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const paylaterClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on every API call, besides Authorization. */
export const paylaterApiHeaders = {} as const satisfies Readonly<Record<string, string>>;

/** Lifetime of a token when a response has no `expires_in` (documented or assumed: see the spec). */
export const paylaterTokenLifetimeSeconds = 300;

/** Everything the spec says about the token endpoint, for @paytok/core. */
export const paylaterTokenEndpoint = {
  provider: "paylater",
  packageName: "@paytok/paylater",
  title: "PayLater (Keycloak)",
  environments: paylaterEnvironments,
  defaultEnvironment: paylaterDefaultEnvironment,
  tokenPath: paylaterTokenPath,
  tokenMethod: paylaterTokenMethod,
  mediaType: paylaterTokenMediaType,
  bodyEncoding: "form",
  clientAuthentication: paylaterClientAuthentication,
  tokenHeaders: {},
  apiHeaders: paylaterApiHeaders,
  scopes: undefined,
  lifetimeSeconds: paylaterTokenLifetimeSeconds,
  responseDefaults: {},
  grants: ["client_credentials","refresh_token"],
  requiredValues: [],
  optionalValues: [],
} as const satisfies TokenEndpointDescriptor<PaylaterEnvironment>;

/** Values of the token request body that the spec leaves open: the adapter supplies them. */
export type PaylaterTokenRequestValues = Record<never, never>;

/**
 * Sends one token request through the typed client: path, method, header parameters and every
 * body field are checked against `paths` by the compiler, and openapi-fetch serializes the body.
 */
export function sendPaylaterTokenRequest(
  client: Client<paths>,
  input: TokenRequestInput<PaylaterTokenRequestValues>,
) {
  return client.POST("/auth/realms/api/protocol/openid-connect/token", {
    body: input.grant.type === "refresh_token"
      ? {
        grant_type: "refresh_token",
        refresh_token: input.grant.refreshToken,
        client_id: input.credentials.client_id,
        client_secret: input.credentials.client_secret,
      }
      : {
        grant_type: "client_credentials",
        client_id: input.credentials.client_id,
        client_secret: input.credentials.client_secret,
      },
    headers: input.headers,
    signal: input.signal,
    parseAs: "text",
  });
}

/** Where the token endpoint lives: an environment of the spec or an explicit base URL, never both. */
export type PaylaterLocationOptions = EndpointLocation<PaylaterEnvironment>;

/** Options of {@link createPaylaterClient}: where the endpoint lives, fetch, headers, timeout. */
export type PaylaterClientOptions = PaylaterLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the token endpoint, for the raw call:
 * `client.POST(paylaterTokenPath, { body })`. It refuses plain HTTP to a remote host, treats a
 * redirect as an error, and bounds every call in time and body size; it caches nothing and
 * never retries: `createPaylaterAuth` does that, through this same client.
 */
export function createPaylaterClient(options: PaylaterClientOptions = {}): Client<paths> {
  return createClient<paths>(tokenClientOptions(paylaterTokenEndpoint, options));
}

/** The generated pieces together, for `createProviderAuth` in the adapter. */
export const paylaterTokenProvider: TokenProvider<PaylaterEnvironment, PaylaterTokenRequestValues, Client<paths>> = {
  endpoint: paylaterTokenEndpoint,
  createClient: createPaylaterClient,
  send: sendPaylaterTokenRequest,
};
