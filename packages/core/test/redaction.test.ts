// Runs a broad set of failure scenarios with a recognizable client secret and tokens issued by the
// msw endpoint, collects every error, event, token and auth object they produce, and scans every
// way they can be printed or serialized for every secret and token.
import { inspect } from "node:util";
import { delay, HttpResponse, http } from "msw";
import createClient from "openapi-fetch";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  assertSecureUrl,
  createAuth,
  createMemoryTokenStore,
  isPaytokError,
  type PaytokAuth,
  type PaytokEvent,
  requireCredential,
  type Token,
  type TokenManagerOptions,
} from "../src/index.js";
import {
  API_URL,
  CLIENT_SECRET,
  createTokenEndpoint,
  defineProvider,
  settle,
  type TokenEndpoint,
  type TokenResponder,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();

interface OrdersApi {
  "/orders": {
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      responses: {
        401: { headers: Record<string, unknown>; content: { "application/json": unknown } };
      };
    };
  };
}

const errors: unknown[] = [];
const events: PaytokEvent[] = [];
const tokens: Token[] = [];
const auths: PaytokAuth[] = [];
/** Every access and refresh token any endpoint issued, plus ones that only appear in bodies. */
const issuedSecrets = new Set<string>();

const options = (extra: TokenManagerOptions = {}): TokenManagerOptions => ({
  retry: false,
  timeoutMs: 200,
  onEvent: (event) => events.push(event),
  ...extra,
});

function track<T extends PaytokAuth>(auth: T): T {
  auths.push(auth);
  return auth;
}

async function collectFailure(promise: Promise<unknown>): Promise<void> {
  try {
    const value = await promise;
    if (value instanceof Response) return;
    tokens.push(value as Token);
  } catch (error) {
    errors.push(error);
  }
}

const endpoints: TokenEndpoint[] = [];

/** A fresh endpoint answering with `respond`; the scan knows every token it hands out. */
function endpointWith(respond?: TokenResponder, withRefreshToken = false) {
  const endpoint = createTokenEndpoint({
    withRefreshToken,
    lifetimeSeconds: 2,
    ...(respond === undefined ? {} : { respond }),
  });
  endpoints.push(endpoint);
  server.use(endpoint.handler);
  return endpoint;
}

afterAll(() => {
  // Nothing should have been missed by the scenarios below.
  expect(errors.length).toBeGreaterThan(15);
  expect(events.length).toBeGreaterThan(30);
});

const echoPage = (echo: string) => `<!doctype html><html><body><h1>Error</h1>
  <p>Request was: ${echo}</p><pre>${echo}</pre></body></html>`;

describe("failure scenarios (collecting errors and events)", () => {
  it("400 invalid_client whose description echoes the secret", async () => {
    endpointWith(() =>
      HttpResponse.json(
        {
          error: "invalid_client",
          error_description: `client_secret ${CLIENT_SECRET} (or ${encodeURIComponent(CLIENT_SECRET)}) is wrong`,
        },
        { status: 400 },
      ),
    );
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("an error code that echoes the secret", async () => {
    endpointWith(() =>
      HttpResponse.json({ error: `bad_secret_${CLIENT_SECRET}` }, { status: 401 }),
    );
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("a 401 JSON body without an OAuth error that echoes the form body", async () => {
    endpointWith((request) => HttpResponse.json({ received: request.body }, { status: 401 }));
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("an HTML 502 page echoing the raw body and the secret", async () => {
    endpointWith(
      (request) =>
        new HttpResponse(echoPage(`${request.body} ${CLIENT_SECRET}`), {
          status: 502,
          headers: { "Content-Type": "text/html" },
        }),
    );
    await collectFailure(
      track(
        createAuth(defineProvider(), options({ retry: { retries: 1, random: () => 0 } })),
      ).getToken(),
    );
  });

  it("a 500 text body with the percent-encoded secret at the very start", async () => {
    endpointWith(
      () => new HttpResponse(`${encodeURIComponent(CLIENT_SECRET)} rejected`, { status: 500 }),
    );
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("429 with Retry-After and an echo of the secret", async () => {
    endpointWith(
      () =>
        new HttpResponse(`slow down, ${CLIENT_SECRET}`, {
          status: 429,
          headers: { "Retry-After": "0" },
        }),
    );
    await collectFailure(
      track(createAuth(defineProvider(), options({ retry: { retries: 2 } }))).getToken(),
    );
  });

  it("a network reset and a timeout", async () => {
    endpointWith(() => HttpResponse.error());
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
    endpointWith(async () => {
      await delay(2_000);
      return undefined;
    });
    await collectFailure(
      track(createAuth(defineProvider(), options({ timeoutMs: 20 }))).getToken(),
    );
  });

  it("a 200 with truncated JSON that carries a new access token", async () => {
    const leaked = `at_LIVE_TOKEN_truncated_${crypto.randomUUID()}`;
    issuedSecrets.add(leaked);
    endpointWith(
      () =>
        new HttpResponse(`{"access_token":"${leaked}","token_type":"Bearer","expires_in":36`, {
          status: 200,
          headers: { "Content-Type": "application/json" },
        }),
    );
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("a 200 form-encoded answer that carries a new access token", async () => {
    const leaked = `at_LIVE_TOKEN_form_${crypto.randomUUID()}`;
    issuedSecrets.add(leaked);
    endpointWith(
      () =>
        new HttpResponse(`access_token=${leaked}&token_type=bearer&expires_in=3600`, {
          status: 200,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
    );
    await collectFailure(track(createAuth(defineProvider(), options())).getToken());
  });

  it("200 JSON with a valid access token but an unusable expires_in or token_type", async () => {
    for (const extra of [{ expires_in: "forever" }, { token_type: "mac" }, { scope: 12 }]) {
      const leaked = `at_LIVE_TOKEN_rejected_${crypto.randomUUID()}`;
      issuedSecrets.add(leaked);
      endpointWith(() => HttpResponse.json({ access_token: leaked, ...extra }));
      await collectFailure(track(createAuth(defineProvider(), options())).getToken());
    }
  });

  it("refresh grant answered by an HTML page echoing the refresh token, then client credentials", async () => {
    vi.useFakeTimers();
    const endpoint = endpointWith(
      (request, issue) =>
        request.grantType === "refresh_token"
          ? new HttpResponse(echoPage(`invalid_grant for ${request.form.get("refresh_token")}`), {
              status: 400,
              headers: { "Content-Type": "text/html" },
            })
          : issue(),
      true,
    );
    const auth = track(createAuth(defineProvider({ supportsRefreshGrant: true }), options()));
    const first = auth.getToken();
    await settle(() => endpoint.issued.length === 1);
    tokens.push(await first);
    vi.setSystemTime(Date.now() + 1_000);
    tokens.push(await auth.getToken());
    await settle(() => endpoint.issued.length === 2);
    tokens.push(await auth.getToken());
    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
  });

  it("background refresh failing with a JSON body echoing the refresh token", async () => {
    vi.useFakeTimers();
    const endpoint = endpointWith(
      (request, issue) =>
        request.grantType === "refresh_token"
          ? HttpResponse.json(
              {
                error: "temporarily_unavailable",
                error_description: `could not refresh ${request.form.get("refresh_token")}`,
              },
              { status: 503 },
            )
          : issue(),
      true,
    );
    const auth = track(createAuth(defineProvider({ supportsRefreshGrant: true }), options()));
    const first = auth.getToken();
    await settle(() => endpoint.issued.length === 1);
    tokens.push(await first);
    vi.setSystemTime(Date.now() + 1_000);
    await auth.getToken();
    await settle(() => events.some((event) => event.type === "refresh_failed"));
    expect(events.some((event) => event.type === "refresh_failed")).toBe(true);
  });

  it("401s through the middleware and auth.fetch, with an API that echoes the token", async () => {
    const endpoint = endpointWith();
    server.use(
      http.all(`${API_URL}/*`, ({ request }) =>
        HttpResponse.json(
          { error: "invalid_token", seen: request.headers.get("authorization") },
          { status: 401 },
        ),
      ),
    );
    const auth = track(createAuth(defineProvider(), options({ store: createMemoryTokenStore() })));
    const client = createClient<OrdersApi>({ baseUrl: API_URL });
    client.use(auth.middleware);
    await client.GET("/orders");
    await collectFailure(auth.fetch(`${API_URL}/orders`, { method: "POST", body: "x=1" }));
    tokens.push(await auth.getToken());
    expect(endpoint.issued.length).toBeGreaterThanOrEqual(3);
  });

  it("aborted callers", async () => {
    endpointWith(async () => {
      await delay(50);
      return undefined;
    });
    const auth = track(createAuth(defineProvider(), options()));
    const controller = new AbortController();
    const aborted = auth.getToken({ signal: controller.signal });
    controller.abort(new Error(`user gave up (${CLIENT_SECRET.length} chars)`));
    await collectFailure(aborted);
    await collectFailure(auth.getToken({ signal: AbortSignal.abort() }));
    tokens.push(await auth.getToken());
  });

  it("configuration and URL errors", async () => {
    const capture = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        errors.push(error);
      }
    };
    capture(() =>
      createAuth(defineProvider({ tokenUrl: `http://auth.example.com/token?s=${CLIENT_SECRET}` })),
    );
    capture(() =>
      assertSecureUrl(`ftp://${CLIENT_SECRET}@example.com/`, {
        allowInsecureHttp: false,
        packageName: "@paytok/testpay",
        purpose: "the token URL",
      }),
    );
    capture(() => requireCredential("   ", "clientSecret", "@paytok/testpay"));
    endpointWith();
    const auth = track(createAuth(defineProvider(), options()));
    await collectFailure(auth.fetch(`http://api.example.com/orders?access=${CLIENT_SECRET}`));
  });
});

/** The forms a secret could appear in once it went through an URL or a form. */
function forms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ]),
  ];
}

function secrets(): string[] {
  const issued = endpoints.flatMap((endpoint) =>
    endpoint.issued.flatMap((token) => [token.accessToken, token.refreshToken ?? []].flat()),
  );
  return [CLIENT_SECRET, ...issuedSecrets, ...issued].flatMap(forms);
}

/** Every way an object gets printed: message, String, JSON, inspect, and the cause chain. */
function renderings(value: unknown): string[] {
  const texts = [
    String(value),
    JSON.stringify(value) ?? "",
    inspect(value),
    inspect(value, { depth: 10, showHidden: true }),
  ];
  let current: unknown = value;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    texts.push(current.message, current.stack ?? "");
    current = current.cause;
  }
  return texts;
}

function expectClean(label: string, value: unknown) {
  for (const text of renderings(value)) {
    for (const secret of secrets()) {
      expect(text.includes(secret), `${label} shows ${secret.slice(0, 24)}…:\n${text}`).toBe(false);
    }
  }
}

describe("scan (runs after the scenarios)", () => {
  it("every endpoint and scenario token is known to the scan", () => {
    expect(issuedSecrets.size).toBeGreaterThan(0);
    expect(endpoints.some((endpoint) => endpoint.issued.some((token) => token.refreshToken))).toBe(
      true,
    );
  });

  it("no error shows a secret or a token in message, String, JSON or inspect", () => {
    expect(errors.every((error) => isPaytokError(error))).toBe(true);
    for (const [index, error] of errors.entries()) expectClean(`error #${index}`, error);
  });

  it("no event shows a secret or a token", () => {
    for (const [index, event] of events.entries()) expectClean(`${event.type} #${index}`, event);
  });

  it("tokens never show their access or refresh token when printed, serialized or spread", () => {
    expect(tokens.length).toBeGreaterThan(3);
    for (const token of tokens) {
      issuedSecrets.add(token.accessToken);
      if (token.refreshToken !== undefined) issuedSecrets.add(token.refreshToken);
    }
    for (const [index, token] of tokens.entries()) {
      expectClean(`token #${index}`, token);
      expectClean(`spread token #${index}`, { ...token });
      expectClean(`token #${index} as entries`, Object.entries(token));
      expectClean(`cloned token #${index}`, structuredClone({ ...token }));
      expect(inspect(token)).toContain("[redacted]");
    }
  });

  it("auth objects holding tokens show none of them", () => {
    for (const [index, auth] of auths.entries()) expectClean(`auth #${index}`, auth);
  });

  it("the scan itself finds a planted secret (so the checks above can fail)", () => {
    expect(() => expectClean("planted", { note: `x ${CLIENT_SECRET} y` })).toThrow();
    const [someToken] = tokens;
    expect(() => expectClean("planted", { note: someToken?.accessToken })).toThrow();
  });
});
