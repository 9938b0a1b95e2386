import { createPaylaterAuth } from "@paytok/paylater";
import { createPayswayAuth } from "@paytok/paysway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/sandbox.js";

describe("startSandbox (in-process, as examples and demos use it)", () => {
  let sandbox: RunningSandbox<"paysway" | "paylater">;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, providers: ["paysway", "paylater"] });
  });

  afterAll(() => sandbox.close());

  it("describes each provider: URLs below its prefix, credentials and the emulator's controls", () => {
    const { paysway } = sandbox.providers;
    expect(Object.keys(sandbox.providers)).toEqual(["paysway", "paylater"]);
    expect(paysway).toMatchObject({
      name: "paysway",
      baseUrl: `${sandbox.url}/paysway`,
      tokenUrl: `${sandbox.url}/paysway/oauth2/token`,
      apiUrl: `${sandbox.url}/paysway/paytok-sandbox/api`,
      credentials: { clientId: "paytok-sandbox-client", clientSecret: "paytok-sandbox-secret" },
    });
    expect(paysway.controls.tokenRequests).toEqual(expect.any(Array));
  });

  it("records the exact bytes a provider package sends, through real HTTP", async () => {
    const { paysway } = sandbox.providers;
    const before = paysway.controls.tokenRequests.length;
    const auth = createPayswayAuth({ baseUrl: paysway.baseUrl, ...paysway.credentials });
    const response = await auth.fetch(`${paysway.apiUrl}/orders?page=2`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: '{"amount":"12,50 €"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      method: "PUT",
      path: "/paysway/paytok-sandbox/api/orders",
      body: '{"amount":"12,50 €"}',
    });
    const [recorded] = paysway.controls.tokenRequests.slice(before);
    expect(recorded?.method).toBe("POST");
    expect(recorded?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(recorded?.body).get("grant_type")).toBe("client_credentials");
  });

  it("drops the connection for an injected network failure; the provider package retries", async () => {
    const { paylater } = sandbox.providers;
    paylater.controls.failNextTokenRequests({ kind: "network" });
    const events: string[] = [];
    const auth = createPaylaterAuth({
      baseUrl: paylater.baseUrl,
      ...paylater.credentials,
      retry: { retries: 1, baseDelayMs: 1 },
      onEvent: (event) => events.push(event.type),
    });
    const token = await auth.getToken();
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(events.filter((type) => type === "retry_scheduled")).toHaveLength(1);
  });

  it("passes injected statuses and headers through (503 with Retry-After)", async () => {
    const { paysway } = sandbox.providers;
    paysway.controls.failNextTokenRequests({
      kind: "status",
      status: 503,
      body: "down for maintenance",
      headers: { "Retry-After": "120" },
    });
    const response = await fetch(paysway.tokenUrl, { method: "POST" });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("120");
    expect(await response.text()).toBe("down for maintenance");
  });

  it("answers HEAD without a body and unknown paths with 404 JSON", async () => {
    const head = await fetch(`${sandbox.url}/paysway/paytok-sandbox/api/x`, { method: "HEAD" });
    expect(head.status).toBe(401);
    expect(await head.text()).toBe("");
    const missing = await fetch(`${sandbox.url}/payme/token`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
  });
});

describe("startSandbox options", () => {
  it.each([
    [{ port: -1 }, /port/],
    [{ port: 1.5 }, /port/],
    [{ tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds/],
    [{ providers: [] }, /at least one/],
    [{ providers: ["stripe"] }, /unknown provider/],
  ])("refuses %j", async (options, message) => {
    await expect(startSandbox(options as never)).rejects.toThrow(message);
  });

  it("uses the given credentials and lifetime, and close() frees the port", async () => {
    const sandbox = await startSandbox({
      providers: ["paysway"],
      tokenLifetimeSeconds: 42,
      clientId: "my-id",
      clientSecret: "my-secret",
    });
    const { paysway } = sandbox.providers;
    expect(paysway.credentials).toEqual({ clientId: "my-id", clientSecret: "my-secret" });
    const token = await createPayswayAuth({
      baseUrl: paysway.baseUrl,
      clientId: "my-id",
      clientSecret: "my-secret",
    }).getToken();
    expect(Math.round((token.expiresAt - Date.now()) / 1000)).toBeLessThanOrEqual(42);
    await Promise.all([sandbox.close(), sandbox.close()]);
    await expect(fetch(paysway.tokenUrl, { method: "POST" })).rejects.toThrow();
  });
});
