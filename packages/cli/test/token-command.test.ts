import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/sandbox.js";
import { paytok } from "./paytok-process.js";

const providerNames = ["lab4pay", "paylater", "paysway", "alternative-payments", "payme"] as const;
type Name = (typeof providerNames)[number];

const SECRET_LOOKING = "s3cr3t-Value-that-must-never-be-printed";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(() => sandbox.close());

function variables(name: Name, secret?: string): Record<string, string> {
  const prefix = `PAYTOK_${name.toUpperCase().replaceAll("-", "_")}`;
  const { clientId, clientSecret } = sandbox.providers[name].credentials;
  return { [`${prefix}_CLIENT_ID`]: clientId, [`${prefix}_CLIENT_SECRET`]: secret ?? clientSecret };
}

function locationArguments(name: Name): string[] {
  const provider = sandbox.providers[name];
  return [
    "--base-url",
    provider.baseUrl,
    ...(name === "payme" ? ["--audience", "https://api.preprod.alignet.io"] : []),
  ];
}

async function callEchoApi(name: Name, accessToken: string): Promise<number> {
  const provider = sandbox.providers[name];
  const response = await fetch(`${provider.apiUrl}/payments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken}`, ...provider.apiHeaders },
    body: "{}",
  });
  return response.status;
}

describe("paytok token <provider> --base-url …", () => {
  it.each(providerNames)("prints a %s token that the sandbox echo API accepts", async (name) => {
    const before = sandbox.providers[name].controls.tokenRequests.length;
    const result = await paytok(["token", name, ...locationArguments(name)], {
      env: variables(name),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\S+\n$/);
    expect(sandbox.providers[name].controls.tokenRequests.length).toBe(before + 1);
    expect(await callEchoApi(name, result.stdout.trim())).toBe(200);
  });

  it("--json prints the normalized token with the access token written out", async () => {
    const result = await paytok(["token", "payme", ...locationArguments("payme"), "--json"], {
      env: variables("payme"),
    });
    expect(result.code).toBe(0);
    const token = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(token)).toEqual(["accessToken", "tokenType", "expiresAt", "scope"]);
    expect(token).toMatchObject({
      tokenType: "Bearer",
      scope: "create:token post:charges get:charges delete:charges",
    });
    expect(new Date(token.expiresAt as string).toISOString()).toBe(token.expiresAt);
    expect(Date.parse(token.expiresAt as string)).toBeGreaterThan(Date.now());
    expect(await callEchoApi("payme", token.accessToken as string)).toBe(200);
  });

  it("--scope narrows Pay-me's scopes (create:token always comes first)", async () => {
    const result = await paytok(
      ["token", "payme", ...locationArguments("payme"), "--scope", "get:charges", "--json"],
      { env: variables("payme") },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scope: "create:token get:charges" });
  });

  it.each([
    ["two lines", "paytok-sandbox-client\npaytok-sandbox-secret\n"],
    ["JSON", '{"clientId":"paytok-sandbox-client","clientSecret":"paytok-sandbox-secret"}'],
  ])("--credentials-stdin reads %s from standard input", async (_format, input) => {
    const result = await paytok(
      ["token", "paysway", ...locationArguments("paysway"), "--credentials-stdin"],
      { input },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await callEchoApi("paysway", result.stdout.trim())).toBe(200);
  });
});

describe("paytok token failures", () => {
  it.each(providerNames)(
    "a wrong %s secret exits 1 with the typed error's code and no secret in the output",
    async (name) => {
      const result = await paytok(["token", name, ...locationArguments(name)], {
        env: variables(name, SECRET_LOOKING),
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(`^paytok token: PAYTOK_TOKEN_REQUEST_FAILED: @paytok/${name}: `),
      );
      expect(result.stderr).toContain("HTTP 4");
      expect(result.stdout + result.stderr).not.toContain(SECRET_LOOKING);
      expect(result.stdout + result.stderr).not.toContain(encodeURIComponent(SECRET_LOOKING));
    },
  );

  it.each([
    ["--client-secret", SECRET_LOOKING],
    [`--client-secret=${SECRET_LOOKING}`],
    ["--secret", SECRET_LOOKING],
    [`--clientSecret=${SECRET_LOOKING}`],
    [`--client-id=${SECRET_LOOKING}`],
    [`--client_secret=${SECRET_LOOKING}`],
  ])(
    "refuses a credential passed as an argument (%s) with exit code 2, not echoing it",
    async (...credentialArguments) => {
      const result = await paytok(
        ["token", "paysway", ...locationArguments("paysway"), ...credentialArguments],
        { env: variables("paysway") },
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("credentials never go on the command line");
      expect(result.stderr).toContain("PAYTOK_PAYSWAY_CLIENT_SECRET");
      expect(result.stderr).not.toContain(SECRET_LOOKING);
    },
  );

  it("does not echo a stray argument either (it could be a secret in the wrong place)", async () => {
    const result = await paytok(["token", "paysway", SECRET_LOOKING], {
      env: variables("paysway"),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(SECRET_LOOKING);
    const unknown = await paytok(["token", SECRET_LOOKING]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown provider");
    expect(unknown.stderr).not.toContain(SECRET_LOOKING);
  });

  it("names the missing variables and exits 2 without credentials", async () => {
    const result = await paytok(["token", "alternative-payments"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PAYTOK_ALTERNATIVE_PAYMENTS_CLIENT_ID");
    expect(result.stderr).toContain("PAYTOK_ALTERNATIVE_PAYMENTS_CLIENT_SECRET");
  });

  it.each([
    [["token"], "name a provider"],
    [
      ["token", "paysway", "--environment", "production", "--base-url", "http://127.0.0.1:1"],
      "not both",
    ],
    [["token", "paysway", "--environment", "staging"], "no such environment"],
    [["token", "paysway", "--scope", "read"], "takes no --scope"],
    [["token", "payme"], "needs --audience"],
    [["token", "paysway", "--bogus"], "unknown option (argument 2)"],
    [["token", "paysway", "--base-url", "http://payments.example/paysway"], "PAYTOK_INSECURE_URL"],
    [["frobnicate"], "unknown command"],
  ])("%j is a usage error (exit 2): %s", async (args, message) => {
    const result = await paytok(args, { env: { ...variables("paysway"), ...variables("payme") } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("--help");
  });
});

it("never repeats an unknown option: a secret typed as --<secret> is not printed back", async () => {
  const secret = "--sk_live_TYPED_BY_MISTAKE_9f8e7d";
  for (const args of [
    ["token", "paysway", secret],
    ["token", "paysway", `${secret}=value`],
    ["sandbox", secret],
  ]) {
    const result = await paytok(args, { env: variables("paysway") });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option");
    expect(`${result.stdout}${result.stderr}`).not.toContain("TYPED_BY_MISTAKE");
  }
});

describe("--help", () => {
  it.each([
    [["--help"], "Usage: paytok <command>"],
    [["help"], "Usage: paytok <command>"],
    [["sandbox", "--help"], "Usage: paytok sandbox"],
    [["help", "sandbox"], "Usage: paytok sandbox"],
    [["token", "--help"], "Usage: paytok token <provider>"],
    [["token", "-h"], "Usage: paytok token <provider>"],
    [["help", "token"], "Usage: paytok token <provider>"],
  ])("paytok %j prints the usage and exits 0", async (args, usage) => {
    const result = await paytok(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    expect(result.stderr).toBe("");
  });

  it("the token help names every provider's variables", async () => {
    const { stdout } = await paytok(["token", "--help"]);
    for (const name of providerNames) {
      expect(stdout).toContain(`PAYTOK_${name.toUpperCase().replaceAll("-", "_")}_CLIENT_ID`);
    }
  });

  it("paytok with no command prints the usage on exit code 2; --version prints the version", async () => {
    const bare = await paytok([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain("Usage: paytok <command>");
    const version = await paytok(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
