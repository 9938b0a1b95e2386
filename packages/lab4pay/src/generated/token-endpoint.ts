// Generated from specs/lab4pay.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

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
export const lab4payEnvironments = {
  "production": "https://api-payment.lab4pay.com",
  "development": "https://api-payment.lab4pay.dev",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type Lab4payEnvironment = keyof typeof lab4payEnvironments;

/** The first server of the spec. */
export const lab4payDefaultEnvironment: Lab4payEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const lab4payTokenPath = "/v1/auth/token/" as const;

/** HTTP method of the token endpoint. */
export const lab4payTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const lab4payTokenMediaType = "application/json" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const lab4payClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on every API call, besides Authorization. */
export const lab4payApiHeaders = {} as const satisfies Readonly<Record<string, string>>;

/** Lifetime of a token when a response has no `expires_in` (documented or assumed: see the spec). */
export const lab4payTokenLifetimeSeconds = 3600;

/** Everything the spec says about the token endpoint, for @paytok/core. */
export const lab4payTokenEndpoint = {
  provider: "lab4pay",
  packageName: "@paytok/lab4pay",
  title: "Lab4pay Pay-Connect",
  environments: lab4payEnvironments,
  defaultEnvironment: lab4payDefaultEnvironment,
  tokenPath: lab4payTokenPath,
  tokenMethod: lab4payTokenMethod,
  mediaType: lab4payTokenMediaType,
  bodyEncoding: "json",
  clientAuthentication: lab4payClientAuthentication,
  tokenHeaders: {},
  apiHeaders: lab4payApiHeaders,
  scopes: undefined,
  lifetimeSeconds: lab4payTokenLifetimeSeconds,
  responseDefaults: {"token_type":"Bearer","scope":"default"},
  grants: ["client_credentials"],
  requiredValues: [],
  optionalValues: [],
} as const satisfies TokenEndpointDescriptor<Lab4payEnvironment>;

/** Values of the token request body that the spec leaves open: the adapter supplies them. */
export type Lab4payTokenRequestValues = Record<never, never>;

/**
 * Sends one token request through the typed client: path, method, header parameters and every
 * body field are checked against `paths` by the compiler, and openapi-fetch serializes the body.
 */
export function sendLab4payTokenRequest(
  client: Client<paths>,
  input: TokenRequestInput<Lab4payTokenRequestValues>,
) {
  return client.POST("/v1/auth/token/", {
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
export type Lab4payLocationOptions = EndpointLocation<Lab4payEnvironment>;

/** Options of {@link createLab4payClient}: where the endpoint lives, fetch, headers, timeout. */
export type Lab4payClientOptions = Lab4payLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the token endpoint, for the raw call:
 * `client.POST(lab4payTokenPath, { body })`. It refuses plain HTTP to a remote host, treats a
 * redirect as an error, and bounds every call in time and body size; it caches nothing and
 * never retries: `createLab4payAuth` does that, through this same client.
 */
export function createLab4payClient(options: Lab4payClientOptions = {}): Client<paths> {
  return createClient<paths>(tokenClientOptions(lab4payTokenEndpoint, options));
}

/** The generated pieces together, for `createProviderAuth` in the adapter. */
export const lab4payTokenProvider: TokenProvider<Lab4payEnvironment, Lab4payTokenRequestValues, Client<paths>> = {
  endpoint: lab4payTokenEndpoint,
  createClient: createLab4payClient,
  send: sendLab4payTokenRequest,
};
