// Pay-me mints its token for an `audience` (the API's base URL): middleware and fetch attach it
// for that host (and the token endpoint's) only, unless allowedHosts says otherwise.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth, isPaytokError } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const AUDIENCE = "https://api.preprod.alignet.io";
const handlers = paymeHandlers();
const apiCalls: string[] = [];
const server = setupServer(
  ...handlers,
  http.all("https://*/v1/*", ({ request }) => {
    apiCalls.push(new URL(request.url).host);
    return HttpResponse.json({ ok: true });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  handlers.reset();
  apiCalls.length = 0;
});
afterAll(() => server.close());

const credentials = { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isPaytokError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("Pay-me's default allowedHosts: the audience's host and the token endpoint's", () => {
  it("attaches the token for the audience's host", async () => {
    const auth = createPaymeAuth({ ...credentials, audience: AUDIENCE });
    const response = await auth.fetch(`${AUDIENCE}/v1/charges`);
    expect(response.status).toBe(200);
    expect(apiCalls).toEqual(["api.preprod.alignet.io"]);
  });

  it("refuses any other host before anything is sent, through fetch and the middleware", async () => {
    const auth = createPaymeAuth({ ...credentials, audience: AUDIENCE });
    const error = await refusal(auth.fetch("https://api.alignet.io/v1/charges"));
    expect(error.code).toBe("PAYTOK_HOST_NOT_ALLOWED");
    expect(handlers.tokenRequests).toHaveLength(0);
    const client = createClient<Record<string, never>>({ baseUrl: "https://evil.example" });
    client.use(auth.middleware);
    const viaMiddleware = await refusal(client.GET("/v1/charges" as never));
    expect(viaMiddleware.code).toBe("PAYTOK_HOST_NOT_ALLOWED");
    expect(apiCalls).toEqual([]);
  });

  it("the token endpoint's host may see the token (the sandbox's echo API lives there)", async () => {
    const auth = createPaymeAuth({ ...credentials, audience: AUDIENCE });
    const response = await auth.fetch(`${handlers.apiUrl}/charges`, {
      headers: { "ALG-API-VERSION": "1709847567" },
    });
    expect(response.status).toBe(200);
  });

  it("allowedHosts replaces the default", async () => {
    const auth = createPaymeAuth({
      ...credentials,
      audience: AUDIENCE,
      allowedHosts: ["*.alignet.io"],
    });
    expect((await auth.fetch("https://api.alignet.io/v1/charges")).status).toBe(200);
    const error = await refusal(auth.fetch("https://alignet.io.evil.example/v1/x"));
    expect(error.code).toBe("PAYTOK_HOST_NOT_ALLOWED");
  });

  it("an audience that names no host (the document's placeholder) pins nothing", async () => {
    const auth = createPaymeAuth({ ...credentials, audience: "{{base_url_del_ambiente}}" });
    expect((await auth.fetch("https://api.alignet.io/v1/charges")).status).toBe(200);
  });
});
