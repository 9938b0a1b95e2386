import { type EndpointLocation, resolveBaseUrl } from "@paytok/core";
import {
  type Lab4payEnvironment,
  lab4payDefaultEnvironment,
  lab4payEnvironments,
} from "./generated/constants.js";

/** Prefix of every error message this package raises. */
export const PACKAGE_NAME = "@paytok/lab4pay";

/**
 * Where the token endpoint lives: a named environment of the spec (default `production`) or an
 * explicit base URL (a proxy, a local emulator), never both.
 */
export type Lab4payLocationOptions = EndpointLocation<Lab4payEnvironment>;

/** The base URL (no trailing slash) the token path is appended to. */
export function resolveLab4payBaseUrl(options: {
  environment?: Lab4payEnvironment | undefined;
  baseUrl?: string | undefined;
}): string {
  return resolveBaseUrl(options, lab4payEnvironments, lab4payDefaultEnvironment, PACKAGE_NAME);
}
