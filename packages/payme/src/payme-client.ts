import { resolveBaseUrl, type TokenClientOptions, tokenClientOptions } from "@paytok/core";
import createClient, { type Client } from "openapi-fetch";
import {
  paymeApiHeaders,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeTokenMediaType,
} from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import { type PaymeEndpointOptions, packageName } from "./payme-endpoint.js";

/** Options of {@link createPaymeClient}: where the endpoint lives, fetch, headers. */
export type PaymeClientOptions = PaymeEndpointOptions & TokenClientOptions;

/**
 * A typed openapi-fetch client of Pay-me's token endpoint, for the raw call. It sends
 * `Content-Type: application/json` and `ALG-API-VERSION` on every request (the generated types
 * still ask for the header in `params.header`, as the spec declares it). It caches nothing: use
 * `createPaymeAuth` for that.
 */
export function createPaymeClient(options: PaymeClientOptions = {}): Client<paths> {
  return createClient<paths>(
    tokenClientOptions(options, {
      packageName: packageName,
      baseUrl: resolveBaseUrl(options, paymeEnvironments, paymeDefaultEnvironment, packageName),
      mediaType: paymeTokenMediaType,
      apiHeaders: paymeApiHeaders,
    }),
  );
}
