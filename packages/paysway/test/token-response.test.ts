// The documented 200 response (and its variations) becomes the normalized token.
import { isPaytokError } from "@paytok/core";
import { HttpResponse, http, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentSamples } from "../../../scripts/test/document-samples.js";
import { createPayswayAuth } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

const TOKEN_URL = "https://api.paysway.dev/oauth2/token";
const NOW = 1_750_000_000_000;

const handlers = payswayHandlers();
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
  return createPayswayAuth({
    clientId: "client-id",
    clientSecret: "client-secret-value",
    clock: { now: () => NOW },
    retry: false,
  });
}

const samples = documentSamples.filter(
  (sample) =>
    sample.provider === "paysway" &&
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
      expect(token.accessToken).toBe("ACCESS_TOKEN");
      expect(token.tokenType).toBe("Bearer");
      expect(token.expiresAt).toBe(NOW + 3_600_000);
      expect(token.scope).toBeUndefined();
      expect(token.refreshToken).toBeUndefined();
    });
  }
});

describe("response variations", () => {
  it("assumes the documented 3600 s when expires_in is absent", async () => {
    answer({ access_token: "a", token_type: "Bearer" });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 3_600_000);
  });

  it("honours a shorter expires_in", async () => {
    answer({ access_token: "a", token_type: "Bearer", expires_in: 300 });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 300_000);
  });

  it("normalizes a lowercase bearer", async () => {
    answer({ access_token: "a", token_type: "bearer", expires_in: 3600 });
    expect((await auth().getToken()).tokenType).toBe("Bearer");
  });

  for (const expiresIn of ["soon", -1, 0, true]) {
    it(`rejects expires_in ${JSON.stringify(expiresIn)} with PAYTOK_INVALID_TOKEN_RESPONSE`, async () => {
      answer({ access_token: "a", token_type: "Bearer", expires_in: expiresIn });
      const error = await auth()
        .getToken()
        .catch((caught: unknown) => caught);
      expect(isPaytokError(error, "PAYTOK_INVALID_TOKEN_RESPONSE")).toBe(true);
    });
  }

  it("rejects a body without access_token", async () => {
    answer({ token_type: "Bearer", expires_in: 3600 });
    await expect(auth().getToken()).rejects.toMatchObject({
      code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    });
  });

  it("rejects a token type other than Bearer", async () => {
    answer({ access_token: "a", token_type: "DPoP", expires_in: 3600 });
    await expect(auth().getToken()).rejects.toMatchObject({
      code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    });
  });
});
