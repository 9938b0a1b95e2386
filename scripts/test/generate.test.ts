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
  for (const provider of [...providers, "cli"]) {
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
      path.join("packages", "paysway", "src", "generated", "token-endpoint.ts"),
    );
    expect(result.stderr).not.toContain("lab4pay");
  });

  it("fails when a generated file is edited by hand", async () => {
    const root = await copyOfRepository();
    const file = path.join(root, "packages", "payme", "src", "generated", "token-endpoint.ts");
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
    info: { "x-paytok-provider": "example", "x-paytok-title": "Example" },
    servers: [{ url: "https://auth.example.test/", "x-paytok-environment": "sandbox" }],
    paths: {
      "/token": {
        post: {
          "x-paytok-token-endpoint": true,
          "x-paytok-client-auth": "client_secret_post",
          "x-paytok-token-lifetime-seconds": 600,
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["grant_type", "client_id", "client_secret"],
                  properties: {
                    grant_type: { type: "string", const: "client_credentials" },
                    client_id: { type: "string" },
                    client_secret: { type: "string" },
                  },
                },
              },
            },
          },
        },
      },
    },
  });

  it("reads environments, token path, media type, client authentication and the body", () => {
    expect(readSpecFacts(minimal(), "example")).toMatchObject({
      environments: [["sandbox", "https://auth.example.test"]],
      tokenPath: "/token",
      tokenMethod: "POST",
      mediaType: "application/json",
      bodyEncoding: "json",
      clientAuthentication: "client_secret_post",
      lifetimeSeconds: 600,
      grants: [
        {
          type: "client_credentials",
          fields: [
            { name: "grant_type", source: { kind: "literal", value: "client_credentials" } },
            { name: "client_id", source: { kind: "credential", field: "client_id" } },
            { name: "client_secret", source: { kind: "credential", field: "client_secret" } },
          ],
        },
      ],
      values: [],
    });
  });

  it("leaves a required body field without a value to the adapter, and one with a default open", () => {
    const spec = minimal();
    const body = spec.paths["/token"].post.requestBody.content["application/json"].schema;
    body.properties.merchant_id = { type: "string" };
    body.properties.channel = { type: "string", default: "web" };
    body.required.push("merchant_id", "channel");
    expect(readSpecFacts(spec, "example").values).toEqual([
      { name: "merchant_id", required: true, tsType: "string" },
      { name: "channel", required: false, tsType: "string" },
    ]);
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
    [
      "a media type paytok cannot send",
      (spec: Spec) => {
        const content = spec.paths["/token"].post.requestBody.content;
        content["multipart/form-data"] = content["application/json"];
        delete content["application/json"];
      },
    ],
    ["no title", (spec: Spec) => delete spec.info["x-paytok-title"]],
    [
      "no documented lifetime",
      (spec: Spec) => delete spec.paths["/token"].post["x-paytok-token-lifetime-seconds"],
    ],
    [
      "a required header without a value",
      (spec: Spec) =>
        (spec.paths["/token"].post.parameters = [
          { name: "X-Merchant", in: "header", required: true, schema: { type: "string" } },
        ]),
    ],
    [
      "a client secret in the body of a client_secret_basic endpoint",
      (spec: Spec) => (spec.paths["/token"].post["x-paytok-client-auth"] = "client_secret_basic"),
    ],
    [
      "no client_credentials grant",
      (spec: Spec) =>
        (spec.paths["/token"].post.requestBody.content[
          "application/json"
        ].schema.properties.grant_type = { type: "string", const: "password" }),
    ],
  ])("rejects %s", (_, breakSpec) => {
    const spec = minimal();
    breakSpec(spec);
    expect(() => readSpecFacts(spec, "example")).toThrow(/specs\/example\.openapi\.yaml/);
  });
});
