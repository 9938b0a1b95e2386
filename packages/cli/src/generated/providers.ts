// Generated from specs/ by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

import type { PaytokAuth, TokenEndpointDescriptor } from "@paytok/core";
import type { SandboxHandlers, SandboxOptions } from "@paytok/core/testing";
import { createAlternativePaymentsAuth, alternativePaymentsTokenEndpoint } from "@paytok/alternative-payments";
import { createLab4payAuth, lab4payTokenEndpoint } from "@paytok/lab4pay";
import { createPaylaterAuth, paylaterTokenEndpoint } from "@paytok/paylater";
import { createPaymeAuth, paymeTokenEndpoint } from "@paytok/payme";
import { createPayswayAuth, payswayTokenEndpoint } from "@paytok/paysway";

/** One provider package, as the CLI, the sandbox and the cross-package tests see it. */
export interface ProviderRegistryEntry {
  /** The id of the spec and the package: `@paytok/<id>`. */
  readonly id: string;
  readonly title: string;
  readonly packageName: string;
  /** Names of the package's factory exports and of its `/testing` handlers. */
  readonly authFactory: string;
  readonly clientFactory: string;
  readonly handlersFactory: string;
  readonly endpoint: TokenEndpointDescriptor;
  /** `create<Provider>Auth`, typed loosely: the options of each provider differ. */
  readonly createAuth: (options: never) => PaytokAuth;
  /** The package's `/testing` handlers, loaded on demand (msw is a large import). */
  loadHandlers(): Promise<(options?: SandboxOptions & { baseUrl?: string }) => SandboxHandlers>;
}

/** Every provider of specs/, in id order. */
export const providerRegistry = [
  {
    id: "alternative-payments",
    title: "Alternative Payments",
    packageName: "@paytok/alternative-payments",
    authFactory: "createAlternativePaymentsAuth",
    clientFactory: "createAlternativePaymentsClient",
    handlersFactory: "alternativePaymentsHandlers",
    endpoint: alternativePaymentsTokenEndpoint,
    createAuth: createAlternativePaymentsAuth,
    loadHandlers: async () => (await import("@paytok/alternative-payments/testing")).alternativePaymentsHandlers,
  },
  {
    id: "lab4pay",
    title: "Lab4pay Pay-Connect",
    packageName: "@paytok/lab4pay",
    authFactory: "createLab4payAuth",
    clientFactory: "createLab4payClient",
    handlersFactory: "lab4payHandlers",
    endpoint: lab4payTokenEndpoint,
    createAuth: createLab4payAuth,
    loadHandlers: async () => (await import("@paytok/lab4pay/testing")).lab4payHandlers,
  },
  {
    id: "paylater",
    title: "PayLater (Keycloak)",
    packageName: "@paytok/paylater",
    authFactory: "createPaylaterAuth",
    clientFactory: "createPaylaterClient",
    handlersFactory: "paylaterHandlers",
    endpoint: paylaterTokenEndpoint,
    createAuth: createPaylaterAuth,
    loadHandlers: async () => (await import("@paytok/paylater/testing")).paylaterHandlers,
  },
  {
    id: "payme",
    title: "Pay-me (Alignet)",
    packageName: "@paytok/payme",
    authFactory: "createPaymeAuth",
    clientFactory: "createPaymeClient",
    handlersFactory: "paymeHandlers",
    endpoint: paymeTokenEndpoint,
    createAuth: createPaymeAuth,
    loadHandlers: async () => (await import("@paytok/payme/testing")).paymeHandlers,
  },
  {
    id: "paysway",
    title: "Paysway",
    packageName: "@paytok/paysway",
    authFactory: "createPayswayAuth",
    clientFactory: "createPayswayClient",
    handlersFactory: "payswayHandlers",
    endpoint: payswayTokenEndpoint,
    createAuth: createPayswayAuth,
    loadHandlers: async () => (await import("@paytok/paysway/testing")).payswayHandlers,
  },
] as const satisfies readonly ProviderRegistryEntry[];

/** The id of a provider of specs/. */
export type ProviderName = (typeof providerRegistry)[number]["id"];
