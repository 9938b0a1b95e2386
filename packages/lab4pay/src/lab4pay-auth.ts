import { createProviderAuth, type PaytokAuth, type ProviderAuthOptions } from "@paytok/core";
import { type Lab4payEnvironment, lab4payTokenProvider } from "./generated/token-endpoint.js";

/** Options of {@link createLab4payAuth}: the credentials from Pairing, where to ask, core knobs. */
export type Lab4payAuthOptions = ProviderAuthOptions<Lab4payEnvironment>;

/**
 * Token provider for Lab4pay Pay-Connect: `POST /v1/auth/token/` with the Pairing credentials in a
 * JSON body. Nothing is left to code here: core reads the documented string `expires_in`
 * (`"3600"`), and the documented default scope comes from the spec.
 */
export function createLab4payAuth(options: Lab4payAuthOptions): PaytokAuth {
  return createProviderAuth(lab4payTokenProvider, options);
}
