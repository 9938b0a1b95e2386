import { UsageError } from "./usage-error.js";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export function credentialVariables(prefix: string): { clientId: string; clientSecret: string } {
  return { clientId: `${prefix}_CLIENT_ID`, clientSecret: `${prefix}_CLIENT_SECRET` };
}

/** Reads `PAYTOK_<PROVIDER>_CLIENT_ID` and `PAYTOK_<PROVIDER>_CLIENT_SECRET`. */
export function credentialsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  prefix: string,
): Credentials {
  const names = credentialVariables(prefix);
  const clientId = env[names.clientId];
  const clientSecret = env[names.clientSecret];
  const missing = [
    ...(clientId ? [] : [names.clientId]),
    ...(clientSecret ? [] : [names.clientSecret]),
  ];
  if (clientId === undefined || clientSecret === undefined || missing.length > 0) {
    throw new UsageError(
      `missing credentials: set ${missing.join(" and ")} (or pipe them in with --credentials-stdin)`,
    );
  }
  return { clientId, clientSecret };
}

/**
 * Reads credentials piped to standard input: either JSON `{"clientId": "…", "clientSecret": "…"}`
 * or two lines, the client id then the client secret. Nothing read is ever echoed.
 */
export function credentialsFromText(text: string): Credentials {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new UsageError("standard input starts with { but is not valid JSON");
    }
    const record = (typeof value === "object" && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    const { clientId, clientSecret } = record;
    if (typeof clientId !== "string" || clientId === "") {
      throw new UsageError('the JSON on standard input needs a non-empty string "clientId"');
    }
    if (typeof clientSecret !== "string" || clientSecret === "") {
      throw new UsageError('the JSON on standard input needs a non-empty string "clientSecret"');
    }
    return { clientId, clientSecret };
  }
  const lines = trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (lines.length !== 2) {
    throw new UsageError(
      `standard input must hold two lines (client id, then client secret) or JSON {"clientId","clientSecret"}; got ${lines.length} non-empty line(s)`,
    );
  }
  return { clientId: lines[0] as string, clientSecret: lines[1] as string };
}
