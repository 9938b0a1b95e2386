import type { PaytokAuth, TokenManagerOptions } from "@paytok/core";
import type { SandboxHandlers } from "@paytok/core/testing";
import { type ProviderName, providerRegistry } from "./generated/providers.js";

export type { ProviderName };

/** Every provider paytok ships (from specs/), by the name used on the command line and in URLs. */
export const providerNames: readonly ProviderName[] = providerRegistry.map((entry) => entry.id);

export function isProviderName(value: string): value is ProviderName {
  return (providerNames as readonly string[]).includes(value);
}

/** Where to ask for a token: a documented environment, an explicit base URL, or the default. */
export type ProviderLocation = { environment: string } | { baseUrl: string } | undefined;

export interface ProviderAuthOptions {
  clientId: string;
  clientSecret: string;
  location: ProviderLocation;
  /** Only for providers with documented scopes; validated by the provider package. */
  scope?: readonly string[] | undefined;
  /** The values the provider's spec leaves to the user (Pay-me's `audience`), by body field. */
  values?: Readonly<Record<string, string>>;
  manager?: TokenManagerOptions;
}

export interface SandboxHandlerOptions {
  baseUrl: string;
  tokenLifetimeSeconds?: number;
  clientId?: string;
  clientSecret?: string;
}

/** What the CLI and the sandbox need to know about one provider package. */
export interface ProviderEntry {
  name: ProviderName;
  title: string;
  /** Prefix of the credential variables: `PAYTOK_<PROVIDER>`. */
  environmentVariablePrefix: string;
  tokenPath: string;
  /** Headers the provider's API requires besides `Authorization` (Pay-me's version header). */
  apiHeaders: Readonly<Record<string, string>>;
  environments: readonly string[];
  /** Whether the token request takes scopes (`--scope`). */
  acceptsScope: boolean;
  /** Body fields the spec leaves to the user, each a `--<field>` option (`--audience`). */
  requiredValues: readonly string[];
  createAuth(options: ProviderAuthOptions): PaytokAuth;
  /**
   * The package's `testing` handlers, loaded on demand: `paytok token` never needs msw, and a
   * command used inside `$(…)` should start fast.
   */
  loadHandlers(): Promise<(options: SandboxHandlerOptions) => SandboxHandlers>;
}

/** `audience` → `audience`, `merchant_id` → `merchantId`: the adapter option of a body field. */
export function optionName(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export const providers = Object.fromEntries(
  providerRegistry.map((registered): [ProviderName, ProviderEntry] => {
    const { endpoint } = registered;
    const createAuth = registered.createAuth as unknown as (
      options: Record<string, unknown>,
    ) => PaytokAuth;
    return [
      registered.id,
      {
        name: registered.id,
        title: registered.title,
        environmentVariablePrefix: `PAYTOK_${registered.id.toUpperCase().replaceAll("-", "_")}`,
        tokenPath: endpoint.tokenPath,
        apiHeaders: endpoint.apiHeaders,
        environments: Object.keys(endpoint.environments),
        acceptsScope: endpoint.scopes !== undefined,
        requiredValues: endpoint.requiredValues,
        // The package checks every option again (an unknown environment, a missing value…).
        createAuth: (options) =>
          createAuth({
            ...options.manager,
            clientId: options.clientId,
            clientSecret: options.clientSecret,
            ...options.location,
            ...(options.scope === undefined ? {} : { scope: options.scope }),
            ...Object.fromEntries(
              Object.entries(options.values ?? {}).map(([field, value]) => [
                optionName(field),
                value,
              ]),
            ),
          }),
        loadHandlers: registered.loadHandlers,
      },
    ];
  }),
) as Readonly<Record<ProviderName, ProviderEntry>>;
