import { assertSecureUrl } from "@paytok/core";
import createClient, { type Client, type HeadersOptions, mergeHeaders } from "openapi-fetch";
import { lab4payTokenMediaType } from "./generated/constants.js";
import type { paths } from "./generated/schema.js";
import {
  type Lab4payLocationOptions,
  PACKAGE_NAME,
  resolveLab4payBaseUrl,
} from "./lab4pay-base-url.js";

/** Options of {@link createLab4payClient}. */
export type Lab4payClientOptions = {
  /** fetch used for every call. Default: `globalThis.fetch`, read at call time (msw-friendly). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent on every call, on top of `Content-Type` and `Accept: application/json`. */
  headers?: HeadersOptions;
  /** Allow a plain-HTTP `baseUrl` to a non-loopback host. Default false. */
  allowInsecureHttp?: boolean;
} & Lab4payLocationOptions;

/**
 * A typed openapi-fetch client of the Lab4pay token endpoint, for the raw call:
 * `client.POST("/v1/auth/token/", { body: { grant_type, client_id, client_secret } })`.
 * No caching, no retries: use `createLab4payAuth` for that.
 */
export function createLab4payClient(options: Lab4payClientOptions = {}): Client<paths> {
  const baseUrl = resolveLab4payBaseUrl(options);
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
    headers: mergeHeaders(
      { "Content-Type": lab4payTokenMediaType, Accept: "application/json" },
      options.headers,
    ),
    // Credentials must not follow a redirect to another host.
    redirect: "error",
  });
}
