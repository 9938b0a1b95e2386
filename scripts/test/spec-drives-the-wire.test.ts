// "Regenerate when specs change" means the request follows the spec, or the build stops. Each case
// edits a provider's spec in a copy of the repository, runs the real `generate.mjs` and the
// package's real build, then sends a token request from the built package to a loopback server
// and looks at what arrived. A change that fully determines the wire needs no hand edit; one that
// needs a human decision stops generation or the build, never a request that goes out wrong.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { copyRepository } from "../release-check/repository-copy.mjs";

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const temporaryRoots: string[] = [];

interface Arrived {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A token endpoint on loopback that records what arrives and answers with a fresh token. */
let arrived: Arrived[] = [];
let origin = "";
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    arrived.push({
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    response.writeHead(200, { "content-type": "application/json" });
    // Fields of every provider's success shape (Pay-me's success flag, Lab4pay's string lifetime).
    response.end(
      JSON.stringify({
        success: true,
        access_token: "at-1",
        token_type: "Bearer",
        expires_in: "60",
      }),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(temporaryRoots.map((root) => rm(root, { recursive: true, force: true })));
});

// biome-ignore lint/suspicious/noExplicitAny: specs are edited as plain YAML trees here
type Spec = any;

/** The token operation of a parsed spec. */
const tokenOperation = (spec: Spec) =>
  Object.values(spec.paths as Record<string, Record<string, Spec>>)
    .flatMap((item) => Object.values(item))
    .find((operation) => operation?.["x-paytok-token-endpoint"] === true);

/** The (only) request media type object of the token operation, and its schema. */
function requestBody(spec: Spec): { media: string; schema: Spec } {
  const content = tokenOperation(spec).requestBody.content;
  const [media] = Object.keys(content) as [string];
  const ref = content[media].schema.$ref as string | undefined;
  const schema =
    ref === undefined ? content[media].schema : spec.components.schemas[ref.split("/").pop() ?? ""];
  return { media, schema };
}

interface Outcome {
  generated: { ok: boolean; output: string };
  built: { ok: boolean; output: string };
  module?: Record<string, (options: Record<string, unknown>) => { getToken(): Promise<unknown> }>;
}

/** Copies the repository, edits one spec, regenerates and builds the provider package. */
async function afterSpecChange(provider: string, edit: (spec: Spec) => void): Promise<Outcome> {
  const root = await mkdtemp(path.join(tmpdir(), "paytok-spec-change-"));
  temporaryRoots.push(root);
  await copyRepository({ root: repositoryRoot, target: root, builtDirectories: ["packages/core"] });
  // The package's own links (core, openapi-fetch, tsup) resolve to the real checkout's.
  const packageDirectory = path.join(root, "packages", provider);
  await symlink(
    path.join(repositoryRoot, "packages", provider, "node_modules"),
    path.join(packageDirectory, "node_modules"),
    "dir",
  );
  const specFile = path.join(root, "specs", `${provider}.openapi.yaml`);
  const spec = parse(await readFile(specFile, "utf8"));
  edit(spec);
  await writeFile(specFile, stringify(spec));
  const attempt = async (command: string, args: string[], cwd: string) => {
    try {
      const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
      return { ok: true, output: `${stdout}${stderr}` };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
    }
  };
  const generated = await attempt(
    process.execPath,
    // This checkout's generator (and its node_modules), writing into the copy.
    [path.join(repositoryRoot, "scripts", "generate.mjs"), provider, "--root", root],
    root,
  );
  if (!generated.ok) return { generated, built: { ok: false, output: "" } };
  const built = await attempt(
    path.join(packageDirectory, "node_modules", ".bin", "tsup"),
    [],
    packageDirectory,
  );
  const outcome: Outcome = { generated, built };
  try {
    outcome.module = await import(
      pathToFileURL(path.join(packageDirectory, "dist", "index.js")).href
    );
  } catch {
    // No JavaScript came out of the build.
  }
  return outcome;
}

/** The token request a built package sends to the loopback endpoint. */
async function tokenRequest(
  outcome: Outcome,
  factory: string,
  options: Record<string, unknown> = {},
): Promise<Arrived> {
  expect(outcome.generated.output).not.toMatch(/error/i);
  expect(outcome.built.ok, outcome.built.output).toBe(true);
  arrived = [];
  const create = outcome.module?.[factory];
  expect(typeof create).toBe("function");
  await create?.({
    clientId: "client-4711",
    clientSecret: "s3cr3t",
    baseUrl: origin,
    retry: false,
    ...options,
  }).getToken();
  expect(arrived).toHaveLength(1);
  return arrived[0] as Arrived;
}

describe("a spec change that fully determines the wire reaches the token request", () => {
  it("Lab4pay's body media type, JSON → form: the header and the encoding follow", async () => {
    const outcome = await afterSpecChange("lab4pay", (spec) => {
      const content = tokenOperation(spec).requestBody.content;
      content["application/x-www-form-urlencoded"] = content["application/json"];
      delete content["application/json"];
    });
    const request = await tokenRequest(outcome, "createLab4payAuth");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe(
      "grant_type=client_credentials&client_id=client-4711&client_secret=s3cr3t",
    );
  }, 120_000);

  it("Paysway's body media type with a charset parameter: still form-encoded, header exact", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      const content = tokenOperation(spec).requestBody.content;
      content["application/x-www-form-urlencoded; charset=UTF-8"] =
        content["application/x-www-form-urlencoded"];
      delete content["application/x-www-form-urlencoded"];
    });
    const request = await tokenRequest(outcome, "createPayswayAuth");
    expect(request.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded; charset=UTF-8",
    );
    expect(new URLSearchParams(request.body).get("client_secret")).toBe("s3cr3t");
  }, 120_000);

  it("a required header parameter with a const added to Paysway's token operation is sent", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      tokenOperation(spec).parameters = [
        {
          name: "X-Api-Version",
          in: "header",
          required: true,
          schema: { type: "string", const: "2026-12-01" },
        },
      ];
    });
    const request = await tokenRequest(outcome, "createPayswayAuth");
    expect(request.headers["x-api-version"]).toBe("2026-12-01");
  }, 120_000);

  it("a const body field and a field with a default added to Paysway's body are sent, in spec order", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      const { schema } = requestBody(spec);
      schema.properties.audience = { type: "string", const: "payments" };
      schema.properties.channel = { type: "string", default: "api" };
      schema.required.push("audience", "channel");
    });
    const request = await tokenRequest(outcome, "createPayswayAuth");
    expect(request.body).toBe(
      "grant_type=client_credentials&client_id=client-4711&client_secret=s3cr3t&audience=payments&channel=api",
    );
  }, 120_000);

  it("Paysway's client authentication, post → basic with the credentials out of the body", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      tokenOperation(spec)["x-paytok-client-auth"] = "client_secret_basic";
      const { schema } = requestBody(spec);
      delete schema.properties.client_id;
      delete schema.properties.client_secret;
      schema.required = ["grant_type"];
    });
    const request = await tokenRequest(outcome, "createPayswayAuth");
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from("client-4711:s3cr3t").toString("base64")}`,
    );
    expect(request.body).toBe("grant_type=client_credentials");
  }, 120_000);

  it("Pay-me's ALG-API-VERSION value changes on the token request and on every API call", async () => {
    const outcome = await afterSpecChange("payme", (spec) => {
      const header = tokenOperation(spec).parameters.find(
        (parameter: Spec) => parameter.name === "ALG-API-VERSION",
      );
      header.schema.const = "1800000000";
    });
    const request = await tokenRequest(outcome, "createPaymeAuth", {
      audience: "https://api.example",
    });
    expect(request.headers["alg-api-version"]).toBe("1800000000");
    const auth = outcome.module?.createPaymeAuth?.({
      clientId: "c",
      clientSecret: "s3cr3t",
      audience: "https://api.example",
      baseUrl: origin,
    }) as unknown as { headers(): Promise<Record<string, string>> };
    expect(await auth.headers()).toMatchObject({ "ALG-API-VERSION": "1800000000" });
  }, 120_000);

  it("a server URL: Lab4pay's default environment points at the new host", async () => {
    const outcome = await afterSpecChange("lab4pay", (spec) => {
      spec.servers[0].url = "https://api-v2.lab4pay.example";
    });
    const seen: string[] = [];
    await outcome.module
      ?.createLab4payAuth?.({
        clientId: "c",
        clientSecret: "s3cr3t",
        retry: false,
        fetch: async (request: Request) => {
          seen.push(request.url);
          return Response.json({ access_token: "at", expires_in: "60" });
        },
      })
      .getToken();
    expect(seen).toEqual(["https://api-v2.lab4pay.example/v1/auth/token/"]);
  }, 120_000);
});

describe("a spec change that needs a decision stops the build, naming what is open", () => {
  it("a new required body field without a value: the adapter no longer compiles, and from JavaScript create…Auth throws PAYTOK_CONFIGURATION naming it", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      const { schema } = requestBody(spec);
      schema.properties.merchant_id = { type: "string" };
      schema.required.push("merchant_id");
    });
    expect(outcome.generated.ok).toBe(true);
    expect(outcome.built.ok).toBe(false);
    expect(outcome.built.output).toMatch(/paysway-auth\.ts.*error TS/s);
    // tsup writes the JavaScript before the declarations fail: a user of it still gets no request.
    arrived = [];
    expect(() =>
      outcome.module?.createPayswayAuth?.({
        clientId: "c",
        clientSecret: "s3cr3t",
        baseUrl: origin,
      }),
    ).toThrow(
      expect.objectContaining({
        code: "PAYTOK_CONFIGURATION",
        message: expect.stringContaining("merchant_id"),
      }),
    );
    expect(arrived).toEqual([]);
  }, 120_000);

  it("a required header without a value stops generation, naming the header", async () => {
    const outcome = await afterSpecChange("lab4pay", (spec) => {
      tokenOperation(spec).parameters = [
        { name: "X-Merchant-Id", in: "header", required: true, schema: { type: "string" } },
      ];
    });
    expect(outcome.generated.ok).toBe(false);
    expect(outcome.generated.output).toContain("X-Merchant-Id");
  }, 120_000);

  it("a media type paytok cannot send stops generation, naming it", async () => {
    const outcome = await afterSpecChange("payme", (spec) => {
      const content = tokenOperation(spec).requestBody.content;
      content["multipart/form-data"] = content["application/json"];
      delete content["application/json"];
    });
    expect(outcome.generated.ok).toBe(false);
    expect(outcome.generated.output).toContain("multipart/form-data");
  }, 120_000);

  it("a client secret left in the body of a client_secret_basic endpoint stops generation", async () => {
    const outcome = await afterSpecChange("paysway", (spec) => {
      tokenOperation(spec)["x-paytok-client-auth"] = "client_secret_basic";
    });
    expect(outcome.generated.ok).toBe(false);
    expect(outcome.generated.output).toContain("client_secret");
  }, 120_000);
});
