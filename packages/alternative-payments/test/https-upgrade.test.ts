// The documented server is plain HTTP. Our decision: `environment` resolves to the same host over
// https; the documented plain-HTTP URL is used only when passed explicitly as `baseUrl` together
// with `allowInsecureHttp: true`.
import { isPaytokError } from "@paytok/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  alternativePaymentsEnvironments,
  alternativePaymentsHttpsEnvironments,
  createAlternativePaymentsAuth,
  createAlternativePaymentsClient,
} from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

const DOCUMENTED = "http://public-api.alternativepayments.io";
const UPGRADED = "https://public-api.alternativepayments.io";

const secure = alternativePaymentsHandlers();
const plain = alternativePaymentsHandlers({ baseUrl: DOCUMENTED });
const server = setupServer(...secure, ...plain);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  secure.reset();
  plain.reset();
});
afterAll(() => server.close());

const credentials = {
  clientId: secure.credentials.clientId,
  clientSecret: secure.credentials.clientSecret,
};

function creationError(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  throw new Error("expected creation to throw");
}

describe("environment → https", () => {
  it("keeps the documented server in the generated constants and upgrades it for use", () => {
    expect(alternativePaymentsEnvironments.production).toBe(DOCUMENTED);
    expect(alternativePaymentsHttpsEnvironments).toEqual({ production: UPGRADED });
    expect(Object.isFrozen(alternativePaymentsHttpsEnvironments)).toBe(true);
  });

  for (const [name, options] of [
    ["by default", {}],
    ["with environment: production", { environment: "production" as const }],
  ] as const) {
    it(`getToken() goes to https ${name}`, async () => {
      const auth = createAlternativePaymentsAuth({ ...credentials, ...options, retry: false });
      await auth.getToken();
      expect(secure.tokenRequests.map((request) => request.url)).toEqual([
        `${UPGRADED}/oauth/token`,
      ]);
      expect(plain.tokenRequests).toHaveLength(0);
    });
  }

  it("the raw client goes to https too", async () => {
    const client = createAlternativePaymentsClient();
    await client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    expect(secure.tokenRequests[0]?.url).toBe(`${UPGRADED}/oauth/token`);
  });
});

describe("the documented plain-HTTP URL", () => {
  it("is refused at creation without the opt-in: PAYTOK_INSECURE_URL", () => {
    const error = creationError(() =>
      createAlternativePaymentsAuth({ ...credentials, baseUrl: DOCUMENTED }),
    );
    expect(isPaytokError(error, "PAYTOK_INSECURE_URL")).toBe(true);
    expect((error as Error).message).toContain("public-api.alternativepayments.io");
    expect(
      isPaytokError(
        creationError(() => createAlternativePaymentsClient({ baseUrl: DOCUMENTED })),
        "PAYTOK_INSECURE_URL",
      ),
    ).toBe(true);
    expect(
      isPaytokError(
        creationError(() =>
          createAlternativePaymentsAuth({
            ...credentials,
            baseUrl: DOCUMENTED,
            allowInsecureHttp: false,
          }),
        ),
        "PAYTOK_INSECURE_URL",
      ),
    ).toBe(true);
  });

  it("is used as given with baseUrl and allowInsecureHttp: true", async () => {
    const auth = createAlternativePaymentsAuth({
      ...credentials,
      baseUrl: DOCUMENTED,
      allowInsecureHttp: true,
      retry: false,
    });
    const token = await auth.getToken();
    expect(token.accessToken).toBe(plain.issued[0]?.accessToken);
    expect(plain.tokenRequests[0]?.url).toBe(`${DOCUMENTED}/oauth/token`);
    expect(plain.tokenRequests[0]?.headers.authorization).toMatch(/^Basic /);
    expect(secure.tokenRequests).toHaveLength(0);

    // The same opt-in lets the token go to plain-HTTP API URLs.
    const response = await auth.fetch(`${plain.apiUrl}/payments`);
    expect(response.status).toBe(200);
  });

  it("is what the environment resolves to once the user opts in with allowInsecureHttp: true", async () => {
    const auth = createAlternativePaymentsAuth({
      ...credentials,
      allowInsecureHttp: true,
      retry: false,
    });
    await auth.getToken();
    expect(plain.tokenRequests.map((request) => request.url)).toEqual([
      `${DOCUMENTED}/oauth/token`,
    ]);
    expect(secure.tokenRequests).toHaveLength(0);
    const client = createAlternativePaymentsClient({ allowInsecureHttp: true });
    await client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    expect(plain.tokenRequests[1]?.url).toBe(`${DOCUMENTED}/oauth/token`);
  });

  it("the raw client reaches it with allowInsecureHttp: true", async () => {
    const client = createAlternativePaymentsClient({
      baseUrl: DOCUMENTED,
      allowInsecureHttp: true,
    });
    await client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    expect(plain.tokenRequests[0]?.url).toBe(`${DOCUMENTED}/oauth/token`);
  });

  it("the https auth refuses to send its token to a plain-HTTP API URL", async () => {
    const auth = createAlternativePaymentsAuth({ ...credentials, retry: false });
    await expect(auth.fetch(`${plain.apiUrl}/payments`)).rejects.toMatchObject({
      code: "PAYTOK_INSECURE_URL",
    });
  });
});
