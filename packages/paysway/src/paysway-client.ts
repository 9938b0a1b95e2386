import { assertSecureUrl } from "@paytok/core";
import createClient, { type Client, type HeadersOptions, mergeHeaders } from "openapi-fetch";
import { payswayTokenMediaType } from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import {
  PACKAGE_NAME,
  type PayswayLocationOptions,
  resolvePayswayBaseUrl,
} from "./paysway-base-url.js";

/** Options of {@link createPayswayClient}. */
export type PayswayClientOptions = {
  /** fetch used for every call. Default: `globalThis.fetch`, read at call time (msw-friendly). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent on every call, on top of `Content-Type` and `Accept: application/json`. */
  headers?: HeadersOptions;
  /** Allow a plain-HTTP `baseUrl` to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
} & PayswayLocationOptions;

/**
 * A typed openapi-fetch client of the Paysway token endpoint, for the raw call:
 * `client.POST("/oauth2/token", { body: { grant_type, client_id, client_secret } })`, sent
 * form-urlencoded. No caching, no retries: use `createPayswayAuth` for that.
 */
export function createPayswayClient(options: PayswayClientOptions = {}): Client<paths> {
  const baseUrl = resolvePayswayBaseUrl(options);
  // The client carries credentials: the same plain-HTTP rule as the auth object.
  assertSecureUrl(baseUrl, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    packageName: PACKAGE_NAME,
    purpose: "the token URL",
  });
  return createClient<paths>({
    baseUrl,
    // Read globalThis.fetch per call, so a mock installed after creation still sees the call.
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    // openapi-fetch form-encodes the body only when Content-Type is exactly this value.
    headers: mergeHeaders(
      { "Content-Type": payswayTokenMediaType, Accept: "application/json" },
      options.headers,
    ),
    // Credentials must not follow a redirect to another host.
    redirect: "error",
  });
}
