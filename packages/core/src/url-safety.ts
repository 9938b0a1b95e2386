import { PaytokError } from "./errors.js";

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

/** True for localhost, *.localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * Refuses to send credentials or tokens over plain HTTP to anything but loopback, unless the user
 * said `allowInsecureHttp: true`. Returns the parsed URL.
 */
export function assertSecureUrl(
  url: string,
  options: { allowInsecureHttp: boolean; packageName: string; purpose: string },
): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new PaytokError("PAYTOK_CONFIGURATION", `${options.purpose} is not an absolute URL`, {
      packageName: options.packageName,
      cause,
    });
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol !== "http:") {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `${options.purpose} must be an http(s) URL, got ${parsed.protocol}`,
      { packageName: options.packageName },
    );
  }
  if (options.allowInsecureHttp || isLoopbackHost(parsed.hostname)) return parsed;
  throw new PaytokError(
    "PAYTOK_INSECURE_URL",
    `refusing to send credentials over plain HTTP to ${parsed.host} (${options.purpose}); use https, or pass allowInsecureHttp: true if you really mean it`,
    { packageName: options.packageName },
  );
}
