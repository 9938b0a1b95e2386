// Generated from specs/paysway.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

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
export const payswayEnvironments = {
  "production": "https://api.paysway.dev",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PayswayEnvironment = keyof typeof payswayEnvironments;

/** The first server of the spec. */
export const payswayDefaultEnvironment: PayswayEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const payswayTokenPath = "/oauth2/token" as const;

/** HTTP method of the token endpoint. */
export const payswayTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const payswayTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const payswayClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on every API call, besides Authorization. */
export const payswayApiHeaders = {} as const satisfies Readonly<Record<string, string>>;

/** Lifetime of a token when a response has no `expires_in` (documented or assumed: see the spec). */
export const payswayTokenLifetimeSeconds = 3600;

/** Everything the spec says about the token endpoint, for @paytok/core. */
export const payswayTokenEndpoint = {
  provider: "paysway",
  packageName: "@paytok/paysway",
  title: "Paysway",
  environments: payswayEnvironments,
  defaultEnvironment: payswayDefaultEnvironment,
  tokenPath: payswayTokenPath,
  tokenMethod: payswayTokenMethod,
  mediaType: payswayTokenMediaType,
  bodyEncoding: "form",
  clientAuthentication: payswayClientAuthentication,
  tokenHeaders: {},
  apiHeaders: payswayApiHeaders,
  scopes: undefined,
  lifetimeSeconds: payswayTokenLifetimeSeconds,
  responseDefaults: {},
  grants: ["client_credentials"],
  requiredValues: [],
  optionalValues: [],
} as const satisfies TokenEndpointDescriptor<PayswayEnvironment>;

/** Values of the token request body that the spec leaves open: the adapter supplies them. */
export type PayswayTokenRequestValues = Record<never, never>;

/**
 * Sends one token request through the typed client: path, method, header parameters and every
 * body field are checked against `paths` by the compiler, and openapi-fetch serializes the body.
 */
export function sendPayswayTokenRequest(
  client: Client<paths>,
  input: TokenRequestInput<PayswayTokenRequestValues>,
) {
  return client.POST("/oauth2/token", {
    body: {
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
export type PayswayLocationOptions = EndpointLocation<PayswayEnvironment>;

/** Options of {@link createPayswayClient}: where the endpoint lives, fetch, headers, timeout. */
export type PayswayClientOptions = PayswayLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the token endpoint, for the raw call:
 * `client.POST(payswayTokenPath, { body })`. It refuses plain HTTP to a remote host, treats a
 * redirect as an error, and bounds every call in time and body size; it caches nothing and
 * never retries: `createPayswayAuth` does that, through this same client.
 */
export function createPayswayClient(options: PayswayClientOptions = {}): Client<paths> {
  return createClient<paths>(tokenClientOptions(payswayTokenEndpoint, options));
}

/** The generated pieces together, for `createProviderAuth` in the adapter. */
export const payswayTokenProvider: TokenProvider<PayswayEnvironment, PayswayTokenRequestValues, Client<paths>> = {
  endpoint: payswayTokenEndpoint,
  createClient: createPayswayClient,
  send: sendPayswayTokenRequest,
};
