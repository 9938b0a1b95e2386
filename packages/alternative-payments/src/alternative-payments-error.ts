import type { ErrorBodyDescription } from "@paytok/core";

/** At most this many entries of an error map are kept, each value cut to this length. */
const MAX_ENTRIES = 20;
const MAX_VALUE_LENGTH = 500;

/** An RFC 6749 error code: lowercase words joined by underscores, not a sentence. */
const OAUTH_ERROR_CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Reads Alternative Payments' documented error body, an object of string values (403 "Invalid
 * credentials"): the map becomes `providerDetails` (core has redacted it), its values joined with "; "
 * the `oauthErrorDescription`. An `error` value that looks like an OAuth error code
 * (`invalid_client`) also becomes `oauthError`. Anything else is left to core's body snippet.
 */
export function describeAlternativePaymentsError(body: unknown): ErrorBodyDescription | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .slice(0, MAX_ENTRIES)
    .map(([key, value]): [string, string] => [key, value.slice(0, MAX_VALUE_LENGTH)]);
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
