// No secret and no token in any error message, serialized error, inspected object or event.
import { inspect } from "node:util";
import { isPaytokError, type PaytokEvent } from "@paytok/core";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPayswayAuth } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

const TOKEN_URL = "https://api.paysway.dev/oauth2/token";
const SECRET = "s3cr3t-Value/with+chars";

const handlers = payswayHandlers({ clientSecret: SECRET });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function everyForm(value: unknown): string {
  return [
    String(value),
    value instanceof Error ? `${value.message}\n${value.stack ?? ""}` : "",
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ].join("\n");
}

const secretForms = [
  SECRET,
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
];

function expectNoSecret(text: string) {
  for (const form of secretForms) expect(text).not.toContain(form);
}

describe("secrets", () => {
  it("the auth object shows no secret", async () => {
    const auth = createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: SECRET,
    });
    await auth.getToken();
    expectNoSecret(everyForm(auth));
  });

  it("the token shows no access token when printed or serialized", async () => {
    const auth = createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: SECRET,
    });
    const token = await auth.getToken();
    const printed = everyForm(token);
    expect(printed).not.toContain(token.accessToken);
    expect(printed).toContain("[redacted]");
  });

  const echoes: Array<[string, () => Response]> = [
    [
      "a 400 echoing the request body",
      () => HttpResponse.text(`bad body: {"client_secret":"${SECRET}"}`, { status: 400 }),
    ],
    [
      "an OAuth error quoting the secret",
      () =>
        HttpResponse.json(
          { error: "invalid_client", error_description: `secret ${SECRET} is wrong` },
          { status: 400 },
        ),
    ],
    [
      "a 500 with the secret form-encoded",
      () => HttpResponse.text(`client_secret=${encodeURIComponent(SECRET)}`, { status: 500 }),
    ],
    ["a 200 that is not a token", () => HttpResponse.json({ echo: SECRET })],
    ["a 200 that is not JSON", () => HttpResponse.text(`<p>${SECRET}</p>`)],
  ];

  for (const [name, respond] of echoes) {
    it(`${name} leaves no secret in the error`, async () => {
      server.use(http.post(TOKEN_URL, respond));
      const events: PaytokEvent[] = [];
      const auth = createPayswayAuth({
        clientId: handlers.credentials.clientId,
        clientSecret: SECRET,
        retry: false,
        onEvent: (event) => events.push(event),
      });
      const error = await auth.getToken().catch((caught: unknown) => caught);
      expect(isPaytokError(error)).toBe(true);
      expectNoSecret(everyForm(error));
      expectNoSecret(everyForm(events));
    });
  }

  it("events of a successful request carry neither the secret nor the token", async () => {
    const events: PaytokEvent[] = [];
    const auth = createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: SECRET,
      onEvent: (event) => events.push(event),
    });
    const token = await auth.getToken();
    expect(events.map((event) => event.type)).toEqual(["token_requested", "token_issued"]);
    const printed = everyForm(events);
    expectNoSecret(printed);
    expect(printed).not.toContain(token.accessToken);
  });
});
