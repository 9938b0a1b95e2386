import { type TokenClientOptions, tokenClientOptions } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import { lab4payApiHeaders, lab4payTokenMediaType } from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import {
  type Lab4payLocationOptions,
  PACKAGE_NAME,
  resolveLab4payBaseUrl,
} from "./lab4pay-base-url.js";

/** Options of {@link createLab4payClient}: where the endpoint lives, fetch, headers. */
export type Lab4payClientOptions = Lab4payLocationOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of the Lab4pay token endpoint, for the raw call:
 * `client.POST("/v1/auth/token/", { body: { grant_type, client_id, client_secret } })`.
 * No caching, no retries: use `createLab4payAuth` for that.
 */
export function createLab4payClient(options: Lab4payClientOptions = {}): Client<paths> {
  return createClient<paths>(
    tokenClientOptions(options, {
      packageName: PACKAGE_NAME,
      baseUrl: resolveLab4payBaseUrl(options),
      mediaType: lab4payTokenMediaType,
      apiHeaders: lab4payApiHeaders,
    }),
  );
}
