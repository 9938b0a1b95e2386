import { parseArgs } from "node:util";
import { usageErrorOf } from "./argument-errors.js";
import { type CliIo, EXIT_OK } from "./cli-io.js";
import { sandboxHelp } from "./help.js";
import { isProviderName, type ProviderName, providerNames } from "./providers.js";
import { type RunningSandbox, startSandbox } from "./sandbox-server.js";
import { UsageError } from "./usage-error.js";

/** The port `paytok sandbox` listens on when none is given. */
export const DEFAULT_SANDBOX_PORT = 4010;

const options = {
  port: { type: "string", short: "p" },
  provider: { type: "string", multiple: true },
  "token-lifetime": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function wholeNumber(value: string, option: string, minimum: number, maximum: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    throw new UsageError(`${option} must be a whole number from ${minimum} to ${maximum}`);
  }
  return number;
}

function selectedProviders(values: readonly string[] | undefined): ProviderName[] | undefined {
  if (values === undefined) return undefined;
  const names = values.flatMap((value) => value.split(",")).map((value) => value.trim());
  const unknown = names.filter((name) => !isProviderName(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown provider ${unknown.map((name) => JSON.stringify(name.slice(0, 40))).join(", ")}; expected some of ${providerNames.join(", ")}`,
    );
  }
  return names as ProviderName[];
}

/** What `paytok sandbox` prints: every endpoint, the credentials, and how to try it. */
export function describeSandbox(sandbox: RunningSandbox): string {
  const lines = [`paytok sandbox on ${sandbox.url} (Ctrl-C to stop)`, ""];
  for (const provider of Object.values(sandbox.providers)) {
    lines.push(
      `${provider.name} — ${provider.title}`,
      `  base URL       ${provider.baseUrl}`,
      `  token URL      ${provider.tokenUrl}`,
      `  echo API       ${provider.apiUrl}/<any path>`,
      `  client id      ${provider.credentials.clientId}`,
      `  client secret  ${provider.credentials.clientSecret}`,
    );
    for (const [name, value] of Object.entries(provider.apiHeaders)) {
      lines.push(`  API header     ${name}: ${value}`);
    }
    lines.push("");
  }
  // `providers` holds only the selected ones: prefer Paysway, the plainest, for the example.
  const listed = Object.values(sandbox.providers);
  const example = listed.find((provider) => provider.name === "paysway") ?? listed[0];
  if (example !== undefined) {
    const prefix = `PAYTOK_${example.name.toUpperCase().replaceAll("-", "_")}`;
    const extra = Object.entries(example.apiHeaders)
      .map(([name, value]) => ` -H "${name}: ${value}"`)
      .join("");
    const audience = example.name === "payme" ? ` --audience ${example.apiUrl}` : "";
    lines.push(
      "Try it in another shell:",
      `  export ${prefix}_CLIENT_ID=${example.credentials.clientId} ${prefix}_CLIENT_SECRET=${example.credentials.clientSecret}`,
      `  curl -H "Authorization: Bearer $(paytok token ${example.name} --base-url ${example.baseUrl}${audience})"${extra} ${example.apiUrl}/orders`,
      "",
    );
  }
  return lines.join("\n");
}

function sandboxJson(sandbox: RunningSandbox): string {
  return JSON.stringify({
    url: sandbox.url,
    providers: Object.fromEntries(
      Object.values(sandbox.providers).map((provider) => [
        provider.name,
        {
          baseUrl: provider.baseUrl,
          tokenUrl: provider.tokenUrl,
          apiUrl: provider.apiUrl,
          apiHeaders: provider.apiHeaders,
          clientId: provider.credentials.clientId,
          clientSecret: provider.credentials.clientSecret,
        },
      ]),
    ),
  });
}

/** `paytok sandbox …`: serves the emulators until SIGINT or SIGTERM, then exits 0. */
export async function sandboxCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({ args: [...args], options, allowPositionals: false, strict: true });
    } catch (error) {
      throw usageErrorOf(error, args);
    }
  })();
  if (parsed.values.help) {
    io.stdout(sandboxHelp);
    return EXIT_OK;
  }
  const port =
    parsed.values.port === undefined
      ? DEFAULT_SANDBOX_PORT
      : wholeNumber(parsed.values.port, "--port", 0, 65_535);
  const lifetime = parsed.values["token-lifetime"];
  const tokenLifetimeSeconds =
    lifetime === undefined ? undefined : wholeNumber(lifetime, "--token-lifetime", 1, 31_536_000);
  const names = selectedProviders(parsed.values.provider);
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port,
      ...(names === undefined ? {} : { providers: names }),
      ...(tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds }),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw new UsageError(
        `cannot listen on 127.0.0.1:${port} (${code}); pick another --port, or --port 0 for a free one`,
      );
    }
    throw error;
  }
  io.stdout(parsed.values.json ? `${sandboxJson(sandbox)}\n` : describeSandbox(sandbox));
  const signal = await io.untilStopped();
  await sandbox.close();
  io.stderr(`paytok sandbox: stopped (${signal})\n`);
  return EXIT_OK;
}
