import { PaytokError } from "./errors.js";

/**
 * Where a provider's token endpoint lives: a named environment of its spec or an explicit base URL
 * (a proxy, a local emulator), never both.
 */
export type EndpointLocation<Environment extends string> =
  | { environment?: Environment; baseUrl?: never }
  | { baseUrl: string; environment?: never };

/**
 * Picks the base URL from `environment` (a name of the spec's servers) or an explicit `baseUrl`.
 * Both at once, an unknown environment or a malformed URL is a `PAYTOK_CONFIGURATION` error.
 */
export function resolveBaseUrl<Environment extends string>(
  options: { environment?: Environment | undefined; baseUrl?: string | undefined },
  environments: Readonly<Record<Environment, string>>,
  defaultEnvironment: Environment,
  packageName: string,
): string {
  if (options.environment !== undefined && options.baseUrl !== undefined) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "pass either environment or baseUrl, not both", {
      packageName,
    });
  }
  if (options.baseUrl !== undefined) {
    if (typeof options.baseUrl !== "string" || !URL.canParse(options.baseUrl)) {
      throw new PaytokError("PAYTOK_CONFIGURATION", "baseUrl must be an absolute URL", {
        packageName,
      });
    }
    return options.baseUrl.replace(/\/+$/, "");
  }
  const environment = options.environment ?? defaultEnvironment;
  if (!Object.hasOwn(environments, environment)) {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `unknown environment ${JSON.stringify(String(environment)).slice(0, 60)}; expected one of ${Object.keys(environments).join(", ")}`,
      { packageName },
    );
  }
  return environments[environment];
}
