// The refresh_token grant on the wire (the documented sample covers client_credentials: see the
// conformance suite): Keycloak's fields, in its order, with the client credentials.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPaylaterAuth,
  createPaylaterClient,
  paylaterEnvironments,
  paylaterTokenPath,
} from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paylaterHandlers();
const server = setupServer(...handlers);
const tokenUrl = `${paylaterEnvironments.sandbox}${paylaterTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const credentials = { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };

describe("getToken() on the wire", () => {
  it("sends the refresh_token grant with the client credentials", async () => {
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    const first = await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    expect(handlers.tokenRequests).toHaveLength(2);
    const request = handlers.tokenRequests[1];
    expect(request?.url).toBe(tokenUrl);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.body).toBe(
      `grant_type=refresh_token&refresh_token=${first.refreshToken}&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret`,
    );
  });
});

describe("createPaylaterClient() on the wire", () => {
  it("sends the refresh_token body and reads the typed error", async () => {
    const client = createPaylaterClient({ headers: { "X-Request-Id": "abc" } });
    const { data, error, response } = await client.POST(paylaterTokenPath, {
      body: {
        grant_type: "refresh_token",
        refresh_token: "not-a-known-token",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: "invalid_grant", error_description: "Invalid refresh token" });
    const request = handlers.tokenRequests[0];
    expect(request?.headers["x-request-id"]).toBe("abc");
    expect(request?.body).toBe(
      "grant_type=refresh_token&refresh_token=not-a-known-token&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
    );
  });
});

describe("a refresh answer without refresh_token", () => {
  it("keeps using the refresh token in hand while it lives, instead of client_credentials", async () => {
    const grants: string[] = [];
    const sent: (string | null)[] = [];
    let serial = 0;
    // A Keycloak realm that does not rotate refresh tokens and leaves the field out.
    server.use(
      http.post(tokenUrl, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        grants.push(String(form.get("grant_type")));
        sent.push(form.get("refresh_token"));
        serial += 1;
        return HttpResponse.json({
          access_token: `at-${serial}`,
          expires_in: 300,
          token_type: "Bearer",
          ...(serial === 1 ? { refresh_token: "rt-kept", refresh_expires_in: 1800 } : {}),
        });
      }),
    );
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    const third = await auth.getToken({ forceRefresh: true });
    expect(grants).toEqual(["client_credentials", "refresh_token", "refresh_token"]);
    expect(sent).toEqual([null, "rt-kept", "rt-kept"]);
    expect(third.accessToken).toBe("at-3");
  });
});
