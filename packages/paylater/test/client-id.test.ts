// client_id is documented as a "Long": ids beyond 2^53 must travel as their exact digits.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaylaterAuth, type PaylaterAuthOptions, PaytokError } from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const LONG_ID = "12345678901234567890";
const handlers = paylaterHandlers({ clientId: LONG_ID });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const expectedBody = `grant_type=client_credentials&client_id=${LONG_ID}&client_secret=${SANDBOX_CLIENT_SECRET}`;

describe("clientId", () => {
  it("an id above 2^53 given as a string travels as its digits", async () => {
    expect(BigInt(LONG_ID) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const auth = createPaylaterAuth({ clientId: LONG_ID, clientSecret: SANDBOX_CLIENT_SECRET });
    await auth.getToken();
    expect(handlers.tokenRequests[0]?.body).toBe(expectedBody);
  });

  it("an id above 2^53 given as a bigint travels as its digits", async () => {
    const auth = createPaylaterAuth({
      clientId: 12345678901234567890n,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    await auth.getToken();
    expect(handlers.tokenRequests[0]?.body).toBe(expectedBody);
  });

  it("the bigint id is also used in the refresh_token grant", async () => {
    const auth = createPaylaterAuth({
      clientId: BigInt(LONG_ID),
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    const first = await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    expect(handlers.tokenRequests[1]?.body).toBe(
      `grant_type=refresh_token&refresh_token=${first.refreshToken}&client_id=${LONG_ID}&client_secret=${SANDBOX_CLIENT_SECRET}`,
    );
  });

  it("from JavaScript, a safe integer number is accepted and sent as digits", async () => {
    server.use(...paylaterHandlers({ clientId: "9007199254740991" }));
    const options = {
      clientId: Number.MAX_SAFE_INTEGER,
      clientSecret: SANDBOX_CLIENT_SECRET,
    } as unknown as PaylaterAuthOptions;
    const auth = createPaylaterAuth(options);
    await expect(auth.getToken()).resolves.toBeDefined();
  });

  it.each([
    ["an unsafe number", Number.MAX_SAFE_INTEGER + 2],
    ["a fraction", 12.5],
    ["a negative number", -1],
    ["NaN", Number.NaN],
    ["a negative bigint", -5n],
    ["an empty string", ""],
    ["a blank string", "   "],
    ["undefined", undefined],
    ["null", null],
  ])("%s is a PAYTOK_CONFIGURATION error at creation", (_name, clientId) => {
    const options = {
      clientId,
      clientSecret: SANDBOX_CLIENT_SECRET,
    } as unknown as PaylaterAuthOptions;
    let caught: unknown;
    try {
      createPaylaterAuth(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PaytokError);
    expect(caught).toMatchObject({ code: "PAYTOK_CONFIGURATION" });
    expect((caught as Error).message).toMatch(/^@paytok\/paylater: clientId/);
  });
});
