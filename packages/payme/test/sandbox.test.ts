// The emulator behind `@paytok/payme/testing`, checked with plain fetch.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth, PaytokError, paymeEnvironments, paymeTokenPath } from "../src/index.js";
import {
  paymeHandlers,
  paymeSandboxStatusCodes,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
} from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);
const tokenUrl = `${paymeEnvironments.preprod}${paymeTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const validBody = {
  action: "authorize",
  grant_type: "client_credentials",
  audience: "https://api.preprod.alignet.io",
  client_id: SANDBOX_CLIENT_ID,
  client_secret: SANDBOX_CLIENT_SECRET,
  scope: "create:token post:charges get:charges delete:charges",
};
const validHeaders = { "Content-Type": "application/json", "ALG-API-VERSION": "1709847567" };

async function post(body: unknown, headers: Record<string, string> = validHeaders) {
  const response = await fetch(tokenUrl, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function refusal(code: string, message: string) {
  return {
    action: "authorize",
    success: false,
    authorization: {
      meta: { status: { code, message_ilgn: [{ locale: "es_PE", value: message }] } },
    },
  };
}

describe("paymeHandlers()", () => {
  it("answers in the documented shape", async () => {
    const { status, body } = await post(validBody);
    expect(status).toBe(200);
    expect(body).toEqual({
      action: "authorize",
      success: true,
      access_token: handlers.issued[0]?.accessToken,
      scope: validBody.scope,
      expires_in: 8600,
      token_type: "Bearer",
      authorization: {
        meta: {
          status: { code: "00", message_ilgn: [{ locale: "es_PE", value: "Access Token creado" }] },
        },
      },
    });
    expect(Object.keys(body)).toEqual([
      "action",
      "success",
      "access_token",
      "scope",
      "expires_in",
      "token_type",
      "authorization",
    ]);
  });

  it("requires ALG-API-VERSION: 1709847567 (400)", async () => {
    for (const headers of [
      { "Content-Type": "application/json" },
      { "Content-Type": "application/json", "ALG-API-VERSION": "1709847568" },
    ]) {
      const { status, body } = await post(validBody, headers);
      expect(status).toBe(400);
      expect(body).toEqual(
        refusal(
          paymeSandboxStatusCodes.invalidRequest,
          "Header ALG-API-VERSION inválido: debe ser 1709847567",
        ),
      );
    }
    expect(handlers.issued).toHaveLength(0);
  });

  it("requires a JSON body (400)", async () => {
    const form = await post(new URLSearchParams(validBody).toString(), {
      "Content-Type": "application/x-www-form-urlencoded",
      "ALG-API-VERSION": "1709847567",
    });
    expect(form.status).toBe(400);
    expect(form.body.success).toBe(false);
    const broken = await post("{not json", validHeaders);
    expect(broken.status).toBe(400);
    const array = await post([validBody], validHeaders);
    expect(array.status).toBe(400);
  });

  it.each(["action", "grant_type", "audience", "client_id", "client_secret", "scope"])(
    "requires %s (400)",
    async (field) => {
      const { [field as keyof typeof validBody]: _dropped, ...rest } = validBody;
      const { status, body } = await post(rest);
      expect(status).toBe(400);
      expect(body).toEqual(refusal("03", `Campo obligatorio: ${field}`));
    },
  );

  it("requires action authorize and grant_type client_credentials (400)", async () => {
    const action = await post({ ...validBody, action: "capture" });
    expect(action.status).toBe(400);
    expect(action.body).toEqual(refusal("03", "action debe ser authorize"));
    const grant = await post({ ...validBody, grant_type: "password" });
    expect(grant.status).toBe(400);
    expect(grant.body).toEqual(refusal("03", "grant_type debe ser client_credentials"));
  });

  it("refuses wrong credentials with 401 in the response shape", async () => {
    for (const credentials of [{ client_secret: "wrong-secret" }, { client_id: "someone-else" }]) {
      const { status, body } = await post({ ...validBody, ...credentials });
      expect(status).toBe(401);
      expect(body).toEqual(
        refusal(paymeSandboxStatusCodes.invalidCredentials, "Credenciales inválidas"),
      );
    }
  });

  it("refuses unknown scopes and a scope without create:token with 200 success: false", async () => {
    const unknown = await post({ ...validBody, scope: "create:token post:refunds" });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(refusal("02", "Scope no permitido: post:refunds"));
    const missing = await post({ ...validBody, scope: "post:charges" });
    expect(missing.status).toBe(200);
    expect(missing.body).toEqual(refusal("02", "El scope create:token es obligatorio"));
    expect(handlers.issued).toHaveLength(0);
  });

  it("getToken() with wrong credentials fails with 401 and the status details", async () => {
    const auth = createPaymeAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: "wrong-secret",
      audience: "https://api.preprod.alignet.io",
    });
    const error = await auth.getToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaytokError);
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 401,
      retryable: false,
      providerDetails: { statusCode: "01", messages: ["Credenciales inválidas"] },
    });
    expect(handlers.tokenRequests).toHaveLength(1);
  });
});
