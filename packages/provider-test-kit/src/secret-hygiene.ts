// No secret and no token in any error message, serialized error, inspected object or event: the
// suite every provider package runs against its own sandbox handlers.
import { inspect } from "node:util";
import { isPaytokError, type PaytokAuth, type PaytokEvent } from "@paytok/core";
import type { SandboxHandlers } from "@paytok/core/testing";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

/** A recognisable client secret with characters that change under percent- and form-encoding. */
export const HYGIENE_SECRET = "s3cr3t-Value/with+chars";

export type EchoCase = [name: string, respond: () => Response];

export interface SecretHygieneSuiteOptions {
  /** The provider's sandbox handlers accepting `clientSecret`. */
  handlers: (clientSecret: string) => SandboxHandlers;
  /** The provider's auth for the sandbox credentials and the given core knobs. */
  createAuth: (
    handlers: SandboxHandlers,
    knobs: { retry?: false; onEvent?: (event: PaytokEvent) => void },
  ) => PaytokAuth;
  /** Path of the token endpoint, appended to the handlers' base URL. */
  tokenPath: string;
  /** Other forms the secret travels in (e.g. a Basic header's base64). */
  extraSecretForms?: (handlers: SandboxHandlers) => string[];
  /** Provider-specific error answers that echo a secret. */
  extraEchoes?: (handlers: SandboxHandlers) => EchoCase[];
}

function everyForm(value: unknown): string {
  return [
    String(value),
    value instanceof Error ? `${value.message}\n${value.stack ?? ""}` : "",
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ].join("\n");
}

/** Registers the secret-hygiene suite of one provider package. */
export function describeSecretHygiene(options: SecretHygieneSuiteOptions): void {
  const handlers = options.handlers(HYGIENE_SECRET);
  const server = setupServer(...handlers);
  const tokenUrl = `${handlers.baseUrl}${options.tokenPath}`;

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    handlers.reset();
  });
  afterAll(() => server.close());

  const secretForms = [
    HYGIENE_SECRET,
    encodeURIComponent(HYGIENE_SECRET),
    new URLSearchParams({ s: HYGIENE_SECRET }).toString().slice(2),
    ...(options.extraSecretForms?.(handlers) ?? []),
  ];
  const expectNoSecret = (text: string) => {
    for (const form of secretForms) expect(text).not.toContain(form);
  };

  describe("secrets", () => {
    it("the auth object shows no secret", async () => {
      const auth = options.createAuth(handlers, {});
      await auth.getToken();
      expectNoSecret(everyForm(auth));
    });

    it("the token shows no access token when printed or serialized", async () => {
      const token = await options.createAuth(handlers, {}).getToken();
      const printed = everyForm(token);
      expect(printed).not.toContain(token.accessToken);
      expect(printed).toContain("[redacted]");
    });

    const echoes: EchoCase[] = [
      [
        "a 400 echoing the request body",
        () => HttpResponse.text(`bad body: {"client_secret":"${HYGIENE_SECRET}"}`, { status: 400 }),
      ],
      [
        "an OAuth error quoting the secret",
        () =>
          HttpResponse.json(
            { error: "invalid_client", error_description: `secret ${HYGIENE_SECRET} is wrong` },
            { status: 400 },
          ),
      ],
      [
        "a 500 with the secret form-encoded",
        () =>
          HttpResponse.text(`client_secret=${encodeURIComponent(HYGIENE_SECRET)}`, {
            status: 500,
          }),
      ],
      ["a 200 that is not a token", () => HttpResponse.json({ echo: HYGIENE_SECRET })],
      ["a 200 that is not JSON", () => HttpResponse.text(`<p>${HYGIENE_SECRET}</p>`)],
      ...(options.extraEchoes?.(handlers) ?? []),
    ];

    for (const [name, respond] of echoes) {
      it(`${name} leaves no secret in the error`, async () => {
        server.use(http.post(tokenUrl, respond));
        const events: PaytokEvent[] = [];
        const auth = options.createAuth(handlers, {
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
      const auth = options.createAuth(handlers, { onEvent: (event) => events.push(event) });
      const token = await auth.getToken();
      expect(events.map((event) => event.type)).toEqual(["token_requested", "token_issued"]);
      const printed = everyForm(events);
      expectNoSecret(printed);
      expect(printed).not.toContain(token.accessToken);
    });
  });
}
