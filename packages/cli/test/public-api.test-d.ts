import type { SandboxControls } from "@paytok/core/testing";
import { describe, expectTypeOf, it } from "vitest";
import { type CliIo, EXIT_USAGE, type ProviderName, runCli, startSandbox } from "../src/index.js";
import type { RunningSandbox, SandboxProvider } from "../src/sandbox.js";

describe("startSandbox", () => {
  it("types providers by the selection", async () => {
    const sandbox = await startSandbox({ port: 0, providers: ["paysway", "payme"] });
    expectTypeOf(sandbox).toEqualTypeOf<RunningSandbox<"paysway" | "payme">>();
    expectTypeOf(sandbox.providers.paysway).toEqualTypeOf<SandboxProvider>();
    expectTypeOf(sandbox.providers.payme.controls).toEqualTypeOf<SandboxControls>();
    // @ts-expect-error lab4pay was not selected
    sandbox.providers.lab4pay;
    expectTypeOf(sandbox.close).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(sandbox.url).toBeString();
  });

  it("offers every provider by default, and only known names", async () => {
    const all = await startSandbox();
    expectTypeOf<keyof typeof all.providers>().toEqualTypeOf<ProviderName>();
    // @ts-expect-error not a paytok provider
    await startSandbox({ providers: ["stripe"] });
    // @ts-expect-error the port is a number
    await startSandbox({ port: "4010" });
  });

  it("exposes what a test needs of each provider", () => {
    expectTypeOf<SandboxProvider["credentials"]>().toEqualTypeOf<{
      readonly clientId: string;
      readonly clientSecret: string;
    }>();
    expectTypeOf<SandboxProvider["baseUrl"]>().toBeString();
    expectTypeOf<SandboxProvider["apiHeaders"]>().toEqualTypeOf<Readonly<Record<string, string>>>();
  });
});

describe("runCli", () => {
  it("takes the arguments and an io object and resolves with the exit code", () => {
    expectTypeOf(runCli).parameters.toEqualTypeOf<[readonly string[], CliIo]>();
    expectTypeOf(runCli).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(EXIT_USAGE).toEqualTypeOf<2>();
  });
});
