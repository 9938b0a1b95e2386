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
 * default; upgraded to https unless `allowInsecureHttp: true`) or an explicit base URL (used as
 * given), never both.
 */
export type AlternativePaymentsLocationOptions = EndpointLocation<AlternativePaymentsEnvironment>;

/**
 * The base URL (no trailing slash) the token path is appended to. An environment resolves to its
 * https form, or to the documented plain-HTTP server when the user opted in with
 * `allowInsecureHttp: true` (the opt-in is what the plain-HTTP URL needs, so it is what selects it).
 */
export function resolveAlternativePaymentsBaseUrl(options: {
  environment?: AlternativePaymentsEnvironment | undefined;
  baseUrl?: string | undefined;
  allowInsecureHttp?: boolean | undefined;
}): string {
  return resolveBaseUrl(
    { environment: options.environment, baseUrl: options.baseUrl },
    options.allowInsecureHttp === true
      ? alternativePaymentsEnvironments
      : alternativePaymentsHttpsEnvironments,
    alternativePaymentsDefaultEnvironment,
    PACKAGE_NAME,
  );
}
