import { resolveBaseUrl, type TokenClientOptions, tokenClientOptions } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import {
  paylaterApiHeaders,
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenMediaType,
} from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import { type PaylaterEndpointOptions, packageName } from "./paylater-endpoint.js";

/** Options of {@link createPaylaterClient}: where the endpoint lives, fetch, headers. */
export type PaylaterClientOptions = PaylaterEndpointOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of PayLater's token endpoint, for the raw call:
 * `client.POST(paylaterTokenPath, { body: { grant_type: "client_credentials", client_id, client_secret } })`.
 * It does not cache anything: use `createPaylaterAuth` for that.
 */
export function createPaylaterClient(options: PaylaterClientOptions = {}): Client<paths> {
  return createClient<paths>(
    tokenClientOptions(options, {
      packageName: packageName,
      baseUrl: resolveBaseUrl(
        options,
        paylaterEnvironments,
        paylaterDefaultEnvironment,
        packageName,
      ),
      mediaType: paylaterTokenMediaType,
      apiHeaders: paylaterApiHeaders,
    }),
  );
}
