// Generated from specs/payme.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

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
export const paymeEnvironments = {
  "preprod": "https://auth.preprod.alignet.io",
  "production": "https://auth.alignet.io",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PaymeEnvironment = keyof typeof paymeEnvironments;

/** The first server of the spec. */
export const paymeDefaultEnvironment: PaymeEnvironment = "preprod";

/** Path of the token endpoint, exactly as documented. */
export const paymeTokenPath = "/token" as const;

/** HTTP method of the token endpoint. */
export const paymeTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const paymeTokenMediaType = "application/json" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const paymeClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on every API call, besides Authorization. */
export const paymeApiHeaders = {"ALG-API-VERSION":"1709847567"} as const satisfies Readonly<Record<string, string>>;

/** Lifetime of a token when a response has no `expires_in` (documented or assumed: see the spec). */
export const paymeTokenLifetimeSeconds = 8600;

/** Every scope the document lists. */
export const paymeScopes = ["create:token","post:charges","get:charges","delete:charges"] as const;

/** One of the documented scopes. */
export type PaymeScope = (typeof paymeScopes)[number];

/** Everything the spec says about the token endpoint, for @paytok/core. */
export const paymeTokenEndpoint = {
  provider: "payme",
  packageName: "@paytok/payme",
  title: "Pay-me (Alignet)",
  environments: paymeEnvironments,
  defaultEnvironment: paymeDefaultEnvironment,
  tokenPath: paymeTokenPath,
  tokenMethod: paymeTokenMethod,
  mediaType: paymeTokenMediaType,
  bodyEncoding: "json",
  clientAuthentication: paymeClientAuthentication,
  tokenHeaders: {"ALG-API-VERSION":"1709847567"},
  apiHeaders: paymeApiHeaders,
  scopes: paymeScopes,
  lifetimeSeconds: paymeTokenLifetimeSeconds,
  responseDefaults: {},
  grants: ["client_credentials"],
  requiredValues: ["audience"],
  optionalValues: ["scope"],
} as const satisfies TokenEndpointDescriptor<PaymeEnvironment>;

/** Values of the token request body that the spec leaves open: the adapter supplies them. */
export type PaymeTokenRequestValues = {
  audience: string;
  scope?: string;
};

/**
 * Sends one token request through the typed client: path, method, header parameters and every
 * body field are checked against `paths` by the compiler, and openapi-fetch serializes the body.
 */
export function sendPaymeTokenRequest(
  client: Client<paths>,
  input: TokenRequestInput<PaymeTokenRequestValues>,
) {
  return client.POST("/token", {
    params: { header: {"ALG-API-VERSION":"1709847567"} },
    body: {
      action: "authorize",
      grant_type: "client_credentials",
      audience: input.values.audience,
      client_id: input.credentials.client_id,
      client_secret: input.credentials.client_secret,
      scope: input.values.scope ?? "create:token post:charges get:charges delete:charges",
    },
    headers: input.headers,
    signal: input.signal,
    parseAs: "text",
  });
}

/** Where the token endpoint lives: an environment of the spec or an explicit base URL, never both. */
export type PaymeLocationOptions = EndpointLocation<PaymeEnvironment>;

/** Options of {@link createPaymeClient}: where the endpoint lives, fetch, headers, timeout. */
export type PaymeClientOptions = PaymeLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the token endpoint, for the raw call:
 * `client.POST(paymeTokenPath, { body })`. It refuses plain HTTP to a remote host, treats a
 * redirect as an error, and bounds every call in time and body size; it caches nothing and
 * never retries: `createPaymeAuth` does that, through this same client.
 */
export function createPaymeClient(options: PaymeClientOptions = {}): Client<paths> {
  return createClient<paths>(tokenClientOptions(paymeTokenEndpoint, options));
}

/** The generated pieces together, for `createProviderAuth` in the adapter. */
export const paymeTokenProvider: TokenProvider<PaymeEnvironment, PaymeTokenRequestValues, Client<paths>> = {
  endpoint: paymeTokenEndpoint,
  createClient: createPaymeClient,
  send: sendPaymeTokenRequest,
};
