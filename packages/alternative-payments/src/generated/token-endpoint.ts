// Generated from specs/alternative-payments.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

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
export const alternativePaymentsEnvironments = {
  "production": "https://public-api.alternativepayments.io",
  "production-http": "http://public-api.alternativepayments.io",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type AlternativePaymentsEnvironment = keyof typeof alternativePaymentsEnvironments;

/** The first server of the spec. */
export const alternativePaymentsDefaultEnvironment: AlternativePaymentsEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const alternativePaymentsTokenPath = "/oauth/token" as const;

/** HTTP method of the token endpoint. */
export const alternativePaymentsTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const alternativePaymentsTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const alternativePaymentsClientAuthentication = "client_secret_basic" as const;

/** Headers the provider requires on every API call, besides Authorization. */
export const alternativePaymentsApiHeaders = {} as const satisfies Readonly<Record<string, string>>;

/** Lifetime of a token when a response has no `expires_in` (documented or assumed: see the spec). */
export const alternativePaymentsTokenLifetimeSeconds = 3600;

/** Everything the spec says about the token endpoint, for @paytok/core. */
export const alternativePaymentsTokenEndpoint = {
  provider: "alternative-payments",
  packageName: "@paytok/alternative-payments",
  title: "Alternative Payments",
  environments: alternativePaymentsEnvironments,
  defaultEnvironment: alternativePaymentsDefaultEnvironment,
  tokenPath: alternativePaymentsTokenPath,
  tokenMethod: alternativePaymentsTokenMethod,
  mediaType: alternativePaymentsTokenMediaType,
  bodyEncoding: "form",
  clientAuthentication: alternativePaymentsClientAuthentication,
  tokenHeaders: {},
  apiHeaders: alternativePaymentsApiHeaders,
  scopes: undefined,
  lifetimeSeconds: alternativePaymentsTokenLifetimeSeconds,
  responseDefaults: {},
  grants: ["client_credentials"],
  requiredValues: [],
  optionalValues: [],
} as const satisfies TokenEndpointDescriptor<AlternativePaymentsEnvironment>;

/** Values of the token request body that the spec leaves open: the adapter supplies them. */
export type AlternativePaymentsTokenRequestValues = Record<never, never>;

/**
 * Sends one token request through the typed client: path, method, header parameters and every
 * body field are checked against `paths` by the compiler, and openapi-fetch serializes the body.
 */
export function sendAlternativePaymentsTokenRequest(
  client: Client<paths>,
  input: TokenRequestInput<AlternativePaymentsTokenRequestValues>,
) {
  return client.POST("/oauth/token", {
    body: {
      grant_type: "client_credentials",
    },
    headers: input.headers,
    signal: input.signal,
    parseAs: "text",
  });
}

/** Where the token endpoint lives: an environment of the spec or an explicit base URL, never both. */
export type AlternativePaymentsLocationOptions = EndpointLocation<AlternativePaymentsEnvironment>;

/** Options of {@link createAlternativePaymentsClient}: where the endpoint lives, fetch, headers, timeout. */
export type AlternativePaymentsClientOptions = AlternativePaymentsLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the token endpoint, for the raw call:
 * `client.POST(alternativePaymentsTokenPath, { body })`. It refuses plain HTTP to a remote host, treats a
 * redirect as an error, and bounds every call in time and body size; it caches nothing and
 * never retries: `createAlternativePaymentsAuth` does that, through this same client.
 */
export function createAlternativePaymentsClient(options: AlternativePaymentsClientOptions = {}): Client<paths> {
  return createClient<paths>(tokenClientOptions(alternativePaymentsTokenEndpoint, options));
}

/** The generated pieces together, for `createProviderAuth` in the adapter. */
export const alternativePaymentsTokenProvider: TokenProvider<AlternativePaymentsEnvironment, AlternativePaymentsTokenRequestValues, Client<paths>> = {
  endpoint: alternativePaymentsTokenEndpoint,
  createClient: createAlternativePaymentsClient,
  send: sendAlternativePaymentsTokenRequest,
};
