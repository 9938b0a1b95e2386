// No secret (client secret, access or refresh token) in any message, serialization or inspection.
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPaylaterAuth,
  PaytokError,
  paylaterEnvironments,
  paylaterTokenPath,
} from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_ID } from "../src/testing.js";

const SECRET = "super-secret-value-42";
const handlers = paylaterHandlers({ clientSecret: SECRET });
const server = setupServer(...handlers);
const tokenUrl = `${paylaterEnvironments.sandbox}${paylaterTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function everything(value: unknown): string {
  const error = value as Error;
  return [
    error.message,
    error.stack ?? "",
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
  ].join("\n");
}

async function failureWith(body: string, status: number, secret = SECRET): Promise<PaytokError> {
  server.use(http.post(tokenUrl, () => new HttpResponse(body, { status })));
  const auth = createPaylaterAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: secret,
    retry: false,
  });
  const error = await auth.getToken().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PaytokError);
  return error as PaytokError;
}

describe("secrets stay out of errors and printed objects", () => {
  it("an error body echoing the secret (JSON) is redacted", async () => {
    const error = await failureWith(
      JSON.stringify({ error: "invalid_client", error_description: `bad secret ${SECRET}` }),
      401,
    );
    expect(error.oauthErrorDescription).toBe("bad secret [redacted]");
    expect(everything(error)).not.toContain(SECRET);
  });

  it("an HTML error page echoing the form-encoded secret is redacted", async () => {
    const secret = "p@ss word&more=1";
    const echoed = new URLSearchParams({ client_secret: secret }).toString();
    const error = await failureWith(`<html>${echoed}</html>`, 500, secret);
    expect(error.bodySnippet).toContain("[redacted]");
    expect(everything(error)).not.toContain(secret);
    expect(everything(error)).not.toContain(echoed.slice("client_secret=".length));
  });

  it("a refresh grant error echoing the refresh token is redacted", async () => {
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SECRET,
      retry: false,
    });
    const token = await auth.getToken();
    const refreshToken = token.refreshToken ?? "";
    expect(refreshToken.length).toBeGreaterThan(10);
    server.use(
      http.post(tokenUrl, () =>
        HttpResponse.json(
          { error: "server_error", error_description: `boom ${refreshToken} ${SECRET}` },
          { status: 500 },
        ),
      ),
    );
    const error = await auth.getToken({ forceRefresh: true }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 500,
      oauthErrorDescription: "boom [redacted] [redacted]",
    });
    expect(everything(error)).not.toContain(refreshToken);
    expect(everything(error)).not.toContain(SECRET);
  });

  it("configuration errors never echo the credential values", () => {
    let caught: unknown;
    try {
      createPaylaterAuth({
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SECRET,
        environment: "nope" as "sandbox",
      });
    } catch (error) {
      caught = error;
    }
    expect(everything(caught)).not.toContain(SECRET);
  });

  it("the auth object and its token print no secret", async () => {
    const auth = createPaylaterAuth({ clientId: SANDBOX_CLIENT_ID, clientSecret: SECRET });
    const token = await auth.getToken();
    const printed = [
      inspect(auth, { depth: 10, showHidden: true }),
      JSON.stringify(auth),
      inspect(token, { depth: 10 }),
      JSON.stringify(token),
      String(token),
    ].join("\n");
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(token.accessToken);
    expect(printed).not.toContain(token.refreshToken ?? "never");
  });
});
