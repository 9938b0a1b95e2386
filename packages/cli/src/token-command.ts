import { parseArgs } from "node:util";
import { isPaytokError, type PaytokAuth, type Token } from "@paytok/core";
import { usageErrorOf } from "./argument-errors.js";
import { type CliIo, EXIT_FAILURE, EXIT_OK } from "./cli-io.js";
import {
  type Credentials,
  credentialsFromEnvironment,
  credentialsFromText,
} from "./credentials.js";
import { tokenHelp } from "./help.js";
import { isProviderName, type ProviderLocation, providerNames, providers } from "./providers.js";
import { refuseCredentialArguments } from "./secret-arguments.js";
import { UsageError } from "./usage-error.js";

/** One `--<field>` option per body field a provider's spec leaves to the user. */
const valueOptions = [
  ...new Set(Object.values(providers).flatMap((entry) => entry.requiredValues)),
];

const options = {
  environment: { type: "string", short: "e" },
  "base-url": { type: "string", short: "u" },
  scope: { type: "string", multiple: true },
  ...Object.fromEntries(valueOptions.map((field) => [field, { type: "string" as const }])),
  "credentials-stdin": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The normalized token for `--json`, with the access token written out on purpose. */
export function tokenJson(token: Token): string {
  return JSON.stringify({
    accessToken: token.accessToken,
    tokenType: token.tokenType,
    expiresAt: new Date(token.expiresAt).toISOString(),
    ...(token.scope === undefined ? {} : { scope: token.scope }),
  });
}

function describeError(error: unknown): string {
  if (isPaytokError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** `paytok token <provider> …`: prints an access token. */
export async function tokenCommand(args: readonly string[], io: CliIo): Promise<number> {
  // Name the right variables in the refusal when the provider is known.
  const named = args.find(isProviderName);
  const prefix =
    named === undefined ? "PAYTOK_<PROVIDER>" : providers[named].environmentVariablePrefix;
  refuseCredentialArguments(args, prefix);
  const parsed = (() => {
    try {
      return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    } catch (error) {
      throw usageErrorOf(error, args);
    }
  })();
  if (parsed.values.help) {
    io.stdout(tokenHelp);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError(`name a provider: paytok token <${providerNames.join("|")}>`);
  }
  if (parsed.positionals.length > 1) {
    // The extra words are not repeated: one of them could be a secret typed in the wrong place.
    throw new UsageError(
      `expected one provider name, got ${parsed.positionals.length} arguments (credentials never go on the command line)`,
    );
  }
  const name = parsed.positionals[0] as string;
  if (!isProviderName(name)) {
    throw new UsageError(`unknown provider; expected one of ${providerNames.join(", ")}`);
  }
  const provider = providers[name];
  const { environment, "base-url": baseUrl, scope } = parsed.values;
  if (environment !== undefined && baseUrl !== undefined) {
    throw new UsageError("pass either --environment or --base-url, not both");
  }
  if (environment !== undefined && !provider.environments.includes(environment)) {
    throw new UsageError(
      `${name} has no such environment; expected one of ${provider.environments.join(", ")}`,
    );
  }
  if (scope !== undefined && !provider.acceptsScope) {
    throw new UsageError(`${name} takes no --scope`);
  }
  // Body fields the spec leaves to the user: `--audience`, or PAYTOK_PAYME_AUDIENCE.
  const values: Record<string, string> = {};
  for (const field of valueOptions) {
    const given = (parsed.values as Record<string, unknown>)[field] as string | undefined;
    const variable = `${provider.environmentVariablePrefix}_${field.toUpperCase().replaceAll("-", "_")}`;
    if (given !== undefined && !provider.requiredValues.includes(field)) {
      throw new UsageError(`${name} takes no --${field}`);
    }
    const value = given ?? io.env[variable];
    if (provider.requiredValues.includes(field)) {
      if (!value) throw new UsageError(`${name} needs --${field} or ${variable}`);
      values[field] = value;
    }
  }

  const credentials: Credentials = parsed.values["credentials-stdin"]
    ? credentialsFromText(await io.readStdin())
    : credentialsFromEnvironment(io.env, provider.environmentVariablePrefix);
  const location: ProviderLocation =
    baseUrl !== undefined ? { baseUrl } : environment !== undefined ? { environment } : undefined;

  let auth: PaytokAuth;
  try {
    auth = provider.createAuth({
      ...credentials,
      location,
      scope: scope?.flatMap((value) => value.split(/\s+/)).filter((value) => value !== ""),
      values,
    });
  } catch (error) {
    // Options the provider package refused (a malformed URL, plain HTTP to a remote host…).
    throw new UsageError(describeError(error));
  }
  let token: Token;
  try {
    token = await auth.getToken();
  } catch (error) {
    io.stderr(`paytok token: ${describeError(error)}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(parsed.values.json ? `${tokenJson(token)}\n` : `${token.accessToken}\n`);
  return EXIT_OK;
}
