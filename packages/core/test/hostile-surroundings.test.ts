// Hostile inputs that do not come from the token endpoint's answer: values planted in a shared
// store, an API that refuses every token, a caller that gives up during the 401 replay, malformed
// Retry-After values, and secrets echoed in every encoding a server may use.
import { inspect } from "node:util";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../src/failure.js";
import {
  createAuth,
  createMemoryTokenStore,
  createToken,
  isPaytokError,
  type Token,
  type TokenStore,
} from "../src/index.js";
import { createRedactor, redact, secretForms } from "../src/redact.js";
import {
  API_URL,
  CLIENT_SECRET,
  createTokenEndpoint,
  defineProvider,
  recordEvents,
  rejection,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();

/** A store whose values are whatever an attacker with write access put there. */
function plantedStore(value: unknown): TokenStore {
  const memory = createMemoryTokenStore();
  return {
    get: async () => value as Token,
    set: (key, token, ttlMs) => memory.set(key, token, ttlMs),
    delete: (key) => memory.delete(key),
  };
}

describe("a planted store value is checked like a network answer", () => {
  const planted = "planted-token\r\nX-Evil: yes";
  const cases: Array<[string, unknown]> = [
    [
      "an access token with CR/LF",
      { accessToken: planted, tokenType: "Bearer", expiresAt: Date.now() + 60_000 },
    ],
    [
      "an expiry in the year 3000",
      { accessToken: "planted-token-3000", tokenType: "Bearer", expiresAt: Date.UTC(3000, 0, 1) },
    ],
    ["an expiry that is not a number", { accessToken: "planted-token-nan", expiresAt: "soon" }],
    [
      "a refresh token with a NUL",
      { accessToken: "planted-ok", expiresAt: Date.now() + 60_000, refreshToken: "r\u0000t" },
    ],
    ["a string", "planted-token-string"],
    ["an array", ["planted-token-array"]],
  ];
  for (const [name, value] of cases) {
    it(`${name} is a miss reported as store_error without its content, never a crash`, async () => {
      const endpoint = createTokenEndpoint();
      server.use(endpoint.handler);
      const recorder = recordEvents();
      const auth = createAuth(defineProvider(), {
        store: plantedStore(value),
        onEvent: recorder.onEvent,
      });
      const token = await auth.getToken();
      expect(token.accessToken).toBe(endpoint.issued[0]?.accessToken);
      const [event] = recorder.of("store_error");
      expect(event?.error.code).toBe("PAYTOK_STORE_ERROR");
      const printed = `${event?.error.message} ${inspect(recorder.events, { depth: 10 })}`;
      expect(printed).not.toContain("planted");
      expect(printed).not.toContain("X-Evil");
    });
  }

  it("a good stored token is served as a fresh Token that hides its secret", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const stored = {
      accessToken: "stored-token-ok",
      tokenType: "Bearer",
      expiresAt: Date.now() + 600_000,
    };
    const token = await createAuth(defineProvider(), { store: plantedStore(stored) }).getToken();
    expect(token.accessToken).toBe("stored-token-ok");
    expect(JSON.stringify(token)).not.toContain("stored-token-ok");
    expect(endpoint.count).toBe(0);
  });
});

describe("a lock that never expires", () => {
  it("stalls a cold start no longer than lockTimeoutMs and one poll", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const memory = createMemoryTokenStore();
    const stuck: TokenStore = {
      get: (key) => memory.get(key),
      set: (key, token, ttlMs) => memory.set(key, token, ttlMs),
      delete: (key) => memory.delete(key),
      lock: async () => undefined,
    };
    const auth = createAuth(defineProvider(), { store: stuck, lockTimeoutMs: 400 });
    const started = performance.now();
    await auth.getToken();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(waited).toBeLessThan(400 + 250 + 1_000);
    expect(endpoint.count).toBe(1);
  });
});

describe("an API that answers 401 to every token", () => {
  it("gets one new token, then a cooldown: later 401s fetch none, and fresh_token_rejected says so", async () => {
    const endpoint = createTokenEndpoint();
    const apiCalls: string[] = [];
    server.use(
      endpoint.handler,
      http.all(`${API_URL}/*`, ({ request }) => {
        apiCalls.push(request.headers.get("authorization") ?? "");
        return HttpResponse.json({ error: "invalid_token" }, { status: 401 });
      }),
    );
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), {
      onEvent: recorder.onEvent,
      unauthorizedCooldownMs: 60_000,
    });
    const first = await auth.fetch(`${API_URL}/orders`);
    expect(first.status).toBe(401);
    expect(endpoint.count).toBe(2);
    expect(recorder.of("fresh_token_rejected")).toEqual([
      expect.objectContaining({ provider: "testpay", cooldownMs: 60_000 }),
    ]);
    const later = await Promise.all(
      Array.from({ length: 50 }, () => auth.fetch(`${API_URL}/orders`)),
    );
    expect(later.every((response) => response.status === 401)).toBe(true);
    expect(endpoint.count).toBe(2);
    expect(apiCalls).toHaveLength(2 + 50);
  });

  it("after the cooldown a 401 gets a new token again", async () => {
    const endpoint = createTokenEndpoint();
    server.use(
      endpoint.handler,
      http.all(`${API_URL}/*`, () => new HttpResponse(null, { status: 401 })),
    );
    let now = Date.now();
    const auth = createAuth(defineProvider(), {
      clock: { now: () => now },
      unauthorizedCooldownMs: 5_000,
    });
    await auth.fetch(`${API_URL}/a`);
    expect(endpoint.count).toBe(2);
    await auth.fetch(`${API_URL}/b`);
    expect(endpoint.count).toBe(2);
    now += 5_001;
    await auth.fetch(`${API_URL}/c`);
    expect(endpoint.count).toBe(3);
  });
});

describe("the 401 replay honours the caller's signal", () => {
  it("a caller that aborts while the new token is awaited gets PAYTOK_ABORTED at once", async () => {
    let tokenRequests = 0;
    const endpoint = createTokenEndpoint({
      respond: async () => {
        tokenRequests += 1;
        // The first token comes at once; the one after the 401 never does.
        if (tokenRequests > 1) await new Promise(() => undefined);
        return undefined;
      },
    });
    server.use(
      endpoint.handler,
      http.all(`${API_URL}/*`, () => new HttpResponse(null, { status: 401 })),
    );
    const auth = createAuth(defineProvider(), { retry: false });
    await auth.getToken();
    const controller = new AbortController();
    const call = auth.fetch(`${API_URL}/orders`, { signal: controller.signal });
    while (tokenRequests < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const abortedAt = performance.now();
    controller.abort();
    const error = await rejection(call);
    expect(error.code).toBe("PAYTOK_ABORTED");
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
  });
});

describe("Retry-After is read strictly", () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  it.each([
    ["0", 0],
    ["120", 120_000],
    ["Tue, 01 Dec 2026 12:00:30 GMT", 30_000],
    ["Tuesday, 01-Dec-26 12:00:30 GMT", 30_000],
    ["Tue Dec  1 12:00:30 2026", 30_000],
    ["Tue, 01 Dec 2026 11:00:00 GMT", 0],
  ])("%j is %d ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
  it.each([
    "1.5",
    "-1",
    "+5",
    "1e3",
    "soon",
    "",
    "5 s",
    "Tue, 31 Feb 2026 12:00:00 GMT",
    "Tue, 01 Dec 2026 25:00:00 GMT",
    "2026-12-01T12:00:30Z",
    "99999999999999999999",
  ])("%j is no value (normal backoff)", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe("redaction knows every echo form", () => {
  const secret = 'p@ss w/rd+"Ünï"&<x>%41';
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).toLowerCase(),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    Buffer.from(secret).toString("hex"),
    secret
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;"),
  ];
  it.each(forms)("redacts %j", (form) => {
    expect(redact(`before ${form} after`, [secret])).toBe("before [redacted] after");
    expect(createRedactor([secret]).text(`x${form}x`)).toBe("x[redacted]x");
  });

  it("redacts the secret inside base64 of a longer text, at every alignment", () => {
    for (const prefix of ["", "a", "ab", "abc"]) {
      const encoded = Buffer.from(`${prefix}client_secret=${secret}&more`).toString("base64");
      const redacted = createRedactor([secret]).text(encoded);
      expect(redacted).toContain("[redacted]");
      // What is left cannot be decoded back into the secret's middle.
      expect(Buffer.from(redacted.replace("[redacted]", ""), "base64").toString()).not.toContain(
        "w/rd",
      );
    }
  });

  it("redacts object keys and values, and tokens learned later", () => {
    const redactor = createRedactor([secret]);
    redactor.add("learned-token-0123");
    expect(redactor.value({ [secret]: ["learned-token-0123", { deep: secret }] })).toEqual({
      "[redacted]": ["[redacted]", { deep: "[redacted]" }],
    });
  });

  it("secretForms leaves values under four characters alone", () => {
    expect(secretForms("abc")).toEqual([]);
    expect(redact("abc", ["abc"])).toBe("abc");
  });
});

describe("an error's cause chain goes through redaction", () => {
  it("a store that throws an error quoting the secret: the cause is a scrubbed copy", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const failing: TokenStore = {
      get: async () => {
        const inner = new TypeError(`bad header ${CLIENT_SECRET}`);
        throw Object.assign(new Error(`store failed: ${CLIENT_SECRET}`, { cause: inner }), {
          code: "EPLANTED",
        });
      },
      set: async () => undefined,
      delete: async () => undefined,
    };
    await createAuth(defineProvider(), { store: failing, onEvent: recorder.onEvent }).getToken();
    const [event] = recorder.of("store_error");
    expect(isPaytokError(event?.error)).toBe(true);
    const cause = event?.error.cause as Error & { cause: Error };
    const printed = [
      inspect(event, { depth: 10, showHidden: true }),
      cause.message,
      cause.stack,
      cause.cause.message,
      cause.cause.stack,
    ].join("\n");
    expect(printed).not.toContain(CLIENT_SECRET);
    expect(cause.message).toBe("store failed: [redacted]");
    expect(cause).toMatchObject({
      code: "EPLANTED",
      cause: { name: "TypeError", message: "bad header [redacted]" },
    });
  });

  it("a token that is not a Token at all never reaches a header", () => {
    expect(() => createToken({ accessToken: "ok-token", expiresAt: 1 })).not.toThrow();
  });
});
