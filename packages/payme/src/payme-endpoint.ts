import type { EndpointLocation } from "@paytok/core";
import type { PaymeEnvironment } from "./generated/constants.js";

/** The package name every error message starts with. */
export const packageName = "@paytok/payme";

/**
 * Where the token endpoint lives: a documented environment (default `preprod`) or an explicit base
 * URL (a proxy, a local emulator). Never both: the type refuses it and so does the runtime check.
 */
export type PaymeEndpointOptions = EndpointLocation<PaymeEnvironment>;
