import { type TokenClientOptions, tokenClientOptions } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import {
  type AlternativePaymentsLocationOptions,
  PACKAGE_NAME,
  resolveAlternativePaymentsBaseUrl,
} from "./alternative-payments-base-url.js";
import {
  alternativePaymentsApiHeaders,
  alternativePaymentsTokenMediaType,
} from "./generated/constants.js";
import type { paths } from "./generated/schema.js";

/** Options of {@link createAlternativePaymentsClient}: where the endpoint lives, fetch, headers. */
export type AlternativePaymentsClientOptions = AlternativePaymentsLocationOptions &
  TokenClientOptions;

/**
 * A typed openapi-fetch client of the Alternative Payments token endpoint, for the raw call:
 * `client.POST("/oauth/token", { body: { grant_type: "client_credentials" }, headers: {
 * Authorization: basicAuthorization(id, secret) } })`, sent form-urlencoded. The environment
 * resolves to https, like the auth. No caching, no retries: use `createAlternativePaymentsAuth`.
 */
export function createAlternativePaymentsClient(
  options: AlternativePaymentsClientOptions = {},
): Client<paths> {
  return createClient<paths>(
    tokenClientOptions(options, {
      packageName: PACKAGE_NAME,
      baseUrl: resolveAlternativePaymentsBaseUrl(options),
      mediaType: alternativePaymentsTokenMediaType,
      apiHeaders: alternativePaymentsApiHeaders,
    }),
  );
}
