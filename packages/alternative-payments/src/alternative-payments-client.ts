import { assertSecureUrl } from "@paytok/core";
import createClient, { type Client, type HeadersOptions, mergeHeaders } from "openapi-fetch";
import {
  type AlternativePaymentsLocationOptions,
  PACKAGE_NAME,
  resolveAlternativePaymentsBaseUrl,
} from "./alternative-payments-base-url.js";
import { alternativePaymentsTokenMediaType } from "./generated/constants.js";
import type { paths } from "./generated/schema.js";

/** Options of {@link createAlternativePaymentsClient}. */
export type AlternativePaymentsClientOptions = {
  /** fetch used for every call. Default: `globalThis.fetch`, read at call time (msw-friendly). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Headers sent on every call, on top of `Content-Type` and `Accept: application/json`: put the
   * `Authorization: basicAuthorization(clientId, clientSecret)` header here or on each call.
   */
  headers?: HeadersOptions;
  /** Allow a plain-HTTP `baseUrl` (the documented one) to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
} & AlternativePaymentsLocationOptions;

/**
 * A typed openapi-fetch client of the Alternative Payments token endpoint, for the raw call:
 * `client.POST("/oauth/token", { body: { grant_type: "client_credentials" }, headers: {
 * Authorization: basicAuthorization(id, secret) } })`, sent form-urlencoded. The environment
 * resolves to https, like the auth. No caching, no retries: use `createAlternativePaymentsAuth`.
 */
export function createAlternativePaymentsClient(
  options: AlternativePaymentsClientOptions = {},
): Client<paths> {
  const baseUrl = resolveAlternativePaymentsBaseUrl(options);
  // The client carries Basic credentials: the same plain-HTTP rule as the auth object.
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
      { "Content-Type": alternativePaymentsTokenMediaType, Accept: "application/json" },
      options.headers,
    ),
    // Credentials must not follow a redirect to another host.
    redirect: "error",
  });
}
