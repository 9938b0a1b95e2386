import {
  type AlternativePaymentsEnvironment,
  alternativePaymentsApiHeaders,
  alternativePaymentsEnvironments,
  alternativePaymentsTokenPath,
  createAlternativePaymentsAuth,
} from "@paytok/alternative-payments";
import type { PaytokAuth, TokenManagerOptions } from "@paytok/core";
import type { SandboxHandlers } from "@paytok/core/testing";
import {
  createLab4payAuth,
  type Lab4payEnvironment,
  lab4payApiHeaders,
  lab4payEnvironments,
  lab4payTokenPath,
} from "@paytok/lab4pay";
import {
  createPaylaterAuth,
  type PaylaterEnvironment,
  paylaterApiHeaders,
  paylaterEnvironments,
  paylaterTokenPath,
} from "@paytok/paylater";
import {
  createPaymeAuth,
  type PaymeEnvironment,
  type PaymeScope,
  paymeApiHeaders,
  paymeEnvironments,
  paymeTokenPath,
} from "@paytok/payme";
import {
  createPayswayAuth,
  type PayswayEnvironment,
  payswayApiHeaders,
  payswayEnvironments,
  payswayTokenPath,
} from "@paytok/paysway";

/** Every provider paytok ships, by the name used on the command line and in URL prefixes. */
export const providerNames = [
  "lab4pay",
  "paylater",
  "paysway",
  "alternative-payments",
  "payme",
] as const;

export type ProviderName = (typeof providerNames)[number];

export function isProviderName(value: string): value is ProviderName {
  return (providerNames as readonly string[]).includes(value);
}

/** Where to ask for a token: a documented environment, an explicit base URL, or the default. */
export type ProviderLocation = { environment: string } | { baseUrl: string } | undefined;

export interface ProviderAuthOptions {
  clientId: string;
  clientSecret: string;
  location: ProviderLocation;
  /** Only for providers with `scopes`; validated by the provider package. */
  scope?: readonly string[] | undefined;
  /** Only for providers with `requiresAudience`. */
  audience?: string | undefined;
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
  /** Whether the token request needs an `audience` (`--audience`). */
  requiresAudience: boolean;
  createAuth(options: ProviderAuthOptions): PaytokAuth;
  /**
   * The package's `testing` handlers, loaded on demand: `paytok token` never needs msw, and a
   * command used inside `$(…)` should start fast.
   */
  loadHandlers(): Promise<(options: SandboxHandlerOptions) => SandboxHandlers>;
}

/**
 * The location options of a provider package. Their types refuse `environment` and `baseUrl`
 * together; the value is checked again at run time by the package, so the cast only names it.
 */
function location<Environment extends string>(
  value: ProviderLocation,
): { environment?: Environment } | { baseUrl: string } {
  if (value === undefined) return {};
  if ("baseUrl" in value) return { baseUrl: value.baseUrl };
  return { environment: value.environment as Environment };
}

function entry(
  name: ProviderName,
  fields: Omit<ProviderEntry, "name" | "environmentVariablePrefix">,
): ProviderEntry {
  return {
    name,
    environmentVariablePrefix: `PAYTOK_${name.toUpperCase().replaceAll("-", "_")}`,
    ...fields,
  };
}

export const providers: Readonly<Record<ProviderName, ProviderEntry>> = {
  lab4pay: entry("lab4pay", {
    title: "Lab4pay Pay-Connect",
    tokenPath: lab4payTokenPath,
    apiHeaders: lab4payApiHeaders,
    environments: Object.keys(lab4payEnvironments),
    acceptsScope: false,
    requiresAudience: false,
    createAuth: (options) =>
      createLab4payAuth({
        ...options.manager,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        ...location<Lab4payEnvironment>(options.location),
      }),
    loadHandlers: async () => {
      const { lab4payHandlers } = await import("@paytok/lab4pay/testing");
      return (options) => lab4payHandlers(options);
    },
  }),
  paylater: entry("paylater", {
    title: "PayLater (Keycloak)",
    tokenPath: paylaterTokenPath,
    apiHeaders: paylaterApiHeaders,
    environments: Object.keys(paylaterEnvironments),
    acceptsScope: false,
    requiresAudience: false,
    createAuth: (options) =>
      createPaylaterAuth({
        ...options.manager,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        ...location<PaylaterEnvironment>(options.location),
      }),
    loadHandlers: async () => {
      const { paylaterHandlers } = await import("@paytok/paylater/testing");
      return (options) => paylaterHandlers(options);
    },
  }),
  paysway: entry("paysway", {
    title: "Paysway",
    tokenPath: payswayTokenPath,
    apiHeaders: payswayApiHeaders,
    environments: Object.keys(payswayEnvironments),
    acceptsScope: false,
    requiresAudience: false,
    createAuth: (options) =>
      createPayswayAuth({
        ...options.manager,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        ...location<PayswayEnvironment>(options.location),
      }),
    loadHandlers: async () => {
      const { payswayHandlers } = await import("@paytok/paysway/testing");
      return (options) => payswayHandlers(options);
    },
  }),
  "alternative-payments": entry("alternative-payments", {
    title: "Alternative Payments",
    tokenPath: alternativePaymentsTokenPath,
    apiHeaders: alternativePaymentsApiHeaders,
    environments: Object.keys(alternativePaymentsEnvironments),
    acceptsScope: false,
    requiresAudience: false,
    createAuth: (options) =>
      createAlternativePaymentsAuth({
        ...options.manager,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        ...location<AlternativePaymentsEnvironment>(options.location),
      }),
    loadHandlers: async () => {
      const { alternativePaymentsHandlers } = await import("@paytok/alternative-payments/testing");
      return (options) => alternativePaymentsHandlers(options);
    },
  }),
  payme: entry("payme", {
    title: "Pay-me (Alignet)",
    tokenPath: paymeTokenPath,
    apiHeaders: paymeApiHeaders,
    environments: Object.keys(paymeEnvironments),
    acceptsScope: true,
    requiresAudience: true,
    createAuth: (options) =>
      createPaymeAuth({
        ...options.manager,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        // An absent audience reaches the package, which refuses it with PAYTOK_CONFIGURATION.
        audience: options.audience as string,
        ...(options.scope === undefined ? {} : { scope: options.scope as readonly PaymeScope[] }),
        ...location<PaymeEnvironment>(options.location),
      }),
    loadHandlers: async () => {
      const { paymeHandlers } = await import("@paytok/payme/testing");
      return (options) => paymeHandlers(options);
    },
  }),
};
