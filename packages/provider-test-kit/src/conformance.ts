// The one suite every provider package passes, against its own msw handlers and (from
// scripts/test) against the sandbox over HTTP: configuration errors, the token request on the wire
// for every documented sample, response normalisation, every documented error, failures and
// retries, the emulator, secret hygiene and the API calls. Everything provider-specific comes from
// the generated descriptor and the documents' samples, so a new provider gets the suite for free.
import { inspect } from "node:util";
import {
  basicAuthorization,
  isPaytokError,
  type PaytokAuth,
  type PaytokError,
  type PaytokEvent,
  type TokenEndpointDescriptor,
} from "@paytok/core";
import type { SandboxControls, SandboxHandlers } from "@paytok/core/testing";
import { describe, expect, it } from "vitest";
import { describeApiCalls } from "./api-calls.js";
import { specSamples } from "./spec-samples.js";
import { type Transport, useMswTransport, useSandboxTransport } from "./transport.js";

/** A recognizable client secret with characters that percent-, form- and JSON-encoding change. */
export const HYGIENE_SECRET = 's3cr3t-Value/with+chars "and" spaces';

/** What a provider package offers, as the suite calls it (loosely typed: options differ). */
export interface ProviderUnderTest {
  endpoint: TokenEndpointDescriptor;
  createAuth(options: never): PaytokAuth;
  createClient(options?: never): unknown;
  handlers(options?: never): SandboxHandlers;
}

interface RawClient {
  POST(
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; params?: unknown },
  ): Promise<{ response: Response; data?: unknown; error?: unknown }>;
}

type Options = Record<string, unknown>;

/** `audience` → `audience`, `merchant_id` → `merchantId`: the adapter option of a body field. */
const optionName = (field: string) =>
  field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

async function rejection(promise: Promise<unknown>): Promise<PaytokError> {
  const caught = await promise.then(
    () => new Error("expected a rejection, but the promise resolved"),
    (error: unknown) => error,
  );
  expect(isPaytokError(caught), String(caught)).toBe(true);
  return caught as PaytokError;
}

function thrown(run: () => unknown): PaytokError {
  try {
    run();
  } catch (error) {
    expect(isPaytokError(error), String(error)).toBe(true);
    return error as PaytokError;
  }
  throw new Error("expected the call to throw");
}

/** The fields of a token request body, decoded by the media type. */
function decodedBody(body: string, encoding: "json" | "form"): Record<string, unknown> {
  return encoding === "json"
    ? (JSON.parse(body) as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(body));
}

function everyForm(value: unknown): string {
  const parts = [JSON.stringify(value) ?? "", inspect(value, { depth: 10, showHidden: true })];
  for (
    let cause = value as { message?: unknown; stack?: unknown; cause?: unknown } | undefined;
    cause;
  ) {
    parts.push(String(cause.message ?? ""), String(cause.stack ?? ""));
    cause = cause.cause as typeof cause;
  }
  return parts.join("\n");
}

/**
 * Registers the conformance suite of one provider. `on: "msw"` (the default) runs it against the
 * package's own handlers in this process; `on: { sandbox }` against a running sandbox's emulator.
 */
export function describeProviderConformance(
  provider: ProviderUnderTest,
  on: "msw" | { sandbox: () => SandboxControls } = "msw",
): void {
  const { endpoint } = provider;
  const handlers = provider.handlers as (options?: Options) => SandboxHandlers;
  const createAuth = provider.createAuth as (options: Options) => PaytokAuth;
  const createClient = provider.createClient as (options?: Options) => RawClient;
  const transport: Transport =
    on === "msw"
      ? useMswTransport(handlers({ clientSecret: HYGIENE_SECRET }))
      : useSandboxTransport(on.sandbox);
  const controls = () => transport.controls();
  // The spec's examples: the documents' samples (scripts/test/spec-samples.test.ts holds the
  // specs to them), so a new provider is checked against its own document from its first commit.
  const { requests: requestSamples, responses, statuses } = specSamples(endpoint.provider);
  const successSamples = responses.filter((sample) => sample.status.startsWith("2"));
  /** Placeholders for what the spec leaves to the user (Pay-me's audience). */
  const requiredOptions: Options = Object.fromEntries(
    endpoint.requiredValues.map((field) => [optionName(field), "https://api.example.test"]),
  );
  const auth = (options: Options = {}) =>
    createAuth({
      clientId: controls().credentials.clientId,
      clientSecret: controls().credentials.clientSecret,
      baseUrl: controls().baseUrl,
      retry: false,
      ...requiredOptions,
      ...options,
    });
  const answerNext = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    controls().failNextTokenRequests({
      kind: "status",
      status,
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    });
  const tokenUrl = () => `${controls().baseUrl}${endpoint.tokenPath}`;

  describe(`${endpoint.packageName} conformance (${transport.kind})`, () => {
    describe("configuration: options that cannot work fail at creation", () => {
      const valid = {
        clientId: "client-id",
        clientSecret: "client-secret-value",
        ...requiredOptions,
      };
      const invalid: Array<[string, Options | undefined]> = [
        ["no options at all", undefined],
        ["a missing clientId", { ...valid, clientId: undefined }],
        ["an empty clientId", { ...valid, clientId: "" }],
        ["a blank clientId", { ...valid, clientId: "   " }],
        ["a missing clientSecret", { ...valid, clientSecret: undefined }],
        ["an empty clientSecret", { ...valid, clientSecret: "" }],
        ["an unknown environment", { ...valid, environment: "staging" }],
        ["an inherited name as environment", { ...valid, environment: "toString" }],
        [
          "environment and baseUrl",
          { ...valid, environment: endpoint.defaultEnvironment, baseUrl: "https://x.test" },
        ],
        ["a relative baseUrl", { ...valid, baseUrl: "/v1" }],
        ["a non-http baseUrl", { ...valid, baseUrl: "ftp://files.example.test" }],
        ["a negative refreshWindowMs", { ...valid, refreshWindowMs: -1 }],
        ["a zero timeoutMs", { ...valid, timeoutMs: 0 }],
        ...endpoint.requiredValues.map((field): [string, Options] => [
          `no ${optionName(field)} (the spec gives ${field} no value)`,
          { ...valid, [optionName(field)]: undefined },
        ]),
      ];
      for (const [name, options] of invalid) {
        it(`${name} → PAYTOK_CONFIGURATION, naming the package and never a credential`, () => {
          const error = thrown(() => createAuth(options as Options));
          expect(error.code).toBe("PAYTOK_CONFIGURATION");
          expect(error.message.startsWith(`${endpoint.packageName}: `)).toBe(true);
          expect(everyForm(error)).not.toContain("client-secret-value");
        });
      }

      it("names a missing value the spec leaves open", () => {
        for (const field of endpoint.requiredValues) {
          const error = thrown(() => createAuth({ ...valid, [optionName(field)]: undefined }));
          expect(error.message).toContain(field);
        }
      });

      it("names an unknown environment and the known ones", () => {
        const error = thrown(() => createAuth({ ...valid, environment: "staging" }));
        expect(error.message).toContain('"staging"');
        expect(error.message).toContain(Object.keys(endpoint.environments).join(", "));
      });

      it("refuses a plain-HTTP baseUrl to a remote host (PAYTOK_INSECURE_URL), unless allowed or loopback", () => {
        expect(
          thrown(() => createAuth({ ...valid, baseUrl: "http://auth.example.test" })).code,
        ).toBe("PAYTOK_INSECURE_URL");
        createAuth({ ...valid, baseUrl: "http://auth.example.test", allowInsecureHttp: true });
        createAuth({ ...valid, baseUrl: "http://127.0.0.1:8080" });
        createAuth({ ...valid, baseUrl: "http://localhost:8080" });
      });

      it("accepts every environment of the spec", () => {
        for (const [environment, url] of Object.entries(endpoint.environments)) {
          const options = { ...valid, environment };
          if (String(url).startsWith("http:")) {
            expect(thrown(() => createAuth(options)).code).toBe("PAYTOK_INSECURE_URL");
            createAuth({ ...options, allowInsecureHttp: true });
          } else {
            createAuth(options);
          }
        }
      });

      it("the raw client refuses what the auth refuses", () => {
        expect(thrown(() => createClient({ environment: "staging" })).code).toBe(
          "PAYTOK_CONFIGURATION",
        );
        expect(
          thrown(() =>
            createClient({ environment: endpoint.defaultEnvironment, baseUrl: "https://x.test" }),
          ).code,
        ).toBe("PAYTOK_CONFIGURATION");
        expect(thrown(() => createClient({ baseUrl: "http://auth.example.test" })).code).toBe(
          "PAYTOK_INSECURE_URL",
        );
        createClient({ baseUrl: "http://auth.example.test", allowInsecureHttp: true });
      });

      it("the emulator answers on the environment or base URL it is given", () => {
        expect(handlers().baseUrl).toBe(endpoint.environments[endpoint.defaultEnvironment]);
        for (const [environment, url] of Object.entries(endpoint.environments)) {
          expect(handlers({ environment }).baseUrl).toBe(url);
        }
        expect(handlers({ baseUrl: "http://127.0.0.1:1/x/" }).baseUrl).toBe("http://127.0.0.1:1/x");
        expect(thrown(() => handlers({ environment: "staging" })).code).toBe(
          "PAYTOK_CONFIGURATION",
        );
      });
    });

    describe("the token request on the wire", () => {
      it("has a documented request sample to follow", () => {
        expect(requestSamples.length).toBeGreaterThan(0);
      });

      for (const sample of requestSamples) {
        it(`sends "${sample.name}" as documented: path, method, media type, client authentication, every field in order`, async () => {
          const { clientId, clientSecret } = controls().credentials;
          // The sample's own values for what the spec leaves open (Pay-me's audience).
          const values = Object.fromEntries(
            endpoint.requiredValues.map((field) => [optionName(field), sample.value[field]]),
          );
          await auth(values).getToken();
          const [request] = controls().tokenRequests;
          expect(request?.method).toBe("POST");
          expect(request?.url).toBe(tokenUrl());
          expect(request?.headers["content-type"]).toBe(endpoint.mediaType);
          for (const [name, value] of Object.entries(endpoint.tokenHeaders)) {
            expect(request?.headers[name.toLowerCase()]).toBe(value);
          }
          const expected = { ...sample.value };
          if ("client_id" in expected) expected.client_id = clientId;
          if ("client_secret" in expected) expected.client_secret = clientSecret;
          const sent = decodedBody(request?.body ?? "", endpoint.bodyEncoding);
          expect(Object.keys(sent)).toEqual(Object.keys(expected));
          expect(sent).toEqual(expected);
          if (endpoint.bodyEncoding === "form") {
            expect(request?.body).toBe(
              new URLSearchParams(expected as Record<string, string>).toString(),
            );
          }
          if (endpoint.clientAuthentication === "client_secret_basic") {
            expect(request?.headers.authorization).toBe(basicAuthorization(clientId, clientSecret));
            expect(request?.body).not.toContain(encodeURIComponent(clientSecret));
          } else {
            expect(request?.headers.authorization).toBeUndefined();
          }
        });
      }

      it("sends one request for 100 parallel callers and reuses the token", async () => {
        const provider = auth();
        const tokens = await Promise.all(Array.from({ length: 100 }, () => provider.getToken()));
        expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
        await provider.getToken();
        expect(controls().tokenRequests).toHaveLength(1);
      });

      if (transport.kind === "msw") {
        it("asks the default environment's host with no location given", async () => {
          await createAuth({ ...controls().credentials, ...requiredOptions }).getToken();
          expect(controls().tokenRequests[0]?.url).toBe(
            `${endpoint.environments[endpoint.defaultEnvironment]}${endpoint.tokenPath}`,
          );
        });
      }

      it("appends the token path to an explicit baseUrl, trailing slashes dropped", async () => {
        await auth({ baseUrl: `${controls().baseUrl}//` }).getToken();
        expect(controls().tokenRequests[0]?.url).toBe(tokenUrl());
      });

      it("sends through the fetch it is given", async () => {
        const seen: string[] = [];
        await auth({
          fetch: (input: Request | string | URL, init?: RequestInit) => {
            seen.push(input instanceof Request ? input.url : String(input));
            return globalThis.fetch(input, init);
          },
        }).getToken();
        expect(seen).toEqual([tokenUrl()]);
      });

      it("the raw client sends the same request: typed body, the documented media type", async () => {
        const { clientId, clientSecret } = controls().credentials;
        const [sample] = requestSamples;
        const body = { ...sample?.value };
        if ("client_id" in body) body.client_id = clientId;
        if ("client_secret" in body) body.client_secret = clientSecret;
        // A client-level header cannot change the documented media type.
        const client = createClient({
          baseUrl: controls().baseUrl,
          headers: { "content-type": "text/plain" },
        });
        const { response } = await client.POST(endpoint.tokenPath, {
          body,
          params: { header: endpoint.tokenHeaders },
          headers:
            endpoint.clientAuthentication === "client_secret_basic"
              ? { Authorization: basicAuthorization(clientId, clientSecret) }
              : {},
        });
        expect(response.status).toBe(200);
        const [request] = controls().tokenRequests;
        expect(request?.headers["content-type"]).toBe(endpoint.mediaType);
        expect(decodedBody(request?.body ?? "", endpoint.bodyEncoding)).toEqual(body);
      });
    });

    describe("token responses", () => {
      it("has a documented success sample to read", () => {
        expect(successSamples.length).toBeGreaterThan(0);
      });
      const [template] = successSamples;
      const success = (changes: Record<string, unknown>) => {
        const body: Record<string, unknown> = { ...template?.value, ...changes };
        for (const [field, value] of Object.entries(changes))
          if (value === undefined) delete body[field];
        return body;
      };

      for (const sample of successSamples) {
        it(`reads "${sample.name}" verbatim into the normalized token`, async () => {
          answerNext(200, sample.value);
          const before = Date.now();
          const token = await auth().getToken();
          const lifetime = Number(sample.value.expires_in ?? endpoint.lifetimeSeconds);
          expect(token.accessToken).toBe(sample.value.access_token);
          expect(token.tokenType).toBe("Bearer");
          expect(token.expiresAt).toBeGreaterThanOrEqual(before + lifetime * 1000);
          expect(token.expiresAt).toBeLessThanOrEqual(Date.now() + lifetime * 1000);
          expect(token.scope).toBe(sample.value.scope ?? endpoint.responseDefaults.scope);
          expect(token.refreshToken).toBe(sample.value.refresh_token);
          expect(JSON.stringify(token)).not.toContain(String(sample.value.access_token));
        });
      }

      it("assumes the spec's lifetime without expires_in, Bearer without token_type", async () => {
        answerNext(200, success({ expires_in: undefined, token_type: undefined }));
        const before = Date.now();
        const token = await auth().getToken();
        expect(token.tokenType).toBe("Bearer");
        expect(token.expiresAt).toBeGreaterThanOrEqual(before + endpoint.lifetimeSeconds * 1000);
      });

      it("reads a lowercase bearer as Bearer", async () => {
        answerNext(200, success({ token_type: "bearer" }));
        expect((await auth().getToken()).tokenType).toBe("Bearer");
      });

      for (const [name, changes] of [
        ["an expires_in that is not a number", { expires_in: "soon" }],
        ["a negative expires_in", { expires_in: -5 }],
        ["no access_token", { access_token: undefined }],
        ["an access token with a line break", { access_token: "abc\r\ndef" }],
        ["a token type other than Bearer", { token_type: "mac" }],
      ] as const) {
        it(`rejects a 200 with ${name}: PAYTOK_INVALID_TOKEN_RESPONSE, status 200`, async () => {
          answerNext(200, success(changes));
          expect(await rejection(auth().getToken())).toMatchObject({
            code: "PAYTOK_INVALID_TOKEN_RESPONSE",
            status: 200,
          });
        });
      }

      it("a 200 that is not JSON is retryable and quotes nothing of the body", async () => {
        answerNext(200, "<html>token=abc</html>", { "content-type": "text/html" });
        const error = await rejection(auth().getToken());
        expect(error).toMatchObject({ code: "PAYTOK_INVALID_TOKEN_RESPONSE", retryable: true });
        expect(error.bodySnippet).toBeUndefined();
      });
    });

    describe("documented errors", () => {
      const errorStatuses = statuses.filter((status) => !status.startsWith("2"));
      it("the spec lists the documented error statuses", () => {
        expect(errorStatuses.length).toBeGreaterThan(0);
      });
      for (const status of errorStatuses) {
        const sample = responses.find((candidate) => candidate.status === status);
        it(`HTTP ${status}${sample ? ` ("${sample.name}")` : " without a body"} → PAYTOK_TOKEN_REQUEST_FAILED with status and retryability`, async () => {
          answerNext(Number(status), sample?.value ?? "");
          const error = await rejection(auth().getToken());
          const code = Number(status);
          expect(error).toMatchObject({
            code: "PAYTOK_TOKEN_REQUEST_FAILED",
            status: code,
            retryable: code === 408 || code === 429 || code >= 500,
          });
          if (typeof sample?.value.error === "string")
            expect(error.oauthError).toBe(sample.value.error);
          expect(controls().tokenRequests).toHaveLength(1);
        });
      }

      it("wrong credentials: the emulator's documented refusal, not retried", async () => {
        const error = await rejection(
          auth({ clientSecret: "not-the-secret", retry: { retries: 3 } }).getToken(),
        );
        expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
        expect(error.retryable).toBe(false);
        expect(errorStatuses).toContain(String(error.status));
        expect(controls().tokenRequests).toHaveLength(1);
      });
    });

    describe("failures and retries", () => {
      it("retries a 500 and then succeeds", async () => {
        answerNext(500, "");
        const token = await auth({ retry: { retries: 2, baseDelayMs: 1 } }).getToken();
        expect(token.accessToken).toBe(controls().issued[0]?.accessToken);
        expect(controls().tokenRequests).toHaveLength(2);
      });

      it("gives up after the configured retries with the last error", async () => {
        controls().failNextTokenRequests({ kind: "status", status: 503 }, 3);
        const error = await rejection(auth({ retry: { retries: 1, baseDelayMs: 1 } }).getToken());
        expect(error).toMatchObject({
          code: "PAYTOK_TOKEN_REQUEST_FAILED",
          status: 503,
          retryable: true,
        });
        expect(controls().tokenRequests).toHaveLength(2);
      });

      it("429 with Retry-After is retryable and carries the delay", async () => {
        answerNext(429, "", { "retry-after": "7" });
        expect(await rejection(auth().getToken())).toMatchObject({
          status: 429,
          retryable: true,
          retryAfterMs: 7000,
        });
      });

      it("a network error is PAYTOK_NETWORK_ERROR and retryable", async () => {
        controls().failNextTokenRequests({ kind: "network" });
        expect(await rejection(auth().getToken())).toMatchObject({
          code: "PAYTOK_NETWORK_ERROR",
          retryable: true,
        });
      });

      it("a slow answer is PAYTOK_TIMEOUT", async () => {
        controls().failNextTokenRequests({
          kind: "status",
          status: 200,
          body: "{}",
          delayMs: 2_000,
        });
        expect(await rejection(auth({ timeoutMs: 100 }).getToken())).toMatchObject({
          code: "PAYTOK_TIMEOUT",
          retryable: true,
        });
      });

      it("an aborted signal is PAYTOK_ABORTED and sends nothing", async () => {
        const error = await rejection(auth().getToken({ signal: AbortSignal.abort() }));
        expect(error.code).toBe("PAYTOK_ABORTED");
        expect(controls().tokenRequests).toHaveLength(0);
      });

      it("aborting stops one caller's wait; the shared request serves the others", async () => {
        controls().failNextTokenRequests({ kind: "status", status: 503, delayMs: 200 });
        const provider = auth({ retry: { retries: 1, baseDelayMs: 1 } });
        const controller = new AbortController();
        const leaving = provider.getToken({ signal: controller.signal });
        const staying = provider.getToken();
        controller.abort();
        expect((await rejection(leaving)).code).toBe("PAYTOK_ABORTED");
        expect((await staying).accessToken).toBe(controls().issued[0]?.accessToken);
        expect(controls().tokenRequests).toHaveLength(2);
      });

      it("a failure is not cached: the next call asks again", async () => {
        answerNext(500, "");
        const provider = auth();
        await rejection(provider.getToken());
        await provider.getToken();
        expect(controls().tokenRequests).toHaveLength(2);
      });
    });

    describe("the emulator", () => {
      it("issues tokens with the lifetime it is set to", async () => {
        controls().setTokenLifetime(120);
        const before = Date.now();
        const token = await auth().getToken();
        expect(token.expiresAt).toBeGreaterThanOrEqual(before + 120_000);
        expect(token.expiresAt).toBeLessThan(before + 130_000);
      });

      it("its echo API refuses a missing, unknown or revoked token with 401", async () => {
        const { apiUrl } = controls();
        const headers = endpoint.apiHeaders;
        expect((await fetch(`${apiUrl}/x`, { headers })).status).toBe(401);
        expect(
          (await fetch(`${apiUrl}/x`, { headers: { ...headers, Authorization: "Bearer nope" } }))
            .status,
        ).toBe(401);
        const token = await auth().getToken();
        const bearer = { ...headers, Authorization: `Bearer ${token.accessToken}` };
        expect((await fetch(`${apiUrl}/x`, { headers: bearer })).status).toBe(200);
        controls().revoke(token.accessToken);
        expect((await fetch(`${apiUrl}/x`, { headers: bearer })).status).toBe(401);
      });

      if (transport.kind === "msw") {
        it("expires its tokens after the spec's lifetime, and the auth refreshes them ahead of expiry", async () => {
          let now = 1_000_000;
          const timed = handlers({
            ...controls().credentials,
            baseUrl: "https://timed.example.test",
            now: () => now,
          });
          transport.use(...timed);
          const provider = auth({ baseUrl: timed.baseUrl, clock: { now: () => now } });
          const first = await provider.getToken();
          expect(first.expiresAt).toBe(1_000_000 + endpoint.lifetimeSeconds * 1000);
          // Inside the refresh window the current token is served and one refresh starts.
          now = first.expiresAt - Math.min(30_000, (endpoint.lifetimeSeconds * 1000) / 4);
          expect((await provider.getToken()).accessToken).toBe(first.accessToken);
          await expect
            .poll(async () => (await provider.getToken()).accessToken)
            .not.toBe(first.accessToken);
          expect(timed.issued).toHaveLength(2);
          now = first.expiresAt;
          const response = await fetch(`${timed.apiUrl}/x`, {
            headers: { ...endpoint.apiHeaders, Authorization: `Bearer ${first.accessToken}` },
          });
          expect(response.status).toBe(401);
        });
      }

      it("records every token request and answers injected failures first", async () => {
        answerNext(503, "");
        await rejection(auth().getToken());
        await auth().getToken();
        expect(controls().tokenRequests).toHaveLength(2);
        expect(controls().issued).toHaveLength(1);
      });
    });

    describe("secret hygiene", () => {
      const secret = () => controls().credentials.clientSecret;
      const forms = () => {
        const value = secret();
        const { clientId } = controls().credentials;
        return [
          value,
          encodeURIComponent(value),
          new URLSearchParams({ s: value }).toString().slice(2),
          JSON.stringify(value).slice(1, -1),
          basicAuthorization(clientId, value).slice("Basic ".length),
        ];
      };
      const expectNoSecret = (text: string) => {
        for (const form of forms()) expect(text).not.toContain(form);
      };

      it("the auth object and its token print no secret", async () => {
        const provider = auth();
        const token = await provider.getToken();
        expectNoSecret(everyForm(provider));
        expect(everyForm(token)).not.toContain(token.accessToken);
        expect(everyForm(token)).toContain("[redacted]");
      });

      const echoes: Array<[string, () => [number, string]]> = [
        [
          "a 400 echoing the body",
          () => [400, `bad body: {"client_secret":${JSON.stringify(secret())}}`],
        ],
        [
          "an OAuth error quoting the secret",
          () => [
            401,
            JSON.stringify({
              error: "invalid_client",
              error_description: `secret ${secret()} is wrong`,
            }),
          ],
        ],
        [
          "a 403 echoing the Basic header",
          () => [
            403,
            JSON.stringify({ error: `bad header Basic ${forms()[4]}`, [secret()]: "key" }),
          ],
        ],
        [
          "a 500 with the secret form-encoded",
          () => [500, `client_secret=${encodeURIComponent(secret())}`],
        ],
        [
          "a 200 that is not a token",
          () => [200, JSON.stringify({ success: true, echo: secret() })],
        ],
        ["a 200 that is not JSON", () => [200, `<p>${secret()}</p>`]],
      ];
      for (const [name, answer] of echoes) {
        it(`${name} leaves no secret in the error or the events`, async () => {
          const [status, body] = answer();
          controls().failNextTokenRequests({ kind: "status", status, body });
          const events: PaytokEvent[] = [];
          const error = await rejection(
            auth({ onEvent: (event: PaytokEvent) => events.push(event) }).getToken(),
          );
          expectNoSecret(everyForm(error));
          expectNoSecret(everyForm(events));
        });
      }

      it("the events of a successful request carry neither the secret nor the token", async () => {
        const events: PaytokEvent[] = [];
        const token = await auth({
          onEvent: (event: PaytokEvent) => events.push(event),
        }).getToken();
        expect(events.map((event) => event.type)).toEqual([
          "token_requested",
          "token_issued",
          "token_served",
        ]);
        expectNoSecret(everyForm(events));
        expect(everyForm(events)).not.toContain(token.accessToken);
      });
    });

    describeApiCalls({
      transport,
      createAuth: () => auth(),
      apiHeaders: endpoint.apiHeaders,
    });
  });
}
