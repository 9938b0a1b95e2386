import { type EndpointLocation, resolveBaseUrl } from "@paytok/core";
import {
  type PayswayEnvironment,
  payswayDefaultEnvironment,
  payswayEnvironments,
} from "./generated/constants.js";

/** Prefix of every error message this package raises. */
export const PACKAGE_NAME = "@paytok/paysway";

/**
 * Where the token endpoint lives: a named environment of the spec (only `production`, the
 * default) or an explicit base URL (a proxy, a local emulator), never both.
 */
export type PayswayLocationOptions = EndpointLocation<PayswayEnvironment>;

/** The base URL (no trailing slash) the token path is appended to. */
export function resolvePayswayBaseUrl(options: {
  environment?: PayswayEnvironment | undefined;
  baseUrl?: string | undefined;
}): string {
  return resolveBaseUrl(options, payswayEnvironments, payswayDefaultEnvironment, PACKAGE_NAME);
}
