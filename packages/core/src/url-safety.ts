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

/** A host as the URL parser writes it (lowercase, punycode), or undefined when it is not one. */
function canonicalHost(host: string): string | undefined {
  if (host === "" || /[/?#@\\\s:]/.test(host.replace(/^\[[0-9a-f:.]+\]$/i, "ipv6"))) {
    return undefined;
  }
  try {
    return new URL(`https://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The test of `allowedHosts`: exact hosts (`api.example.com`) and `*.` suffixes (`*.example.com`,
 * any host below it, not the domain itself), compared as the URL parser writes hosts. No port, no
 * scheme, no path; an empty list allows nothing, so it is refused as a mistake.
 */
export function hostMatcher(
  patterns: readonly unknown[],
  packageName: string,
): (hostname: string) => boolean {
  const invalid = (message: string) =>
    new PaytokError("PAYTOK_CONFIGURATION", `allowedHosts ${message}`, { packageName });
  if (patterns.length === 0) {
    throw invalid("is empty, which would allow no host: leave it out, or name the API's hosts");
  }
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const [index, pattern] of patterns.entries()) {
    const wildcard = typeof pattern === "string" && pattern.startsWith("*.");
    const host =
      typeof pattern === "string"
        ? canonicalHost(wildcard ? pattern.slice(2) : pattern)
        : undefined;
    if (host === undefined || host.includes("*")) {
      throw invalid(
        `[${index}] must be a host name such as api.example.com or *.example.com (no scheme, port or path)`,
      );
    }
    if (wildcard) suffixes.push(`.${host}`);
    else exact.add(host);
  }
  return (hostname) => {
    const host = hostname.toLowerCase();
    return exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));
  };
}
