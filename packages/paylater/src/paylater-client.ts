import { resolveBaseUrl } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import {
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenMediaType,
} from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import { type PaylaterEndpointOptions, packageName } from "./paylater-endpoint.js";

export type PaylaterClientOptions = PaylaterEndpointOptions & {
  /** fetch used by the client. Default: `globalThis.fetch`, read at call time (so msw still intercepts). */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers on every request. `Content-Type` always stays the documented one. */
  headers?: Readonly<Record<string, string>>;
};

/**
 * A typed openapi-fetch client of PayLater's token endpoint, for the raw call:
 * `client.POST(paylaterTokenPath, { body: { grant_type: "client_credentials", client_id, client_secret } })`.
 * It does not cache anything: use `createPaylaterAuth` for that.
 */
export function createPaylaterClient(options: PaylaterClientOptions = {}): Client<paths> {
  const baseUrl = resolveBaseUrl(
    options,
    paylaterEnvironments,
    paylaterDefaultEnvironment,
    packageName,
  );
  return createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    headers: {
      Accept: "application/json",
      ...options.headers,
      // openapi-fetch form-encodes the body only for exactly this value; anything else (even with
      // a charset) silently sends JSON, which Keycloak refuses.
      "Content-Type": paylaterTokenMediaType,
    },
  });
}
