// What a hostile or broken token endpoint can do, on a real loopback socket: hang, drip, send
// bodies that never end or are huge, redirect, send nonsense Retry-After values, and echo every
// secret back in every encoding it can think of. Each case must end in a typed PaytokError within
// its deadline, with bounded memory and event-loop delay, and leave no secret anywhere.
import { Buffer } from "node:buffer";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { isPaytokError, type PaytokAuth, type PaytokError, type PaytokEvent } from "@paytok/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { drip, type HostileServer, startHostileServer, writeForever } from "./hostile-server.js";

/**
 * A client secret with everything that changes under some encoding: spaces, quotes, a slash, a
 * plus, a percent sign, an ampersand, angle brackets, a backslash and non-ASCII letters. `LEAK`
 * marks it: the marker survives every text encoding, so finding it means a copy got out.
 */
export const HOSTILE_SECRET = 'sk live "LEAKMARK"/Ünï+c%41 & <b>\\end';

export interface HostileKnobs {
  timeoutMs?: number;
  totalTimeoutMs?: number;
  retry?:
    | false
    | { retries?: number; baseDelayMs?: number; maxDelayMs?: number; random?: () => number };
  onEvent?: (event: PaytokEvent) => void;
}

export interface HostileEndpointSuiteOptions {
  /** The provider's auth against `baseUrl` (loopback), with `clientSecret` and the knobs. */
  createAuth(baseUrl: string, clientSecret: string, knobs: HostileKnobs): PaytokAuth;
  /** A success body of this provider carrying `accessToken` (and `extra` fields). */
  tokenBody(accessToken: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** The provider uses the refresh grant (PayLater): its refresh token is a secret too. */
  refreshGrant?: boolean;
}

/** Where the figures of every case go; printed at the end with `PAYTOK_HOSTILE_REPORT=1`. */
interface Measure {
  name: string;
  ms: number;
  rssGrowthMb: number;
  maxDelayMs: number;
  code: string;
}

function everyForm(value: unknown): string {
  const parts: string[] = [];
  let cause: unknown = value;
  for (let depth = 0; depth < 8 && cause !== undefined && cause !== null; depth++) {
    const error = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    parts.push(String(error.message ?? ""), String(error.stack ?? ""), String(cause));
    cause = error.cause;
  }
  parts.push(JSON.stringify(value) ?? "", inspect(value, { depth: 10, showHidden: true }));
  return parts.join("\n");
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** What must never appear: the marker (in every text encoding) and the secret's binary encodings. */
function leakedForms(secret: string, text: string): string[] {
  const markers = [
    "LEAKMARK",
    base64(secret),
    base64(secret).replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("hex"),
  ];
  return markers.filter((marker) => text.includes(marker));
}

/** Every way a broken endpoint has been seen to echo a value it got. */
function echoes(secret: string): Array<[string, string]> {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    ["as is", secret],
    ["percent-encoded", encodeURIComponent(secret)],
    [
      "percent-encoded in lower case",
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    ],
    ["form-encoded", new URLSearchParams({ s: secret }).toString().slice(2)],
    ["JSON-escaped", json],
    ["JSON-escaped with \\/", json.replaceAll("/", "\\/")],
    [
      "JSON-escaped as \\u",
      json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    ],
    [
      "HTML-escaped",
      secret.replace(
        /[&<>"']/g,
        (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`,
      ),
    ],
    ["base64", base64(secret)],
    ["hex", Buffer.from(secret, "utf8").toString("hex")],
    ["inside base64 of a longer text", base64(`client_secret=${secret}&x=1`)],
  ];
}

/** Registers the hostile-endpoint suite of one provider package. */
export function describeHostileEndpoint(options: HostileEndpointSuiteOptions): void {
  let server: HostileServer;
  const measures: Measure[] = [];
  beforeAll(async () => {
    server = await startHostileServer();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
    if (process.env.PAYTOK_HOSTILE_REPORT === "1") console.table(measures);
  });

  const auth = (knobs: HostileKnobs = {}, secret = HOSTILE_SECRET) =>
    options.createAuth(server.url, secret, { retry: false, ...knobs });

  /**
   * Runs `call`, which must reject with a PaytokError, and checks the generous bounds that catch
   * a hang or a blow-up (not benchmarks): time, RSS growth, event-loop delay, no secret anywhere.
   */
  const measure = async (
    name: string,
    call: () => Promise<unknown>,
    bounds: { ms: number; rssMb?: number; delayMs?: number },
    events: PaytokEvent[] = [],
  ): Promise<PaytokError> => {
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const startedAt = performance.now();
    const outcome = await call().then(
      () => new Error("expected a rejection, but the call resolved"),
      (error: unknown) => error,
    );
    const ms = performance.now() - startedAt;
    histogram.disable();
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    const maxDelayMs = histogram.max / 1e6;
    expect(isPaytokError(outcome), `${name}: ${String(outcome)}`).toBe(true);
    const error = outcome as PaytokError;
    measures.push({
      name,
      ms: Math.round(ms),
      rssGrowthMb: Math.round(rssGrowthMb),
      maxDelayMs: Math.round(maxDelayMs),
      code: error.code,
    });
    expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(bounds.ms);
    expect(rssGrowthMb, `${name} grew RSS by ${Math.round(rssGrowthMb)} MB`).toBeLessThan(
      bounds.rssMb ?? 200,
    );
    expect(
      maxDelayMs,
      `${name} blocked the event loop for ${Math.round(maxDelayMs)} ms`,
    ).toBeLessThan(bounds.delayMs ?? 1_000);
    expect(leakedForms(HOSTILE_SECRET, everyForm(error))).toEqual([]);
    expect(leakedForms(HOSTILE_SECRET, everyForm(events))).toEqual([]);
    return error;
  };

  describe("a hostile token endpoint", () => {
    it("that sends headers and never a body times out, a garbage collection during the wait included", async () => {
      server.behave((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.flushHeaders();
      });
      const gc = setInterval(() => globalThis.gc?.(), 50);
      try {
        const error = await measure(
          "headers, then no body (GC running)",
          () => auth({ timeoutMs: 500 }).getToken(),
          { ms: 5_000 },
        );
        expect(error.code).toBe("PAYTOK_TIMEOUT");
      } finally {
        clearInterval(gc);
      }
      expect(typeof globalThis.gc, "run this suite with --expose-gc").toBe("function");
    });

    it("that never answers gets its connection closed when the attempt times out, garbage collections included", async () => {
      // Node 20's fetch forgets the abort of a Request that nothing references any more once a
      // garbage collection ran: the socket then stays open until undici's own 300 s timeout, and
      // keeps a finished process alive. paytok's timer settles the call; the abort must close it.
      let opened = 0;
      let closed = 0;
      server.behave((_request, response) => {
        opened++;
        response.socket?.once("close", () => closed++);
      });
      const gc = setInterval(() => globalThis.gc?.(), 20);
      try {
        const error = await auth({ timeoutMs: 300, retry: false })
          .getToken()
          .then(
            () => undefined,
            (caught: unknown) => caught as PaytokError,
          );
        expect(error?.code).toBe("PAYTOK_TIMEOUT");
        const until = Date.now() + 5_000;
        while (closed < opened && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(opened).toBe(1);
        expect(closed, "the timed-out request's connection is still open").toBe(1);
      } finally {
        clearInterval(gc);
      }
    });

    it("that never answers at all times out, and every waiting caller gets the error", async () => {
      server.behave(() => undefined);
      const provider = auth({ timeoutMs: 500 });
      const error = await measure(
        "no answer, 50 callers",
        async () => {
          const results = await Promise.allSettled(
            Array.from({ length: 50 }, () => provider.getToken()),
          );
          const reasons = results.map((result) =>
            result.status === "rejected" ? result.reason : undefined,
          );
          expect(
            new Set(reasons.map((reason) => (reason as PaytokError | undefined)?.code)),
          ).toEqual(new Set(["PAYTOK_TIMEOUT"]));
          throw reasons[0];
        },
        { ms: 5_000 },
      );
      expect(error.code).toBe("PAYTOK_TIMEOUT");
      expect(server.requests).toHaveLength(1);
    });

    it("that drips its body a byte at a time is cut off at timeoutMs, body read included", async () => {
      server.behave((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        drip(response, JSON.stringify(options.tokenBody("drip-token-value-0123456789")), 200);
      });
      const error = await measure(
        "a byte every 200 ms",
        () => auth({ timeoutMs: 1_000 }).getToken(),
        { ms: 5_000 },
      );
      expect(error.code).toBe("PAYTOK_TIMEOUT");
    });

    it("that retries forever is bounded by totalTimeoutMs, Retry-After waits included", async () => {
      server.behave((_request, response) => {
        response.writeHead(503, { "Retry-After": "1" }).end();
      });
      const error = await measure(
        "503 + Retry-After: 1, 20 retries allowed, totalTimeoutMs 2500",
        () => auth({ timeoutMs: 1_000, totalTimeoutMs: 2_500, retry: { retries: 20 } }).getToken(),
        { ms: 6_000 },
      );
      expect(error.status).toBe(503);
      expect(server.requests.length).toBeLessThanOrEqual(3);
    });

    it("that asks for a Retry-After beyond the deadline is not waited for", async () => {
      server.behave((_request, response) => {
        response.writeHead(429, { "Retry-After": "20" }).end();
      });
      const error = await measure(
        "429 + Retry-After: 20, totalTimeoutMs 5000",
        () => auth({ totalTimeoutMs: 5_000, retry: { retries: 3 } }).getToken(),
        { ms: 3_000 },
      );
      expect(error).toMatchObject({ status: 429, retryAfterMs: 20_000, retryable: true });
      expect(server.requests).toHaveLength(1);
    });

    for (const value of ["1.5", "-1", "soon", "Sun, 31 Feb 2026 08:49:37 GMT", "1e3"]) {
      it(`that sends a malformed Retry-After (${value}) gets normal backoff, not back-to-back retries`, async () => {
        const arrivals: number[] = [];
        server.behave((_request, response) => {
          arrivals.push(performance.now());
          response.writeHead(503, { "Retry-After": value }).end();
        });
        const error = await measure(
          `503 + Retry-After: ${value}`,
          () =>
            auth({
              retry: { retries: 2, baseDelayMs: 200, maxDelayMs: 1_000, random: () => 0.99 },
            }).getToken(),
          { ms: 5_000 },
        );
        expect(error.retryAfterMs).toBeUndefined();
        expect(arrivals).toHaveLength(3);
        const [first = 0, second = 0, third = 0] = arrivals;
        // Backoff with random 0.99: about 198 ms, then about 396 ms.
        expect(second - first).toBeGreaterThanOrEqual(150);
        expect(third - second).toBeGreaterThanOrEqual(350);
      });
    }

    it("that sends a 200 body that never ends stops reading at the cap", async () => {
      server.behave((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.write('{"access_token":"');
        writeForever(response, "A".repeat(64 * 1024));
      });
      const error = await measure("endless 200 body", () => auth({ timeoutMs: 5_000 }).getToken(), {
        ms: 4_000,
        rssMb: 100,
      });
      expect(error).toMatchObject({ code: "PAYTOK_INVALID_TOKEN_RESPONSE", status: 200 });
    });

    it("that sends an error body that never ends reads only its first KB", async () => {
      server.behave((_request, response) => {
        response.writeHead(500, { "Content-Type": "text/html" });
        writeForever(response, "<p>trouble</p>\n".repeat(4096));
      });
      const error = await measure("endless 500 body", () => auth({ timeoutMs: 5_000 }).getToken(), {
        ms: 4_000,
        rssMb: 100,
      });
      expect(error).toMatchObject({ code: "PAYTOK_TOKEN_REQUEST_FAILED", status: 500 });
      expect(error.bodySnippet?.length ?? 0).toBeLessThanOrEqual(200);
    });

    it("that sends a 50 MB HTML error page does not block the event loop", async () => {
      const page = Buffer.from(`<html>${"<td>x</td>\n\t ".repeat(4 * 1024 * 1024)}</html>`);
      server.behave((_request, response) => {
        response.writeHead(502, { "Content-Type": "text/html", "Content-Length": page.byteLength });
        response.end(page);
      });
      const error = await measure("50 MB HTML 502", () => auth({ timeoutMs: 5_000 }).getToken(), {
        ms: 4_000,
        rssMb: 150,
        delayMs: 500,
      });
      expect(error.status).toBe(502);
    });

    it("that sends a gzip bomb stops at the cap of the decompressed body", async () => {
      const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, "A"));
      server.behave((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
        response.end(bomb);
      });
      const error = await measure(
        "gzip bomb (200 MB inflated)",
        () => auth({ timeoutMs: 5_000 }).getToken(),
        { ms: 4_000, rssMb: 150 },
      );
      expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    });

    it("that cuts the connection mid-body is a retryable network error", async () => {
      server.behave((_request, response) => {
        response.writeHead(200, { "Content-Type": "application/json", "Content-Length": 500 });
        response.write('{"access_token":"cut');
        setTimeout(() => response.socket?.destroy(), 20);
      });
      const error = await measure("connection cut mid-body", () => auth().getToken(), {
        ms: 3_000,
      });
      expect(error).toMatchObject({ code: "PAYTOK_NETWORK_ERROR", retryable: true });
    });

    it("that redirects is a typed error, not retried, and the credentials never reach the target", async () => {
      const target = await startHostileServer();
      try {
        server.behave((_request, response) => {
          response.writeHead(307, { Location: `${target.url}/steal` }).end();
        });
        const error = await measure(
          "307 to another host",
          () => auth({ retry: { retries: 3 } }).getToken(),
          { ms: 3_000 },
        );
        expect(error).toMatchObject({
          code: "PAYTOK_TOKEN_REQUEST_FAILED",
          status: 307,
          retryable: false,
        });
        expect(server.requests).toHaveLength(1);
        expect(target.requests).toHaveLength(0);
      } finally {
        await target.close();
      }
    });

    for (const [form, echoed] of echoes(HOSTILE_SECRET)) {
      it(`that echoes the client secret ${form} leaks it nowhere`, async () => {
        server.behave((request, response, index) => {
          // Every answer carries the echo, and the raw request (the secret as sent) too.
          const raw = `${request.body} ${request.headers.authorization ?? ""}`;
          const answers = [
            () =>
              response.writeHead(400, { "Content-Type": "application/json" }).end(
                JSON.stringify({
                  error: "invalid_client",
                  error_description: `bad secret ${echoed}`,
                  [echoed]: raw,
                }),
              ),
            () =>
              response
                .writeHead(500, { "Content-Type": "text/html" })
                .end(`<pre>\n  ${echoed}\n  ${raw}\n</pre>`),
            () =>
              response
                .writeHead(200, { "Content-Type": "application/json" })
                .end(JSON.stringify({ echo: echoed, [echoed]: raw })),
          ];
          answers[index % answers.length]?.();
        });
        for (let round = 0; round < 3; round++) {
          const events: PaytokEvent[] = [];
          const error = await measure(
            `echo ${form} #${round + 1}`,
            () => auth({ onEvent: (event) => events.push(event) }).getToken(),
            { ms: 3_000 },
            events,
          );
          expect(error.code).toMatch(/PAYTOK_(TOKEN_REQUEST_FAILED|INVALID_TOKEN_RESPONSE)/);
        }
      });
    }

    it("that echoes the client secret as a JSON object key leaves no key with it in providerDetails", async () => {
      server.behave((_request, response) => {
        response.writeHead(403, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            error: "invalid_client",
            [HOSTILE_SECRET]: "x",
            nested: { [HOSTILE_SECRET]: [HOSTILE_SECRET] },
          }),
        );
      });
      const error = await measure("secret as a JSON key", () => auth().getToken(), { ms: 3_000 });
      expect(error.status).toBe(403);
    });

    it("that echoes a token it issued earlier leaks neither", async () => {
      const issued = "issued-access-token-LEAKMARK-0123456789";
      const refresh = "issued-refresh-token-LEAKMARK-9876543210";
      server.behave((request, response, index) => {
        if (index === 0) {
          response
            .writeHead(200, { "Content-Type": "application/json" })
            .end(
              JSON.stringify(
                options.tokenBody(
                  issued,
                  options.refreshGrant ? { refresh_token: refresh, refresh_expires_in: 600 } : {},
                ),
              ),
            );
          return;
        }
        const echo = options.refreshGrant
          ? `${issued} ${encodeURIComponent(refresh)} ${base64(refresh)} ${request.body}`
          : `${issued} ${base64(issued)} ${request.body}`;
        response
          .writeHead(request.body.includes("refresh_token") ? 400 : 500, {
            "Content-Type": "application/json",
          })
          .end(
            JSON.stringify({
              error: request.body.includes("refresh_token") ? "invalid_grant" : "server_error",
              error_description: echo,
            }),
          );
      });
      const events: PaytokEvent[] = [];
      const provider = auth({ onEvent: (event) => events.push(event) });
      const token = await provider.getToken();
      expect(token.accessToken).toBe(issued);
      const error = await measure(
        "echo of issued tokens",
        () => provider.getToken({ forceRefresh: true }),
        { ms: 3_000 },
        events,
      );
      const printed = everyForm(error) + everyForm(events);
      expect(printed).not.toContain(issued);
      expect(printed).not.toContain(refresh);
      expect(printed).not.toContain(base64(refresh));
      if (options.refreshGrant) {
        // The refresh grant was refused, then the client-credentials fallback failed too.
        expect(events.map((event) => event.type)).toContain("refresh_grant_rejected");
      }
    });
  });
}
