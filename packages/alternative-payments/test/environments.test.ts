// The documented server is plain HTTP. Our decision (in the spec): the default `production`
// environment is the same host over https; the documented plain-HTTP URL is the environment
// `production-http`, chosen only by that name, and like any plain-HTTP URL to a remote host it also
// needs `allowInsecureHttp: true`. The allow flag never changes the target.
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
  it("has the https host as production (the default) and the documented URL as production-http", () => {
    expect(alternativePaymentsEnvironments).toEqual({
      production: UPGRADED,
      "production-http": DOCUMENTED,
    });
    expect(alternativePaymentsHttpsEnvironments).toEqual({ production: UPGRADED });
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

  it("is chosen by its own environment name, with allowInsecureHttp: true", async () => {
    const auth = createAlternativePaymentsAuth({
      ...credentials,
      environment: "production-http",
      allowInsecureHttp: true,
      retry: false,
    });
    await auth.getToken();
    expect(plain.tokenRequests.map((request) => request.url)).toEqual([
      `${DOCUMENTED}/oauth/token`,
    ]);
    expect(secure.tokenRequests).toHaveLength(0);
    const client = createAlternativePaymentsClient({
      environment: "production-http",
      allowInsecureHttp: true,
    });
    await client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    expect(plain.tokenRequests[1]?.url).toBe(`${DOCUMENTED}/oauth/token`);
  });

  it("production-http without allowInsecureHttp is refused: PAYTOK_INSECURE_URL", () => {
    expect(
      isPaytokError(
        creationError(() =>
          createAlternativePaymentsAuth({ ...credentials, environment: "production-http" }),
        ),
        "PAYTOK_INSECURE_URL",
      ),
    ).toBe(true);
  });

  it("allowInsecureHttp: true never changes the target: with production it still asks https", async () => {
    const auth = createAlternativePaymentsAuth({
      ...credentials,
      environment: "production",
      allowInsecureHttp: true,
      retry: false,
    });
    await auth.getToken();
    expect(secure.tokenRequests.map((request) => request.url)).toEqual([`${UPGRADED}/oauth/token`]);
    expect(plain.tokenRequests).toHaveLength(0);
  });

  it("allowInsecureHttp: true with no environment is ambiguous (it once meant plain HTTP): PAYTOK_CONFIGURATION", () => {
    const error = creationError(() =>
      createAlternativePaymentsAuth({ ...credentials, allowInsecureHttp: true }),
    );
    expect(isPaytokError(error, "PAYTOK_CONFIGURATION")).toBe(true);
    expect((error as Error).message).toContain("production-http");
    expect(secure.tokenRequests).toHaveLength(0);
    expect(plain.tokenRequests).toHaveLength(0);
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
