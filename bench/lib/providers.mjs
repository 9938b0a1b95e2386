// The provider packages of the registry (generated from specs/), and how each one is created in
// the benchmarks. Placeholder credentials only: nothing here ever leaves the machine.
import { providerRegistry } from "@paytok/cli";

/**
 * @typedef {object} ProviderEntry
 * @property {string} id short name used in tables and budgets
 * @property {string} packageName
 * @property {string} factory the `create<Provider>Auth` export
 * @property {string} tokenPathExport the generated constant holding the token endpoint's path
 * @property {Record<string, string>} extraOptions options besides the credentials
 * @property {string} clientId a client id the adapter accepts
 */

/** @type {readonly ProviderEntry[]} */
export const providers = providerRegistry.map((entry) => ({
  id: entry.id,
  packageName: entry.packageName,
  factory: entry.authFactory,
  tokenPathExport: `${entry.handlersFactory.slice(0, -"Handlers".length)}TokenPath`,
  // What a spec leaves to the user (Pay-me's audience): a placeholder URL.
  extraOptions: Object.fromEntries(
    entry.endpoint.requiredValues.map((field) => [field, "https://api.example.com"]),
  ),
  clientId: "1234567890",
}));

export const CLIENT_SECRET = "bench-secret";

/**
 * The provider the timing benchmarks use. They measure core's middleware, which every provider
 * shares; Paysway's token endpoint is plain RFC 6749 and it adds no header of its own to API
 * calls, so its rows show core alone. Should it fail to load, the next one that loads stands in
 * (none of these adds an API header either), and the report names the provider used.
 */
export const timingProviderPreference = ["paysway", "lab4pay", "alternative-payments", "paylater"];

/**
 * Loads a provider's `create<Provider>Auth`, or explains why it cannot.
 * @param {ProviderEntry} entry
 */
export async function loadFactory(entry) {
  try {
    const module = await import(entry.packageName);
    const factory = module[entry.factory];
    const tokenPath = module[entry.tokenPathExport];
    if (typeof factory !== "function" || typeof tokenPath !== "string") {
      return {
        error: `${entry.packageName} does not export ${entry.factory} and ${entry.tokenPathExport}`,
      };
    }
    return { factory, tokenPath };
  } catch (error) {
    return { error: `${entry.packageName} could not be imported (${firstLine(error)})` };
  }
}

/** The first provider of the preference list that loads. */
export async function loadTimingProvider() {
  const reasons = [];
  for (const id of timingProviderPreference) {
    const entry = providers.find((candidate) => candidate.id === id);
    const loaded = await loadFactory(entry);
    if (loaded.factory) return { entry, ...loaded, skipped: reasons };
    reasons.push(loaded.error);
  }
  throw new Error(`no provider package could be loaded: ${reasons.join("; ")}`);
}

/**
 * Options for `create<Provider>Auth`.
 * @param {ProviderEntry} entry
 * @param {Record<string, unknown>} options core knobs and `baseUrl`
 */
export function authOptions(entry, options = {}) {
  return {
    clientId: entry.clientId,
    clientSecret: CLIENT_SECRET,
    ...entry.extraOptions,
    ...options,
  };
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split("\n")[0];
}
