import { createProviderAuth, type PaytokAuth, type ProviderAuthOptions } from "@paytok/core";
import { type PayswayEnvironment, payswayTokenProvider } from "./generated/token-endpoint.js";

/** Options of {@link createPayswayAuth}: the M2M client's credentials, where to ask, core knobs. */
export type PayswayAuthOptions = ProviderAuthOptions<PayswayEnvironment>;

/**
 * Token provider for Paysway: `POST /oauth2/token` with the M2M client's credentials in a
 * form-urlencoded body. A 401 from an API call gets one new token and one retry through
 * `auth.middleware` and `auth.fetch`. Plain RFC 6749: no quirk is left to code.
 */
export function createPayswayAuth(options: PayswayAuthOptions): PaytokAuth {
  return createProviderAuth(payswayTokenProvider, options);
}
