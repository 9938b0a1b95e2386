import {
  createProviderAuth,
  type PaytokAuth,
  PaytokError,
  type ProviderAuthOptions,
  requireCredential,
} from "@paytok/core";
import { type PaylaterEnvironment, paylaterTokenProvider } from "./generated/token-endpoint.js";

const { packageName } = paylaterTokenProvider.endpoint;

/**
 * Options of {@link createPaylaterAuth}. The merchant client id is documented as a "Long": pass
 * the string of digits or a `bigint` (ids may exceed 2^53, beyond what a `number` holds exactly),
 * or a function returning one.
 */
export type PaylaterAuthOptions = ProviderAuthOptions<PaylaterEnvironment, string | bigint>;

/**
 * The id as the form sends it, its string of digits. A plain number is refused by the type and,
 * from JavaScript, accepted only while it is a non-negative safe integer.
 */
function clientIdDigits(value: unknown): string {
  if (typeof value === "bigint" && value >= 0n) return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === "bigint" || typeof value === "number") {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      "clientId must be a non-negative whole number; pass ids over 2^53 as a string of digits or a bigint",
      { packageName },
    );
  }
  return requireCredential(value, "clientId", packageName);
}

/**
 * Token provider for PayLater (a Keycloak realm), following the document's token life-cycle: the
 * token is reused until 60 s before it expires, then renewed with the `refresh_token` grant while
 * the refresh token lives, and with `client_credentials` otherwise (or when the refresh token is
 * refused with `invalid_grant`). Both grants come from the spec.
 */
export function createPaylaterAuth(options: PaylaterAuthOptions): PaytokAuth {
  return createProviderAuth(paylaterTokenProvider, options, { clientId: clientIdDigits });
}
