// No secret (client secret, access token) in any message, serialization or inspection.
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth, PaytokError, paymeEnvironments, paymeTokenPath } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID } from "../src/testing.js";

const SECRET = "payme-secret-value-42";
const handlers = paymeHandlers({ clientSecret: SECRET });
const server = setupServer(...handlers);
const tokenUrl = `${paymeEnvironments.preprod}${paymeTokenPath}`;

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

function newAuth() {
  return createPaymeAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SECRET,
    audience: "https://api.preprod.alignet.io",
    retry: false,
  });
}

function echoingStatus(status: number) {
  return new HttpResponse(
    JSON.stringify({
      action: "authorize",
      success: false,
      authorization: {
        meta: {
          status: {
            code: `E-${SECRET}`,
            message_ilgn: [{ locale: "es_PE", value: `secreto ${SECRET} inválido` }],
          },
        },
      },
    }),
    { status, headers: { "Content-Type": "application/json" } },
  );
}

describe("secrets stay out of errors and printed objects", () => {
  it("a 200 success: false echoing the secret is redacted, in message and providerDetails", async () => {
    server.use(http.post(tokenUrl, () => echoingStatus(200)));
    const error = await newAuth()
      .getToken()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaytokError);
    expect((error as PaytokError).providerDetails).toEqual({
      statusCode: "E-[redacted]",
      messages: ["secreto [redacted] inválido"],
    });
    expect((error as PaytokError).message).toContain("secreto [redacted] inválido");
    expect(everything(error)).not.toContain(SECRET);
  });

  it("a 401 echoing the secret is redacted", async () => {
    server.use(http.post(tokenUrl, () => echoingStatus(401)));
    const error = await newAuth()
      .getToken()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401 });
    expect(everything(error)).not.toContain(SECRET);
  });

  it("a non-JSON error page echoing the JSON body is redacted", async () => {
    server.use(
      http.post(
        tokenUrl,
        async ({ request }) =>
          new HttpResponse(`<pre>${await request.text()}</pre>`, { status: 502 }),
      ),
    );
    const error = await newAuth()
      .getToken()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect((error as PaytokError).bodySnippet).toContain("[redacted]");
    expect(everything(error)).not.toContain(SECRET);
  });

  it("the auth object and its token print no secret", async () => {
    const auth = newAuth();
    const token = await auth.getToken();
    const printed = [
      inspect(auth, { depth: 10, showHidden: true }),
      JSON.stringify(auth),
      inspect(token, { depth: 10 }),
      JSON.stringify(token),
    ].join("\n");
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(token.accessToken);
  });
});
