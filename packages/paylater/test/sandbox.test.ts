// The emulator behind `@paytok/paylater/testing`: Keycloak's answers, checked with plain fetch.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { paylaterEnvironments, paylaterTokenPath } from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const START = Date.parse("2030-01-01T00:00:00Z");
let now = START;
const handlers = paylaterHandlers({ now: () => now });
const server = setupServer(...handlers);
const tokenUrl = `${paylaterEnvironments.sandbox}${paylaterTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  now = START;
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const FORM = "application/x-www-form-urlencoded";

async function post(body: string, contentType: string = FORM) {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const clientCredentials = form({
  grant_type: "client_credentials",
  client_id: SANDBOX_CLIENT_ID,
  client_secret: SANDBOX_CLIENT_SECRET,
});

function refresh(refreshToken: string): string {
  return form({
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: SANDBOX_CLIENT_ID,
    client_secret: SANDBOX_CLIENT_SECRET,
  });
}

describe("paylaterHandlers()", () => {
  it("answers client_credentials in the documented shape", async () => {
    const { status, headers, body } = await post(clientCredentials);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(body)).toEqual([
      "access_token",
      "expires_in",
      "refresh_expires_in",
      "refresh_token",
      "token_type",
      "not-before-policy",
      "session_state",
      "scope",
    ]);
    expect(body).toMatchObject({
      access_token: handlers.issued[0]?.accessToken,
      expires_in: 300,
      refresh_expires_in: 1800,
      refresh_token: handlers.issued[0]?.refreshToken,
      token_type: "Bearer",
      "not-before-policy": 0,
      scope: "profile email",
    });
    expect(body.session_state).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts a charset parameter on the form media type, as Keycloak does", async () => {
    const { status } = await post(clientCredentials, `${FORM}; charset=UTF-8`);
    expect(status).toBe(200);
  });

  it("refuses a JSON body with 415", async () => {
    const { status, body } = await post(
      JSON.stringify({ grant_type: "client_credentials" }),
      "application/json",
    );
    expect(status).toBe(415);
    expect(body.error).toBe("invalid_request");
  });

  it("refuses wrong credentials with 401 invalid_client", async () => {
    for (const fields of [
      { client_id: SANDBOX_CLIENT_ID, client_secret: "wrong-secret" },
      { client_id: "someone-else", client_secret: SANDBOX_CLIENT_SECRET },
      { client_id: SANDBOX_CLIENT_ID },
      {},
    ]) {
      const { status, body } = await post(form({ grant_type: "client_credentials", ...fields }));
      expect(status).toBe(401);
      expect(body).toEqual({
        error: "invalid_client",
        error_description: "Invalid client or Invalid client credentials",
      });
    }
  });

  it("refuses an unknown grant with 400 unsupported_grant_type", async () => {
    const { status, body } = await post(
      form({
        grant_type: "password",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      }),
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      error: "unsupported_grant_type",
      error_description: "Unsupported grant_type",
    });
  });

  it("refuses a missing grant_type and duplicated parameters with 400 invalid_request", async () => {
    const missing = await post(
      form({ client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: "invalid_request",
      error_description: "Missing form parameter: grant_type",
    });
    const duplicated = await post(`${clientCredentials}&grant_type=client_credentials`);
    expect(duplicated.status).toBe(400);
    expect(duplicated.body.error).toBe("invalid_request");
  });

  it("refreshes, rotating the refresh token and keeping the session", async () => {
    const first = await post(clientCredentials);
    const second = await post(refresh(first.body.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(second.body.session_state).toBe(first.body.session_state);
    expect(handlers.issued.map((token) => token.grant)).toEqual([
      "client_credentials",
      "refresh_token",
    ]);
    const reused = await post(refresh(first.body.refresh_token));
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      error: "invalid_grant",
      error_description: "Invalid refresh token",
    });
  });

  it("refuses unknown, revoked and expired refresh tokens with 400 invalid_grant", async () => {
    const unknown = await post(refresh("not-a-refresh-token"));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      error: "invalid_grant",
      error_description: "Invalid refresh token",
    });

    const revoked = await post(clientCredentials);
    handlers.revokeRefreshTokens();
    const afterRevoke = await post(refresh(revoked.body.refresh_token));
    expect(afterRevoke.status).toBe(400);
    expect(afterRevoke.body.error).toBe("invalid_grant");

    const expiring = await post(clientCredentials);
    now = START + 1_800_000;
    const expired = await post(refresh(expiring.body.refresh_token));
    expect(expired.status).toBe(400);
    expect(expired.body).toEqual({
      error: "invalid_grant",
      error_description: "Token is not active",
    });

    const missing = await post(
      form({
        grant_type: "refresh_token",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe("invalid_request");
  });

  it("issues tokens with the lifetimes it is given", async () => {
    server.use(
      ...paylaterHandlers({
        now: () => now,
        tokenLifetimeSeconds: 60,
        refreshTokenLifetimeSeconds: 0,
      }),
    );
    const { body } = await post(clientCredentials);
    expect(body.expires_in).toBe(60);
    expect(body.refresh_expires_in).toBe(0);
  });
});
