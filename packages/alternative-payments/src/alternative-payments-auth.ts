import {
  createProviderAuth,
  type ErrorBodyDescription,
  type PaytokAuth,
  PaytokError,
  type ProviderAuthOptions,
} from "@paytok/core";
import {
  type AlternativePaymentsEnvironment,
  alternativePaymentsTokenProvider,
} from "./generated/token-endpoint.js";

/** Options of {@link createAlternativePaymentsAuth}: the credentials, where to ask, core knobs. */
export type AlternativePaymentsAuthOptions = ProviderAuthOptions<AlternativePaymentsEnvironment>;

/** An RFC 6749 error code: lowercase words joined by underscores, not a sentence. */
const OAUTH_ERROR_CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Reads the documented error body, an object of string values (403 "Invalid credentials"): the
 * map becomes `providerDetails` (20 entries, 500 characters each at most), its values joined with
 * "; " the `oauthErrorDescription`, and an `error` that looks like an OAuth code the `oauthError`.
 */
export function describeAlternativePaymentsError(body: unknown): ErrorBodyDescription | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .slice(0, 20)
    .map(([name, value]): [string, string] => [name, value.slice(0, 500)]);
  if (entries.length === 0) return undefined;
  const providerDetails = Object.freeze(Object.fromEntries(entries));
  const error = providerDetails.error;
  return {
    oauthError: error !== undefined && OAUTH_ERROR_CODE.test(error) ? error : undefined,
    oauthErrorDescription: entries
      .map(([, value]) => value)
      .filter((value) => value.trim() !== "")
      .join("; "),
    providerDetails,
  };
}

/**
 * Token provider for Alternative Payments: `POST /oauth/token` with the client id and secret as
 * HTTP Basic credentials and `grant_type=client_credentials` as the only form field. The default
 * `production` environment is the documented host over https; the documented plain-HTTP URL is
 * the `production-http` environment, chosen only by that name.
 */
export function createAlternativePaymentsAuth(options: AlternativePaymentsAuthOptions): PaytokAuth {
  // `allowInsecureHttp: true` once selected the documented http:// server. An allow flag must not
  // change the target: with no environment named, which one was meant is ambiguous.
  if (
    options?.allowInsecureHttp === true &&
    !options.environment &&
    options.baseUrl === undefined
  ) {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      'allowInsecureHttp no longer selects a server: name it, environment: "production" (https) or "production-http" (the documented plain-HTTP URL)',
      { packageName: alternativePaymentsTokenProvider.endpoint.packageName },
    );
  }
  return createProviderAuth(alternativePaymentsTokenProvider, options, {
    describeErrorBody: describeAlternativePaymentsError,
  });
}
