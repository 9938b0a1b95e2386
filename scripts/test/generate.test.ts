import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { readSpecFacts } from "../lib/generate-provider.mjs";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const generator = path.join(repositoryRoot, "scripts", "generate.mjs");
const providers = ["alternative-payments", "lab4pay", "paylater", "payme", "paysway"];

const temporaryRoots: string[] = [];
afterEach(async () => {
  await Promise.all(
    temporaryRoots.splice(0).map((root) => rm(root, { recursive: true, force: true })),
  );
});

/** A copy of what generation reads and writes: the specs and the committed generated files. */
async function copyOfRepository(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "paytok-generate-"));
  temporaryRoots.push(root);
  await cp(path.join(repositoryRoot, "specs"), path.join(root, "specs"), { recursive: true });
  for (const provider of providers) {
    await cp(
      path.join(repositoryRoot, "packages", provider, "src", "generated"),
      path.join(root, "packages", provider, "src", "generated"),
      { recursive: true },
    );
  }
  return root;
}

async function check(root: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [generator, "--check", "--root", root]);
    return { code: 0, stderr: "" };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe("the drift check", () => {
  it("passes on the committed generated files", async () => {
    expect(await check(await copyOfRepository())).toEqual({ code: 0, stderr: "" });
  });

  it("fails when a spec is edited without regenerating, and names the stale files", async () => {
    const root = await copyOfRepository();
    const spec = path.join(root, "specs", "paysway.openapi.yaml");
    const text = await readFile(spec, "utf8");
    await writeFile(spec, text.replace("/oauth2/token:", "/oauth2/token-v2:"));
    const result = await check(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      path.join("packages", "paysway", "src", "generated", "schema.ts"),
    );
    expect(result.stderr).toContain(
      path.join("packages", "paysway", "src", "generated", "constants.ts"),
    );
    expect(result.stderr).not.toContain("lab4pay");
  });

  it("fails when a generated file is edited by hand", async () => {
    const root = await copyOfRepository();
    const file = path.join(root, "packages", "payme", "src", "generated", "constants.ts");
    await writeFile(file, `${await readFile(file, "utf8")}// a hand edit\n`);
    expect((await check(root)).code).toBe(1);
  });

  it("regenerates byte for byte: a second run after an edit-and-generate changes nothing", async () => {
    const root = await copyOfRepository();
    const spec = path.join(root, "specs", "lab4pay.openapi.yaml");
    await writeFile(
      spec,
      (await readFile(spec, "utf8")).replace("/v1/auth/token/:", "/v2/auth/token/:"),
    );
    await run(process.execPath, [generator, "lab4pay", "--root", root]);
    const first = await readFile(
      path.join(root, "packages", "lab4pay", "src", "generated", "schema.ts"),
      "utf8",
    );
    expect(first).toContain('"/v2/auth/token/"');
    expect(first.split("\n")[0]).toMatch(
      /^\/\/ Generated from specs\/lab4pay\.openapi\.yaml .*Do not edit by hand/,
    );
    await run(process.execPath, [generator, "lab4pay", "--root", root]);
    const second = await readFile(
      path.join(root, "packages", "lab4pay", "src", "generated", "schema.ts"),
      "utf8",
    );
    expect(second).toBe(first);
    expect((await check(root)).code).toBe(0);
  });
});

describe("spec conventions the generator enforces", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the tests break the spec in shapes no type allows
  type Spec = any;
  const minimal = (): Spec => ({
    info: { "x-paytok-provider": "example" },
    servers: [{ url: "https://auth.example.test/", "x-paytok-environment": "sandbox" }],
    paths: {
      "/token": {
        post: {
          "x-paytok-token-endpoint": true,
          "x-paytok-client-auth": "client_secret_post",
          requestBody: { content: { "application/json": {} } },
        },
      },
    },
  });

  it("reads environments, token path, media type and client authentication", () => {
    expect(readSpecFacts(minimal(), "example")).toMatchObject({
      environments: [["sandbox", "https://auth.example.test"]],
      tokenPath: "/token",
      tokenMethod: "POST",
      mediaType: "application/json",
      clientAuthentication: "client_secret_post",
    });
  });

  it.each([
    [
      "a server without environment name",
      (spec: Spec) => delete spec.servers[0]["x-paytok-environment"],
    ],
    ["another provider id", (spec: Spec) => (spec.info["x-paytok-provider"] = "other")],
    [
      "no token operation",
      (spec: Spec) => delete spec.paths["/token"].post["x-paytok-token-endpoint"],
    ],
    [
      "an unknown client auth",
      (spec: Spec) => (spec.paths["/token"].post["x-paytok-client-auth"] = "jwt"),
    ],
    [
      "two media types",
      (spec: Spec) => (spec.paths["/token"].post.requestBody.content["text/plain"] = {}),
    ],
  ])("rejects %s", (_, breakSpec) => {
    const spec = minimal();
    breakSpec(spec);
    expect(() => readSpecFacts(spec, "example")).toThrow(/specs\/example\.openapi\.yaml/);
  });
});
