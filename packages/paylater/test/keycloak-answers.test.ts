// Keycloak's answers beyond the document's samples (those are in the conformance suite): an
// expired refresh token's invalid_grant, and a refresh_expires_in of 0.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentSamples } from "../../../scripts/test/document-samples.js";
import {
  createPaylaterAuth,
  PaytokError,
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

const samples = documentSamples.filter((sample) => sample.provider === "paylater");
function sample(name: string): Record<string, unknown> {
  const found = samples.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no document sample named ${name}`);
  return found.value;
}

function answerWith(body: unknown, status: number) {
  server.use(
    http.post(
      tokenUrl,
      () =>
        new HttpResponse(JSON.stringify(body), {
          status,
          headers: { "Content-Type": "application/json" },
        }),
    ),
  );
}

async function failure(): Promise<PaytokError> {
  const auth = createPaylaterAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    retry: false,
  });
  const error = await auth.getToken().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PaytokError);
  return error as PaytokError;
}

describe("PayLater document samples", () => {
  it("a 400 invalid_grant (Keycloak) becomes a non-retryable PaytokError", async () => {
    answerWith({ error: "invalid_grant", error_description: "Token is not active" }, 400);
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 400,
      oauthError: "invalid_grant",
      oauthErrorDescription: "Token is not active",
      retryable: false,
    });
  });

  it("a Keycloak refresh_expires_in of 0 means a refresh token without its own limit", async () => {
    answerWith({ ...sample("paylater 200 response"), refresh_expires_in: 0 }, 200);
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    const token = await auth.getToken();
    expect(token.refreshToken).toBe("ey**********kQ");
    expect(token.refreshExpiresAt).toBeUndefined();
  });
});
