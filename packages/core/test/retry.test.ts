import { delay, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  createAuth,
  type PaytokErrorCode,
  type RetryOptions,
  requestToken,
  resolveRetryOptions,
} from "../src/index.js";
import {
  createTokenEndpoint,
  defineProvider,
  recordEvents,
  rejection,
  runUntilSettled,
  settle,
  type TokenResponder,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();
const START = Date.UTC(2030, 0, 1);

const HTML_PAGE = `<!DOCTYPE html>
<html>
  <head><title>502 Bad Gateway</title><style>body { font-family: sans-serif; }</style></head>
  <body>
    <h1>Bad Gateway</h1>
    <p>The upstream server did not answer in time.</p>
    ${"<p>filler paragraph that makes the page long</p>\n".repeat(40)}
    <footer>END-OF-PAGE-MARKER</footer>
  </body>
</html>`;

function setUp(
  respond: TokenResponder | undefined,
  retry: RetryOptions | false = {},
  totalTimeoutMs?: number,
) {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  const endpoint = createTokenEndpoint(respond === undefined ? {} : { respond });
  server.use(endpoint.handler);
  const recorder = recordEvents();
  const auth = createAuth(defineProvider(), {
    onEvent: recorder.onEvent,
    timeoutMs: 1_000,
    ...(totalTimeoutMs === undefined ? {} : { totalTimeoutMs }),
    retry: retry === false ? false : { random: () => 0, ...retry },
  });
  return { endpoint, recorder, auth };
}

interface FailureCase {
  name: string;
  respond: TokenResponder;
  attempts: number;
  code: PaytokErrorCode;
  status: number | undefined;
  retryable: boolean;
}

const failures: FailureCase[] = [
  {
    name: "a network reset",
    respond: () => HttpResponse.error(),
    attempts: 3,
    code: "PAYTOK_NETWORK_ERROR",
    status: undefined,
    retryable: true,
  },
  {
    name: "a timeout (no answer within timeoutMs)",
    respond: async () => {
      await delay(60_000);
      return undefined;
    },
    attempts: 3,
    code: "PAYTOK_TIMEOUT",
    status: undefined,
    retryable: true,
  },
  {
    name: "HTTP 500",
    respond: () => new HttpResponse("Internal Server Error", { status: 500 }),
    attempts: 3,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 500,
    retryable: true,
  },
  {
    name: "HTTP 503",
    respond: () => HttpResponse.json({ error: "temporarily_unavailable" }, { status: 503 }),
    attempts: 3,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 503,
    retryable: true,
  },
  {
    name: "HTTP 408",
    respond: () => new HttpResponse(null, { status: 408 }),
    attempts: 3,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 408,
    retryable: true,
  },
  {
    name: "an HTML error page (502)",
    respond: () =>
      new HttpResponse(HTML_PAGE, { status: 502, headers: { "Content-Type": "text/html" } }),
    attempts: 3,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 502,
    retryable: true,
  },
  {
    name: "truncated JSON on 200",
    respond: () =>
      new HttpResponse('{"token_type":"Bearer","expires_in":3600,"sco', {
        status: 200,
        headers: { "Content-Type": "application/json" },
      }),
    attempts: 3,
    code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    status: 200,
    retryable: true,
  },
  {
    name: "an empty body on 200",
    respond: () => new HttpResponse("", { status: 200 }),
    attempts: 3,
    code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    status: 200,
    retryable: true,
  },
  {
    name: "400 invalid_client",
    respond: () =>
      HttpResponse.json(
        { error: "invalid_client", error_description: "Invalid client credentials" },
        { status: 400 },
      ),
    attempts: 1,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 400,
    retryable: false,
  },
  {
    name: "401 invalid_client",
    respond: () => HttpResponse.json({ error: "invalid_client" }, { status: 401 }),
    attempts: 1,
    code: "PAYTOK_TOKEN_REQUEST_FAILED",
    status: 401,
    retryable: false,
  },
  {
    name: "a 200 JSON body that is no token",
    respond: () => HttpResponse.json({ success: false, message: "nope" }),
    attempts: 1,
    code: "PAYTOK_INVALID_TOKEN_RESPONSE",
    // The status of the answer travels with the error, even when the failure is in its body.
    status: 200,
    retryable: false,
  },
];

describe("retry matrix", () => {
  it.each(failures)("$name: $attempts attempt(s), $code", async (failure) => {
    const { endpoint, recorder, auth } = setUp(failure.respond);

    const result = rejection(auth.getToken());
    await runUntilSettled(result);
    const error = await result;

    expect(endpoint.count).toBe(failure.attempts);
    expect(error.code).toBe(failure.code);
    expect(error.status).toBe(failure.status);
    expect(error.retryable).toBe(failure.retryable);
    expect(error.packageName).toBe("@paytok/testpay");
    expect(error.message.startsWith("@paytok/testpay: ")).toBe(true);
    const scheduled = recorder.of("retry_scheduled");
    expect(scheduled.map((event) => event.attempt)).toEqual(
      Array.from({ length: failure.attempts - 1 }, (_, index) => index + 1),
    );
    for (const event of scheduled) {
      expect(event.error.code).toBe(failure.code);
      expect(event.delayMs).toBe(0);
      expect(event.grant).toBe("client_credentials");
    }
    expect(recorder.of("token_requested").map((event) => event.attempt)).toEqual(
      Array.from({ length: failure.attempts }, (_, index) => index),
    );
    expect(recorder.of("token_request_failed")).toHaveLength(1);
    expect(recorder.of("token_request_failed")[0]?.error).toBe(error);
  });

  it("a timeout is measured per attempt with timeoutMs", async () => {
    const { endpoint, auth } = setUp(async () => {
      await delay(60_000);
      return undefined;
    });
    const result = rejection(auth.getToken());
    await settle(() => endpoint.count === 1);
    await vi.advanceTimersByTimeAsync(999);
    expect(endpoint.count).toBe(1);
    await runUntilSettled(result, { step: 1 });
    const error = await result;
    expect(error.code).toBe("PAYTOK_TIMEOUT");
    expect(error.message).toContain("1000 ms");
    // Each attempt is cut at 1 000 ms; a zero back-off still waits one timer tick (1 ms).
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 1_001, 2_002]);
  });

  it("400 invalid_client keeps the OAuth error and description", async () => {
    const { auth } = setUp(
      failures.find((failure) => failure.name === "400 invalid_client")?.respond,
    );
    const error = await rejection(auth.getToken());
    expect(error.oauthError).toBe("invalid_client");
    expect(error.error).toBe("invalid_client");
    expect(error.oauthErrorDescription).toBe("Invalid client credentials");
    expect(error.errorDescription).toBe("Invalid client credentials");
    expect(error.bodySnippet).toBeUndefined();
    expect(error.message).toBe(
      "@paytok/testpay: token request failed with HTTP 400: invalid_client (Invalid client credentials)",
    );
  });

  it("an HTML error page: bodySnippet is set, the message carries no HTML beyond it", async () => {
    const { auth } = setUp(
      failures.find((failure) => failure.name === "an HTML error page (502)")?.respond,
      false,
    );
    const error = await rejection(auth.getToken());
    expect(error.bodySnippet).toBeDefined();
    const bodySnippet = error.bodySnippet ?? "";
    expect(bodySnippet.length).toBeLessThanOrEqual(200);
    expect(bodySnippet.startsWith("<!DOCTYPE html> <html> <head><title>502 Bad Gateway")).toBe(
      true,
    );
    expect(bodySnippet).not.toContain("\n");
    expect(error.message).toBe(
      `@paytok/testpay: token request failed with HTTP 502: ${bodySnippet.slice(0, 80)}`,
    );
    expect(error.message).not.toContain("END-OF-PAGE-MARKER");
    expect(JSON.stringify(error)).not.toContain("END-OF-PAGE-MARKER");
    expect(error.oauthError).toBeUndefined();
  });

  it("a 2xx body that is not JSON is described without a snippet: it may hold a token", async () => {
    const { auth } = setUp(
      () => new HttpResponse('{"access_token":"at-cut-off","expires', { status: 200 }),
      false,
    );
    const error = await rejection(auth.getToken());
    expect(error.message).toBe(
      "@paytok/testpay: token endpoint answered HTTP 200 with a body that is not JSON",
    );
    expect(error.bodySnippet).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain("at-cut-off");
  });

  it("an error JSON body without an OAuth error keeps a snippet of it", async () => {
    const { auth } = setUp(
      () => HttpResponse.json({ success: false, reason: "maintenance" }, { status: 400 }),
      false,
    );
    const error = await rejection(auth.getToken());
    expect(error.bodySnippet).toBe('{"success":false,"reason":"maintenance"}');
  });
});

describe("Retry-After", () => {
  it("429 with Retry-After in seconds: waits exactly that long between attempts", async () => {
    const { endpoint, recorder, auth } = setUp(
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "1" } }),
    );
    const result = rejection(auth.getToken());
    await settle(() => recorder.of("retry_scheduled").length === 1);
    await vi.advanceTimersByTimeAsync(999);
    expect(endpoint.count).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle(() => endpoint.count === 2);
    expect(endpoint.count).toBe(2);
    await runUntilSettled(result);
    const error = await result;

    expect(endpoint.count).toBe(3);
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 1_000, 2_000]);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(1_000);
    expect(recorder.of("retry_scheduled").map((event) => event.delayMs)).toEqual([1_000, 1_000]);
  });

  it("429 with Retry-After as an HTTP date", async () => {
    const retryAt = new Date(START + 3_000).toUTCString();
    const { endpoint, recorder, auth } = setUp(
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": retryAt } }),
      { retries: 1 },
    );
    const result = rejection(auth.getToken());
    await runUntilSettled(result);
    const error = await result;

    expect(recorder.of("retry_scheduled").map((event) => event.delayMs)).toEqual([3_000]);
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 3_000]);
    // The second answer names the same instant, which is now: no wait left.
    expect(error.retryAfterMs).toBe(0);
  });

  it("503 with Retry-After is honoured too, and a later success ends the retries", async () => {
    let answered = 0;
    const { endpoint, recorder, auth } = setUp(() => {
      answered += 1;
      return answered === 1
        ? new HttpResponse(null, { status: 503, headers: { "Retry-After": "2" } })
        : undefined;
    });
    const result = auth.getToken();
    await runUntilSettled(result);
    const token = await result;

    expect(token.accessToken).toBe(endpoint.issued[0]?.accessToken);
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 2_000]);
    // Expiry counts from the attempt that succeeded.
    expect(token.expiresAt).toBe(START + 2_000 + 3_600_000);
    expect(recorder.events.map((event) => event.type)).toEqual([
      "token_requested",
      "retry_scheduled",
      "token_requested",
      "token_issued",
      "token_served",
    ]);
  });

  it("a Retry-After longer than maxRetryAfterMs is not waited for", async () => {
    const { endpoint, recorder, auth } = setUp(
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "120" } }),
    );
    const error = await rejection(auth.getToken());
    expect(endpoint.count).toBe(1);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.retryable).toBe(true);
    expect(recorder.of("retry_scheduled")).toHaveLength(0);
  });

  it("maxRetryAfterMs can be raised, with totalTimeoutMs, which bounds every wait", async () => {
    const { endpoint, auth } = setUp(
      () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "120" } }),
      { retries: 1, maxRetryAfterMs: 120_000 },
      130_000,
    );
    const result = rejection(auth.getToken());
    await runUntilSettled(result, { step: 10_000 });
    await result;
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 120_000]);
  });
});

describe("backoff", () => {
  it("is capped exponential with jitter: random · min(maxDelayMs, baseDelayMs · 2^n)", async () => {
    const { endpoint, recorder, auth } = setUp(() => new HttpResponse(null, { status: 500 }), {
      retries: 3,
      baseDelayMs: 1_000,
      maxDelayMs: 1_500,
      random: () => 0.5,
    });
    const result = rejection(auth.getToken());
    await settle(() => recorder.of("retry_scheduled").length === 1);
    await vi.advanceTimersByTimeAsync(499);
    expect(endpoint.count).toBe(1);
    await runUntilSettled(result, { step: 1 });
    await result;

    expect(recorder.of("retry_scheduled").map((event) => event.delayMs)).toEqual([500, 750, 750]);
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([0, 500, 1_250, 2_000]);
  });

  it("defaults: 2 retries, 200 ms base, 5 s cap, 30 s Retry-After limit", () => {
    const defaults = resolveRetryOptions(undefined);
    expect(defaults).toMatchObject({
      retries: 2,
      baseDelayMs: 200,
      maxDelayMs: 5_000,
      maxRetryAfterMs: 30_000,
    });
    expect(defaults.random).toBe(Math.random);
    expect(resolveRetryOptions(false).retries).toBe(0);
  });

  it("retry: false makes one attempt", async () => {
    const { endpoint, recorder, auth } = setUp(
      () => new HttpResponse(null, { status: 503 }),
      false,
    );
    await rejection(auth.getToken());
    expect(endpoint.count).toBe(1);
    expect(recorder.of("retry_scheduled")).toHaveLength(0);
  });

  it("retries: 5 makes six attempts", async () => {
    const { endpoint, auth } = setUp(() => HttpResponse.error(), { retries: 5 });
    const result = rejection(auth.getToken());
    await runUntilSettled(result);
    expect((await result).code).toBe("PAYTOK_NETWORK_ERROR");
    expect(endpoint.count).toBe(6);
  });
});

describe("aborting", () => {
  it("a caller's abort during the retries rejects that caller only; the shared request goes on", async () => {
    let answered = 0;
    const { endpoint, auth } = setUp(
      () => {
        answered += 1;
        return answered < 3 ? new HttpResponse(null, { status: 503 }) : undefined;
      },
      { baseDelayMs: 1_000, random: () => 0.99 },
    );
    const controller = new AbortController();
    const aborted = rejection(auth.getToken({ signal: controller.signal }));
    const other = auth.getToken();
    await settle(() => endpoint.count === 1);
    controller.abort();
    expect((await aborted).code).toBe("PAYTOK_ABORTED");

    await runUntilSettled(other);
    expect((await other).accessToken).toBe(endpoint.issued[0]?.accessToken);
    expect(endpoint.count).toBe(3);
  });

  it("requestToken with a signal: an abort during the back-off wait is PAYTOK_ABORTED", async () => {
    vi.useFakeTimers();
    const endpoint = createTokenEndpoint({
      respond: () => new HttpResponse(null, { status: 500 }),
    });
    server.use(endpoint.handler);
    const controller = new AbortController();
    const recorder = recordEvents();
    const result = rejection(
      requestToken(
        defineProvider(),
        { type: "client_credentials" },
        {
          clock: { now: () => Date.now() },
          timeoutMs: 1_000,
          retry: resolveRetryOptions({ baseDelayMs: 10_000, random: () => 0.5 }),
          emit: recorder.onEvent,
          background: false,
          signal: controller.signal,
        },
      ),
    );
    await settle(() => recorder.of("retry_scheduled").length === 1);
    controller.abort();
    const error = await result;
    expect(error.code).toBe("PAYTOK_ABORTED");
    expect(endpoint.count).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("requestToken with a signal: an abort during the request is PAYTOK_ABORTED, not a timeout", async () => {
    const endpoint = createTokenEndpoint({
      respond: async () => {
        await delay(5_000);
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const controller = new AbortController();
    const result = rejection(
      requestToken(
        defineProvider(),
        { type: "client_credentials" },
        {
          clock: { now: () => Date.now() },
          timeoutMs: 10_000,
          retry: resolveRetryOptions(undefined),
          emit: () => undefined,
          background: false,
          signal: controller.signal,
        },
      ),
    );
    await vi.waitFor(() => expect(endpoint.count).toBe(1), { timeout: 10_000 });
    controller.abort();
    const error = await result;
    expect(error.code).toBe("PAYTOK_ABORTED");
    expect(error.retryable).toBe(false);
    expect(endpoint.count).toBe(1);
  });
});
