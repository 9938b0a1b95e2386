import { type TokenClientOptions, tokenClientOptions } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import { payswayApiHeaders, payswayTokenMediaType } from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import {
  PACKAGE_NAME,
  type PayswayLocationOptions,
  resolvePayswayBaseUrl,
} from "./paysway-base-url.js";

/** Options of {@link createPayswayClient}: where the endpoint lives, fetch, headers. */
export type PayswayClientOptions = PayswayLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the Paysway token endpoint, for the raw call:
 * `client.POST("/oauth2/token", { body: { grant_type, client_id, client_secret } })`, sent
 * form-urlencoded. No caching, no retries: use `createPayswayAuth` for that.
 */
export function createPayswayClient(options: PayswayClientOptions = {}): Client<paths> {
  return createClient<paths>(
    tokenClientOptions(options, {
      packageName: PACKAGE_NAME,
      baseUrl: resolvePayswayBaseUrl(options),
      mediaType: payswayTokenMediaType,
      apiHeaders: payswayApiHeaders,
    }),
  );
}
