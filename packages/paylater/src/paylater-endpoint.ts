import type { EndpointLocation } from "@paytok/core";
import type { PaylaterEnvironment } from "./generated/constants.js";

/** The package name every error message starts with. */
export const packageName = "@paytok/paylater";

/**
 * Where the token endpoint lives: a documented environment (default `sandbox`) or an explicit base
 * URL (a proxy, a local emulator). Never both: the type refuses it and so does the runtime check.
 */
export type PaylaterEndpointOptions = EndpointLocation<PaylaterEnvironment>;
