// `pnpm new-provider` in a temporary copy of the repository: the scaffold follows the spec
// conventions, wires the package into the workspace, and the result installs, builds, typechecks
// and passes its own tests (generate → build → vitest) without a single edit.
import { execFile, spawn } from "node:child_process";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { providerRegistry } from "@paytok/cli";
import * as paysway from "@paytok/paysway";
import * as payswayTesting from "@paytok/paysway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readSpecFacts } from "../lib/generate-provider.mjs";
import { fillPlaceholders, providerNames } from "../new-provider/provider-names.mjs";
import { addReadmeRow, addRedoclyApi } from "../new-provider/scaffold-provider.mjs";
import { metadataProblems } from "../release-check/published-packages.mjs";
import { copyRepository } from "../release-check/repository-copy.mjs";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const scaffold = path.join(repositoryRoot, "scripts", "new-provider", "index.mjs");
const bin = (name: string) => path.join(repositoryRoot, "node_modules", ".bin", name);

describe("provider names", () => {
  it("derives every spelling from the kebab-case id", () => {
    const names = providerNames("acme-pay-2", undefined);
    expect(names).toEqual({
      provider: "acme-pay-2",
      camel: "acmePay2",
      pascal: "AcmePay2",
      constant: "ACME_PAY_2",
      title: "Acme Pay 2",
    });
    expect(
      fillPlaceholders(
        "create__Pascal__Auth __camel__Handlers __CONSTANT___X @paytok/__provider__",
        names,
      ),
    ).toBe("createAcmePay2Auth acmePay2Handlers ACME_PAY_2_X @paytok/acme-pay-2");
  });

  it.each(["Acme", "acme_pay", "-acme", "acme-", "2pay", "acme--pay", "delete"])(
    "refuses %s",
    (id) => {
      expect(() => providerNames(id, undefined)).toThrow(/new-provider/);
    },
  );
});

describe("wiring edits", () => {
  it("adds the spec to the end of redocly.yaml's apis, before what follows", () => {
    const before =
      "extends:\n  - recommended\n\napis:\n  a:\n    root: specs/a.openapi.yaml\n\nother: 1\n";
    expect(addRedoclyApi(before, "acme")).toBe(
      "extends:\n  - recommended\n\napis:\n  a:\n    root: specs/a.openapi.yaml\n  acme:\n    root: specs/acme.openapi.yaml\n\nother: 1\n",
    );
  });

  it("adds a README row before @paytok/core's, or nothing without the table", () => {
    const names = providerNames("acme", undefined);
    const table = "| package |\n| --- |\n| [`@paytok/core`](packages/core) |\n";
    expect(addReadmeRow(table, names)?.split("\n")[2]).toMatch(/^\| \[`@paytok\/acme`\]/);
    expect(addReadmeRow("# no table\n", names)).toBeUndefined();
  });
});

/** Export names with the provider's own name replaced by a placeholder. */
function shapeOf(module: object, camel: string, pascal: string, constant: string): string[] {
  return Object.keys(module)
    .map((name) =>
      name
        .replace(camel, "<provider>")
        .replace(pascal, "<Provider>")
        .replace(constant, "<PROVIDER>"),
    )
    .sort();
}

let root = "";
const packageDirectory = () => path.join(root, "packages", "acme-pay");
const read = (file: string) => readFile(path.join(root, file), "utf8");

/** Runs a command in the copy; on failure the error carries its output. */
async function inCopy(command: string, args: string[], cwd = root) {
  try {
    return await run(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      maxBuffer: 32 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${failure.message}\n${failure.stdout ?? ""}\n${failure.stderr ?? ""}`);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "paytok-new-provider-"));
  // The dist of core and of the five providers come from the real checkout (turbo builds them
  // before this task): building them again would only make the test slower. The CLI is built in
  // the copy, with the new provider in its generated registry.
  await copyRepository({
    root: repositoryRoot,
    target: root,
    builtDirectories: ["packages/core", ...providerRegistry.map((entry) => `packages/${entry.id}`)],
    linkNodeModules: false,
  });
  await inCopy(process.execPath, [scaffold, "acme-pay", "--title", "Acme Pay", "--root", root]);
}, 120_000);

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

describe("pnpm new-provider acme-pay", () => {
  it("writes a spec stub that follows the conventions of specs/", async () => {
    const spec = parse(await read("specs/acme-pay.openapi.yaml"));
    expect(spec.info["x-paytok-provider"]).toBe("acme-pay");
    expect(readSpecFacts(spec, "acme-pay")).toMatchObject({
      environments: [
        ["sandbox", "https://sandbox.acme-pay.example"],
        ["production", "https://api.acme-pay.example"],
      ],
      tokenPath: "/oauth2/token",
      tokenMethod: "POST",
      mediaType: "application/x-www-form-urlencoded",
      clientAuthentication: "client_secret_post",
    });
  });

  it("writes the package, with generated code and registry metadata", async () => {
    for (const file of [
      "src/index.ts",
      "src/acme-pay-auth.ts",
      "src/testing.ts",
      "src/generated/schema.ts",
      "src/generated/token-endpoint.ts",
      "test/conformance.test.ts",
      "test/acme-pay.test-d.ts",
      "README.md",
      "LICENSE",
      "turbo.json",
      "tsup.config.ts",
    ]) {
      await expect(access(path.join(packageDirectory(), file))).resolves.toBeUndefined();
    }
    const index = await read("packages/acme-pay/src/index.ts");
    expect(index).toContain("createAcmePayAuth");
    expect(index).toContain("createAcmePayClient");
    expect(await read("packages/acme-pay/src/testing.ts")).toContain(
      "export function acmePayHandlers(",
    );
    expect(await read("packages/acme-pay/src/generated/token-endpoint.ts")).toMatch(
      /^\/\/ Generated from specs\/acme-pay\.openapi\.yaml/,
    );
    const manifest = JSON.parse(await read("packages/acme-pay/package.json"));
    expect(manifest.name).toBe("@paytok/acme-pay");
    expect(
      metadataProblems({ name: manifest.name, directory: "packages/acme-pay", manifest }),
    ).toEqual([]);
    const turbo = JSON.parse(await read("packages/acme-pay/turbo.json"));
    expect(turbo.tasks.generate.inputs).toContain("$TURBO_ROOT$/specs/acme-pay.openapi.yaml");
    expect(await read("packages/acme-pay/README.md")).toMatch(
      /## Install[\s\S]*## Quick start[\s\S]*## Options[\s\S]*## Errors[\s\S]*## Testing/,
    );
  });

  it("wires it into redocly, @paytok/scripts, the README and a changeset", async () => {
    expect(parse(await read("redocly.yaml")).apis["acme-pay"]).toEqual({
      root: "specs/acme-pay.openapi.yaml",
    });
    const scripts = JSON.parse(await read("scripts/package.json"));
    expect(scripts.devDependencies["@paytok/acme-pay"]).toBe("workspace:*");
    const cli = JSON.parse(await read("packages/cli/package.json"));
    expect(cli.dependencies["@paytok/acme-pay"]).toBe("workspace:^");
    // The registry every tool reads, generated from specs/, has the new provider.
    const registry = await read("packages/cli/src/generated/providers.ts");
    expect(registry).toContain('id: "acme-pay"');
    expect(registry).toContain("createAcmePayAuth");
    expect(await read("README.md")).toContain("[`@paytok/acme-pay`](packages/acme-pay)");
    expect(await read(".changeset/add-acme-pay.md")).toMatch(
      /^---\n"@paytok\/acme-pay": minor\n---/,
    );
  });

  it("refuses an id that exists, writing nothing", async () => {
    const before = await read("packages/paysway/package.json");
    await expect(inCopy(process.execPath, [scaffold, "paysway", "--root", root])).rejects.toThrow(
      "packages/paysway already exists",
    );
    expect(await read("packages/paysway/package.json")).toBe(before);
    await expect(access(path.join(root, ".changeset", "add-paysway.md"))).rejects.toThrow();
  });

  it("passes Biome and Redocly as written", async () => {
    await inCopy(bin("biome"), [
      "check",
      "packages/acme-pay",
      "scripts/package.json",
      "packages/cli/package.json",
      "bench/package.json",
    ]);
    await inCopy(bin("redocly"), ["lint", "acme-pay", "--format", "stylish"]);
  });

  it("installs, builds, typechecks and passes its own tests", async () => {
    await inCopy("pnpm", [
      "install",
      "--offline",
      "--no-frozen-lockfile",
      "--filter",
      "@paytok/acme-pay...",
    ]);
    await inCopy("pnpm", ["run", "build"], packageDirectory());
    const [, tests] = await Promise.all([
      inCopy("pnpm", ["run", "typecheck"], packageDirectory()),
      inCopy("pnpm", ["run", "test"], packageDirectory()),
    ]);
    expect(tests.stdout).toMatch(/Tests\s+\d+ passed \(\d+\)/);
    expect(tests.stdout).not.toMatch(/\bfailed\b/);

    // The same public runtime surface as the package it is modelled on.
    const built = (entry: string) =>
      import(pathToFileURL(path.join(packageDirectory(), "dist", entry)).href);
    expect(shapeOf(await built("index.js"), "acmePay", "AcmePay", "ACME_PAY")).toEqual(
      shapeOf(paysway, "paysway", "Paysway", "PAYSWAY"),
    );
    expect(shapeOf(await built("testing.js"), "acmePay", "AcmePay", "ACME_PAY")).toEqual(
      shapeOf(payswayTesting, "paysway", "Paysway", "PAYSWAY"),
    );
  }, 300_000);

  it("is served by the copy's `paytok sandbox` and `paytok token` with no other edit", async () => {
    await inCopy("pnpm", [
      "install",
      "--offline",
      "--no-frozen-lockfile",
      "--filter",
      "@paytok/cli...",
    ]);
    await inCopy("pnpm", ["run", "build"], path.join(root, "packages", "cli"));
    const cli = path.join(root, "packages", "cli", "dist", "cli.js");
    const sandbox = spawn(process.execPath, [cli, "sandbox", "--port", "0", "--json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = "";
        sandbox.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("\n")) resolve(output.split("\n")[0] ?? "");
        });
        sandbox.once("exit", (code) => reject(new Error(`paytok sandbox exited with ${code}`)));
      });
      const served = JSON.parse(line) as {
        providers: Record<string, { baseUrl: string; clientId: string; clientSecret: string }>;
      };
      const acme = served.providers["acme-pay"];
      expect(acme?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/acme-pay$/);
      const { stdout } = await run(
        process.execPath,
        [cli, "token", "acme-pay", "--base-url", acme?.baseUrl ?? ""],
        {
          env: {
            ...process.env,
            PAYTOK_ACME_PAY_CLIENT_ID: acme?.clientId,
            PAYTOK_ACME_PAY_CLIENT_SECRET: acme?.clientSecret,
          },
        },
      );
      expect(stdout.trim()).toMatch(/^acme-pay-sandbox-at-\d+-[0-9a-f]+$/);
    } finally {
      sandbox.kill();
    }
  }, 300_000);
});
