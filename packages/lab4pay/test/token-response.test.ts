// The documented 200 response (and its variations) becomes the normalized token.

import { isPaytokError } from "@paytok/core";
import { HttpResponse, http, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentSamples } from "../../../scripts/test/document-samples.js";
import { createLab4payAuth } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

const TOKEN_URL = "https://api-payment.lab4pay.com/v1/auth/token/";
const NOW = 1_750_000_000_000;

const handlers = lab4payHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function answer(body: JsonBodyType, status = 200) {
  server.use(http.post(TOKEN_URL, () => HttpResponse.json(body, { status })));
}

function auth() {
  return createLab4payAuth({
    clientId: "client-id",
    clientSecret: "client-secret-value",
    clock: { now: () => NOW },
    retry: false,
  });
}

const samples = documentSamples.filter(
  (sample) =>
    sample.provider === "lab4pay" &&
    sample.target.kind === "response" &&
    sample.target.status === "200",
);

describe("documented 200 response", () => {
  it("has a sample to check", () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  for (const sample of samples) {
    it(`parses "${sample.name}" verbatim`, async () => {
      answer(sample.value);
      const token = await auth().getToken();
      expect(token.accessToken).toBe("example-access-token");
      expect(token.tokenType).toBe("Bearer");
      // expires_in "3600" (a string) counts from the moment the request was sent.
      expect(token.expiresAt).toBe(NOW + 3_600_000);
      expect(token.scope).toBe("default");
      expect(token.refreshToken).toBeUndefined();
    });
  }
});

describe("response variations", () => {
  it("reads a fractional string lifetime and a numeric one", async () => {
    answer({ access_token: "a", expires_in: "90.5", token_type: "Bearer", scope: "default" });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 90_500);
    answer({ access_token: "b", expires_in: 120, token_type: "Bearer", scope: "default" });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 120_000);
  });

  it("takes a missing scope as the documented default", async () => {
    answer({ access_token: "a", expires_in: "60", token_type: "Bearer" });
    expect((await auth().getToken()).scope).toBe("default");
  });

  it("keeps another scope", async () => {
    answer({ access_token: "a", expires_in: "60", token_type: "Bearer", scope: "terminals" });
    expect((await auth().getToken()).scope).toBe("terminals");
  });

  it("assumes 3600 s when expires_in is absent and Bearer when token_type is", async () => {
    answer({ access_token: "a", scope: "default" });
    const token = await auth().getToken();
    expect(token.expiresAt).toBe(NOW + 3_600_000);
    expect(token.tokenType).toBe("Bearer");
  });

  it("normalizes a lowercase bearer", async () => {
    answer({ access_token: "a", expires_in: "60", token_type: "bearer", scope: "default" });
    expect((await auth().getToken()).tokenType).toBe("Bearer");
  });

  for (const expiresIn of ["soon", "", "-5", "0", "1e3", true]) {
    it(`rejects expires_in ${JSON.stringify(expiresIn)} with PAYTOK_INVALID_TOKEN_RESPONSE`, async () => {
      answer({ access_token: "a", expires_in: expiresIn, token_type: "Bearer", scope: "default" });
      const error = await auth()
        .getToken()
        .catch((caught: unknown) => caught);
      expect(isPaytokError(error, "PAYTOK_INVALID_TOKEN_RESPONSE")).toBe(true);
    });
  }

  it("rejects a body without access_token", async () => {
    answer({ expires_in: "3600", token_type: "Bearer", scope: "default" });
    await expect(auth().getToken()).rejects.toMatchObject({
      code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    });
  });

  it("rejects a token type other than Bearer", async () => {
    answer({ access_token: "a", expires_in: "60", token_type: "MAC", scope: "default" });
    await expect(auth().getToken()).rejects.toMatchObject({
      code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    });
  });

  it("rejects a 200 that is not JSON as retryable", async () => {
    server.use(http.post(TOKEN_URL, () => HttpResponse.text("<html>maintenance</html>")));
    await expect(auth().getToken()).rejects.toMatchObject({
      code: "PAYTOK_INVALID_TOKEN_RESPONSE",
      retryable: true,
    });
  });
});
