import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PrintedProvider,
  type SandboxProcess,
  startSandboxProcess,
} from "./paytok-process.js";

const PAYME_VERSION_HEADER = { "ALG-API-VERSION": "1709847567" };

/** Each provider's documented token request, built by hand here (not by the SDK). */
function documentedTokenRequest(provider: PrintedProvider): RequestInit {
  const { clientId, clientSecret } = provider;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  switch (provider.name) {
    case "lab4pay":
      return {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret,
        }),
      };
    case "paylater":
    case "paysway":
      return {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: form({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: clientSecret,
        }),
      };
    case "alternative-payments":
      return {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
        },
        body: form({ grant_type: "client_credentials" }),
      };
    case "payme":
      return {
        method: "POST",
        headers: { "Content-Type": "application/json", ...PAYME_VERSION_HEADER },
        body: JSON.stringify({
          action: "authorize",
          grant_type: "client_credentials",
          audience: "https://api.preprod.alignet.io",
          client_id: clientId,
          client_secret: clientSecret,
          scope: "create:token post:charges get:charges delete:charges",
        }),
      };
    default:
      throw new Error(`no documented request for ${provider.name}`);
  }
}

/** What each provider's document says the success body looks like, quirks included. */
const documentedShape: Record<string, (body: Record<string, unknown>) => void> = {
  lab4pay(body) {
    expect(body).toMatchObject({ token_type: "Bearer", scope: "default" });
    expect(body.expires_in).toMatch(/^\d+$/); // a string of seconds, as documented
  },
  paylater(body) {
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: expect.any(Number) });
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.refresh_expires_in).toEqual(expect.any(Number));
  },
  paysway(body) {
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3600,
    });
  },
  "alternative-payments"(body) {
    expect(body).toMatchObject({ token_type: "bearer", expires_in: expect.any(Number) });
  },
  payme(body) {
    expect(body).toMatchObject({
      action: "authorize",
      success: true,
      token_type: "Bearer",
      expires_in: expect.any(Number),
      authorization: { meta: { status: { code: "00" } } },
    });
  },
};

describe("paytok sandbox --port 0", () => {
  let sandbox: SandboxProcess;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(["--port", "0"]);
  });

  afterAll(async () => {
    if (sandbox.child.exitCode === null) sandbox.child.kill("SIGTERM");
    await sandbox.finished;
  });

  it("listens on a free loopback port and lists every provider of specs/ below its own prefix", () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The generated registry, in id order: one per spec.
    expect([...sandbox.providers.keys()]).toEqual([
      "alternative-payments",
      "lab4pay",
      "paylater",
      "payme",
      "paysway",
    ]);
    for (const provider of sandbox.providers.values()) {
      expect(provider.baseUrl).toBe(`${sandbox.url}/${provider.name}`);
      expect(provider.tokenUrl.startsWith(provider.baseUrl)).toBe(true);
      expect(provider.apiUrl.startsWith(provider.baseUrl)).toBe(true);
      expect(provider).toMatchObject({
        clientId: "paytok-sandbox-client",
        clientSecret: "paytok-sandbox-secret",
      });
    }
    expect(sandbox.providers.get("paysway")?.tokenUrl).toBe(`${sandbox.url}/paysway/oauth2/token`);
    expect(sandbox.providers.get("lab4pay")?.tokenUrl).toBe(
      `${sandbox.url}/lab4pay/v1/auth/token/`,
    );
  });

  it.each(["lab4pay", "paylater", "paysway", "alternative-payments", "payme"])(
    "answers %s's documented token request on the wire, and its echo API takes the token",
    async (name) => {
      const provider = sandbox.providers.get(name) as PrintedProvider;
      const response = await fetch(provider.tokenUrl, documentedTokenRequest(provider));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.access_token).toEqual(expect.any(String));
      documentedShape[name]?.(body);

      const extra = name === "payme" ? PAYME_VERSION_HEADER : {};
      const accepted = await fetch(`${provider.apiUrl}/orders/42`, {
        headers: { Authorization: `Bearer ${body.access_token as string}`, ...extra },
      });
      expect(accepted.status).toBe(200);
      expect(await accepted.json()).toMatchObject({ ok: true, method: "GET" });

      const refused = await fetch(`${provider.apiUrl}/orders/42`, {
        headers: { Authorization: "Bearer not-a-token", ...extra },
      });
      expect(refused.status).toBe(401);
    },
  );

  it("refuses a wrong secret as each provider documents it", async () => {
    const statuses: Record<string, number> = {};
    for (const provider of sandbox.providers.values()) {
      const init = documentedTokenRequest({ ...provider, clientSecret: "wrong-secret" });
      statuses[provider.name] = (await fetch(provider.tokenUrl, init)).status;
    }
    expect(statuses).toEqual({
      lab4pay: 400,
      paylater: 401,
      paysway: 401,
      "alternative-payments": 403,
      payme: 401,
    });
  });

  it("answers anything else with a 404 JSON body naming the providers", async () => {
    const response = await fetch(`${sandbox.url}/nowhere`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: string; providers: Record<string, string> };
    expect(body.error).toBe("not_found");
    expect(body.providers.paysway).toBe(`${sandbox.url}/paysway`);
  });
});

describe("paytok sandbox options", () => {
  it("serves only the named providers, with the given token lifetime", async () => {
    const sandbox = await startSandboxProcess([
      "--port=0",
      "--provider",
      "paysway,payme",
      "--token-lifetime",
      "7",
    ]);
    try {
      expect([...sandbox.providers.keys()]).toEqual(["paysway", "payme"]);
      const paysway = sandbox.providers.get("paysway") as PrintedProvider;
      const body = (await (
        await fetch(paysway.tokenUrl, documentedTokenRequest(paysway))
      ).json()) as {
        expires_in: number;
      };
      expect(body.expires_in).toBe(7);
      expect(
        (await fetch(`${sandbox.url}/lab4pay/v1/auth/token/`, { method: "POST" })).status,
      ).toBe(404);
    } finally {
      sandbox.child.kill("SIGTERM");
      expect((await sandbox.finished).code).toBe(0);
    }
  });

  it("stops cleanly on Ctrl-C (SIGINT) with exit code 0", async () => {
    const sandbox = await startSandboxProcess(["--port", "0", "--provider", "paysway"]);
    // Keep a connection open: stopping must not wait for idle keep-alive sockets.
    await fetch(`${sandbox.url}/paysway/nowhere`);
    sandbox.child.kill("SIGINT");
    const finished = await sandbox.finished;
    expect(finished.signal).toBeNull();
    expect(finished.code).toBe(0);
    expect(finished.stderr).toContain("stopped (SIGINT)");
    await expect(fetch(`${sandbox.url}/paysway/nowhere`)).rejects.toThrow();
  });
});
