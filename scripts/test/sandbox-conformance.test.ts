// The providers' conformance suite once more, against `paytok sandbox` over real HTTP on
// 127.0.0.1 instead of msw in the packages' own processes: every provider of the registry
// (generated from specs/), with the very emulators users run locally.
import { providerRegistry } from "@paytok/cli";
import { type RunningSandbox, startSandbox } from "@paytok/cli/sandbox";
import {
  describeProviderConformance,
  HYGIENE_SECRET,
  type ProviderUnderTest,
} from "@paytok/provider-test-kit";
import { afterAll, beforeAll } from "vitest";

let sandbox: RunningSandbox | undefined;
beforeAll(async () => {
  // A secret that percent-, form- and JSON-encoding change, for the secret-hygiene cases.
  sandbox = await startSandbox({ port: 0, clientSecret: HYGIENE_SECRET });
});
afterAll(() => sandbox?.close());

for (const entry of providerRegistry) {
  const main = (await import(entry.packageName)) as Record<
    string,
    ProviderUnderTest["createClient"]
  >;
  const testing = (await import(`${entry.packageName}/testing`)) as Record<
    string,
    ProviderUnderTest["handlers"]
  >;
  describeProviderConformance(
    {
      endpoint: entry.endpoint,
      createAuth: entry.createAuth,
      createClient: main[entry.clientFactory] as ProviderUnderTest["createClient"],
      handlers: testing[entry.handlersFactory] as ProviderUnderTest["handlers"],
    },
    {
      sandbox: () => {
        if (sandbox === undefined) throw new Error("the sandbox did not start");
        return sandbox.providers[entry.id].controls;
      },
    },
  );
}
