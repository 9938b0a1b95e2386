// What running token clients in production asks for, on the real wire (msw): credentials read
// per request and rotated without a restart, host pinning of the bearer token, a refresh grant
// that keeps the refresh token an answer leaves out, and fleet-wide backoff through a store.
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, type TokenStore } from "../src/index.js";
import {
  API_URL,
  CLIENT_SECRET,
  createTestpayAuth,
  createTokenEndpoint,
  recordEvents,
  rejection,
  thrown,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();
const NEW_SECRET = "sk_live_ROTATED_9e1b+/=&77aa";

/** An endpoint that accepts only `secret()` and answers others with 401 invalid_client. */
function endpointAccepting(secret: () => string) {
  const endpoint = createTokenEndpoint({
    respond: (request) =>
      request.form.get("client_secret") === secret()
        ? undefined
        : HttpResponse.json(
            {
              error: "invalid_client",
              error_description: `bad secret ${request.form.get("client_secret")}`,
            },
            { status: 401 },
          ),
  });
  server.use(endpoint.handler);
  return endpoint;
}

describe("credentials given as functions", () => {
  it("are read for each token request, sync or async", async () => {
    const endpoint = endpointAccepting(() => CLIENT_SECRET);
    let reads = 0;
    const auth = createTestpayAuth({
      clientSecret: async () => {
        reads += 1;
        return CLIENT_SECRET;
      },
      clientId: () => "client-4711",
    });
    await auth.getToken();
    await auth.getToken();
    expect(reads).toBe(1);
    await auth.getToken({ forceRefresh: true });
    expect(reads).toBe(2);
    expect(endpoint.requests.map((request) => request.form.get("client_id"))).toEqual([
      "client-4711",
      "client-4711",
    ]);
  });

  it("a refused secret is read once more and the request retried once with the new one", async () => {
    let accepted = CLIENT_SECRET;
    const endpoint = endpointAccepting(() => accepted);
    let current = CLIENT_SECRET;
    const recorder = recordEvents();
    const auth = createTestpayAuth({ clientSecret: () => current, onEvent: recorder.onEvent });
    await auth.getToken();
    // The provider's console rotates the secret; the secret store follows.
    accepted = NEW_SECRET;
    let stale = true;
    const reader = createTestpayAuth({
      clientSecret: () => {
        const value = stale ? CLIENT_SECRET : NEW_SECRET;
        stale = false;
        return value;
      },
      onEvent: recorder.onEvent,
    });
    current = NEW_SECRET;
    await reader.getToken();
    expect(endpoint.requests.slice(1).map((request) => request.form.get("client_secret"))).toEqual([
      CLIENT_SECRET,
      NEW_SECRET,
    ]);
    const rotated = recorder.of("credentials_rotated");
    expect(rotated).toHaveLength(1);
    expect(rotated[0]).toMatchObject({ provider: "testpay", grant: "client_credentials" });
    const text = JSON.stringify(recorder.events);
    expect(text).not.toContain(NEW_SECRET);
    expect(text).not.toContain("ROTATED");
  });

  it("unchanged credentials after a refusal: the refusal stands, nothing is sent twice", async () => {
    const endpoint = endpointAccepting(() => NEW_SECRET);
    let reads = 0;
    const auth = createTestpayAuth({
      clientSecret: () => {
        reads += 1;
        return CLIENT_SECRET;
      },
    });
    const error = await rejection(auth.getToken());
    expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(error.oauthError).toBe("invalid_client");
    expect(endpoint.count).toBe(1);
    expect(reads).toBe(2);
    // The endpoint's echo of the secret is scrubbed, as for a fixed secret.
    expect(JSON.stringify(error)).not.toContain("SECRET_7f3a9c");
  });

  it("a secret that changes on every read gets one retry only, and no value leaks", async () => {
    const endpoint = endpointAccepting(() => "never-this-one");
    let serial = 0;
    const auth = createTestpayAuth({ clientSecret: () => `sk_live_SERIAL_${++serial}_x` });
    const error = await rejection(auth.getToken());
    expect(endpoint.count).toBe(2);
    const text = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(text).not.toMatch(/SERIAL_\d/);
  });

  it("a function that throws or returns no string is a typed error naming the option", async () => {
    server.use(createTokenEndpoint().handler);
    const failing = createTestpayAuth({
      clientSecret: async () => {
        throw new Error("vault unreachable");
      },
    });
    const error = await rejection(failing.getToken({ signal: AbortSignal.timeout(5_000) }));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toContain("clientSecret function failed");
    expect(error.retryable).toBe(true);
    const empty = createTestpayAuth({ clientSecret: () => "" });
    const emptyError = await rejection(empty.getToken());
    expect(emptyError.code).toBe("PAYTOK_CONFIGURATION");
    expect(emptyError.message).toContain("clientSecret is required");
  });
});

describe("allowedHosts", () => {
  function apiAndToken() {
    const endpoint = createTokenEndpoint();
    const api: string[] = [];
    server.use(
      endpoint.handler,
      http.all("https://*/*", ({ request }) => {
        api.push(request.url);
        return HttpResponse.json({ ok: true });
      }),
    );
    return { endpoint, api };
  }

  it("auth.fetch attaches the token for allowed hosts and refuses others before sending", async () => {
    const { endpoint, api } = apiAndToken();
    const auth = createTestpayAuth({ allowedHosts: ["api.paytok.test", "*.pay.example"] });
    expect((await auth.fetch("https://API.PAYTOK.TEST/v1")).status).toBe(200);
    expect((await auth.fetch("https://eu.pay.example/v1")).status).toBe(200);
    expect((await auth.fetch("https://a.b.pay.example/v1")).status).toBe(200);
    // Last: the URLs below start with this one's origin, and must not pass for it.
    expect((await auth.fetch(`${API_URL}/v1/charges`)).status).toBe(200);
    const before = api.length;
    for (const url of [
      "https://pay.example/v1",
      "https://evilpay.example/v1",
      "https://api.paytok.test.evil.example/v1",
      "https://api.paytok.test@evil.example/v1",
      "https://evil.example\\@api.paytok.test/v1",
      "https:evil.example/v1",
    ]) {
      const error = await rejection(auth.fetch(url));
      expect(error.code, url).toBe("PAYTOK_HOST_NOT_ALLOWED");
    }
    const request = await rejection(
      auth.fetch(new Request("https://evil.example/x", { method: "POST", body: "{}" })),
    );
    expect(request.code).toBe("PAYTOK_HOST_NOT_ALLOWED");
    expect(api.length).toBe(before);
    expect(endpoint.count).toBe(1);
  });

  it("a refused host gets no token request at all", async () => {
    const { endpoint } = apiAndToken();
    const auth = createTestpayAuth({ allowedHosts: ["api.paytok.test"] });
    const error = await rejection(auth.fetch("https://other.example/v1"));
    expect(error.message).toContain("other.example");
    expect(endpoint.count).toBe(0);
  });

  it("the middleware checks the request's own URL", async () => {
    const { api } = apiAndToken();
    const auth = createTestpayAuth({ allowedHosts: ["api.paytok.test"] });
    const send = async (url: string) => {
      const request = new Request(url);
      const result = auth.middleware.onRequest({ request, options: { baseUrl: API_URL } });
      await result;
      return request.headers.get("authorization");
    };
    expect(await send(`${API_URL}/v1`)).toMatch(/^Bearer /);
    const error = await rejection(send("https://evil.example/v1"));
    expect(error.code).toBe("PAYTOK_HOST_NOT_ALLOWED");
    expect(api).toEqual([]);
  });

  it("entries that are not host names are refused at creation", () => {
    for (const allowedHosts of [
      [],
      [""],
      ["https://api.paytok.test"],
      ["api.paytok.test:443"],
      ["*."],
      ["a/b"],
      [42],
    ]) {
      const error = thrown(() => createTestpayAuth({ allowedHosts: allowedHosts as string[] }));
      expect(error.code, JSON.stringify(allowedHosts)).toBe("PAYTOK_CONFIGURATION");
      expect(error.message).toContain("allowedHosts");
    }
    expect(thrown(() => createTestpayAuth({ allowedHosts: "api.paytok.test" as never })).code).toBe(
      "PAYTOK_CONFIGURATION",
    );
  });
});

describe("a refresh answer without a refresh token", () => {
  it("keeps the refresh token in hand for the next refresh instead of a full grant", async () => {
    let refreshes = 0;
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 120,
      withRefreshToken: true,
      refreshLifetimeSeconds: 1_800,
      respond: (request, issue) => {
        if (request.grantType !== "refresh_token") return undefined;
        refreshes += 1;
        const response = issue();
        return response.json().then((body: Record<string, unknown>) => {
          const { refresh_token: _left, refresh_expires_in: _out, ...rest } = body;
          return HttpResponse.json(rest);
        });
      },
    });
    server.use(endpoint.handler);
    const auth = createTestpayAuth();
    const first = await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    const third = await auth.getToken({ forceRefresh: true });
    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token", "refresh_token"]);
    expect(endpoint.requests[2]?.form.get("refresh_token")).toBe(first.refreshToken);
    expect(third.refreshToken).toBe(first.refreshToken);
    expect(refreshes).toBe(2);
  });
});

describe("fleet-wide backoff through a shared store", () => {
  function limitedEndpoint(retryAfterSeconds: number, times: number) {
    let left = times;
    const endpoint = createTokenEndpoint({
      respond: () =>
        left-- > 0
          ? HttpResponse.json(
              { error: "slow_down" },
              { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
            )
          : undefined,
    });
    server.use(endpoint.handler);
    return endpoint;
  }

  it("a Retry-After one auth object was told, the others sharing the store wait out", async () => {
    const endpoint = limitedEndpoint(1, 1);
    const store = createMemoryTokenStore();
    const first = createTestpayAuth({ store, retry: false });
    const recorder = recordEvents();
    const second = createTestpayAuth({ store, onEvent: recorder.onEvent });
    expect((await rejection(first.getToken())).status).toBe(429);
    const started = Date.now();
    await second.getToken();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(endpoint.count).toBe(2);
    const [firstAt, secondAt] = endpoint.requests.map((request) => request.at);
    expect(Number(secondAt) - Number(firstAt)).toBeGreaterThanOrEqual(950);
    expect(recorder.of("fleet_backoff")).toHaveLength(1);
  });

  it("a backoff beyond the request's limits fails at once with PAYTOK_FLEET_BACKOFF", async () => {
    const endpoint = limitedEndpoint(20, 1);
    const store = createMemoryTokenStore();
    const first = createTestpayAuth({ store, retry: false });
    await rejection(first.getToken());
    const second = createTestpayAuth({ store, totalTimeoutMs: 2_000 });
    const error = await rejection(second.getToken());
    expect(error.code).toBe("PAYTOK_FLEET_BACKOFF");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThan(15_000);
    expect(endpoint.count).toBe(1);
  });

  it("a planted backoff far ahead is ignored and reported, not obeyed", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const memory = createMemoryTokenStore();
    const store: TokenStore = { ...memory, getBackoff: async () => Date.now() + 86_400_000 };
    const recorder = recordEvents();
    const auth = createTestpayAuth({ store, onEvent: recorder.onEvent });
    await auth.getToken();
    expect(endpoint.count).toBe(1);
    expect(
      recorder
        .of("store_error")
        .map((event) => event.error.message)
        .join(),
    ).toContain("backoff");
  });

  it("a store with only one of setBackoff/getBackoff is refused", () => {
    const { getBackoff: _left, ...half } = createMemoryTokenStore();
    expect(thrown(() => createTestpayAuth({ store: half })).code).toBe("PAYTOK_CONFIGURATION");
  });
});

describe("logger", () => {
  /** A logger that keeps every line with its level. */
  function memoryLogger() {
    const lines: [string, string][] = [];
    const at = (level: string) => (message: string) => {
      lines.push([level, message]);
    };
    return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  }

  it("says what happens at the documented levels, with no secret and no token at any", async () => {
    let call = 0;
    const endpoint = createTokenEndpoint({
      withRefreshToken: true,
      respond: () => {
        call += 1;
        if (call === 2) {
          // An error body echoing the secret, percent-encoded and in JSON, as a hostile server might.
          return HttpResponse.json(
            {
              error: "temporarily_unavailable",
              error_description: `${CLIENT_SECRET} ${encodeURIComponent(CLIENT_SECRET)}`,
            },
            { status: 503 },
          );
        }
        if (call >= 4) return HttpResponse.json({ error: "invalid_client" }, { status: 401 });
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const logger = memoryLogger();
    const auth = createTestpayAuth({ logger, retry: { baseDelayMs: 1 } });
    await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    await rejection(auth.getToken({ forceRefresh: true }));
    const levels = logger.lines.map(([level]) => level);
    expect(levels).toContain("debug");
    expect(levels).toContain("info");
    expect(levels).toContain("warn");
    expect(levels).toContain("error");
    expect(logger.lines.find(([level]) => level === "info")?.[1]).toMatch(
      /^paytok testpay: new token \(client_credentials\) in \d+ ms, valid for \d+ s$/,
    );
    expect(logger.lines.find(([level]) => level === "warn")?.[1]).toContain("retrying in");
    expect(logger.lines.find(([level]) => level === "error")?.[1]).toContain(
      "PAYTOK_TOKEN_REQUEST_FAILED",
    );
    const text = logger.lines.map(([, line]) => line).join("\n");
    for (const secret of [
      CLIENT_SECRET,
      encodeURIComponent(CLIENT_SECRET),
      ...endpoint.issued.flatMap((token) => [token.accessToken, token.refreshToken ?? "--"]),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("fits console and pino as they are", async () => {
    server.use(createTokenEndpoint().handler);
    const { Console } = await import("node:console");
    const { PassThrough } = await import("node:stream");
    const out = new PassThrough();
    let written = "";
    out.on("data", (chunk) => {
      written += String(chunk);
    });
    await createTestpayAuth({ logger: new Console({ stdout: out, stderr: out }) }).getToken();
    expect(written).toContain("paytok testpay: new token (client_credentials)");

    const { pino } = await import("pino");
    const lines: string[] = [];
    const log = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
    await createTestpayAuth({ logger: log }).getToken();
    const records = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(records.map((record) => record.level)).toEqual([20, 30]);
    expect(records[1]?.msg).toContain("new token");
  });

  it("is off by default, and a logger without the four methods is refused", () => {
    expect(thrown(() => createTestpayAuth({ logger: { info() {} } as never })).message).toContain(
      "logger must be an object with debug, info, warn and error",
    );
  });

  it("a logger that throws does not break token handling", async () => {
    server.use(createTokenEndpoint().handler);
    const boom = () => {
      throw new Error("disk full");
    };
    const auth = createTestpayAuth({
      logger: { debug: boom, info: boom, warn: boom, error: boom },
    });
    await expect(auth.getToken()).resolves.toMatchObject({ tokenType: "Bearer" });
  });
});
