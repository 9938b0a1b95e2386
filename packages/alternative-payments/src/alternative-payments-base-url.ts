import { type EndpointLocation, resolveBaseUrl } from "@paytok/core";
import {
  type AlternativePaymentsEnvironment,
  alternativePaymentsDefaultEnvironment,
  alternativePaymentsEnvironments,
} from "./generated/constants.js";

/** Prefix of every error message this package raises. */
export const PACKAGE_NAME = "@paytok/alternative-payments";

/**
 * The documented servers with `http:` upgraded to `https:` (same host): what an `environment`
 * resolves to. The document lists only plain `http://public-api.alternativepayments.io`, and HTTP
 * Basic credentials must not cross the internet in clear text. The documented URL stays reachable
 * as an explicit `baseUrl` with `allowInsecureHttp: true`.
 */
export const alternativePaymentsHttpsEnvironments: Readonly<
  Record<AlternativePaymentsEnvironment, string>
> = Object.freeze(
  Object.fromEntries(
    Object.entries(alternativePaymentsEnvironments).map(([name, url]) => [
      name,
      url.replace(/^http:\/\//i, "https://"),
    ]),
  ) as Record<AlternativePaymentsEnvironment, string>,
);

/**
 * Where the token endpoint lives: a named environment of the spec (only `production`, the
 * default; upgraded to https) or an explicit base URL (used as given), never both.
 */
export type AlternativePaymentsLocationOptions = EndpointLocation<AlternativePaymentsEnvironment>;

/** The base URL (no trailing slash) the token path is appended to. */
export function resolveAlternativePaymentsBaseUrl(options: {
  environment?: AlternativePaymentsEnvironment | undefined;
  baseUrl?: string | undefined;
}): string {
  return resolveBaseUrl(
    options,
    alternativePaymentsHttpsEnvironments,
    alternativePaymentsDefaultEnvironment,
    PACKAGE_NAME,
  );
}
