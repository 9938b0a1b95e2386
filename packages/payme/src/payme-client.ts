import { resolveBaseUrl } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import {
  paymeApiHeaders,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeTokenMediaType,
} from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import { type PaymeEndpointOptions, packageName } from "./payme-endpoint.js";

export type PaymeClientOptions = PaymeEndpointOptions & {
  /** fetch used by the client. Default: `globalThis.fetch`, read at call time (so msw still intercepts). */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers on every request. `Content-Type` always stays the documented one. */
  headers?: Readonly<Record<string, string>>;
};

/**
 * A typed openapi-fetch client of Pay-me's token endpoint, for the raw call. It sends
 * `Content-Type: application/json` and `ALG-API-VERSION` on every request (the generated types
 * still ask for the header in `params.header`, as the spec declares it). It caches nothing: use
 * `createPaymeAuth` for that.
 */
export function createPaymeClient(options: PaymeClientOptions = {}): Client<paths> {
  const baseUrl = resolveBaseUrl(options, paymeEnvironments, paymeDefaultEnvironment, packageName);
  return createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    headers: {
      Accept: "application/json",
      ...paymeApiHeaders,
      ...options.headers,
      "Content-Type": paymeTokenMediaType,
    },
  });
}
