// otelEvents() with the real OpenTelemetry SDK (in-memory span and metric exporters) and a real
// provider package against `paytok sandbox` over loopback HTTP: the spans and metrics it makes,
// and a scan of everything exported for credentials and tokens, in every encoding.
import { context, type Span, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { type RunningSandbox, startSandbox } from "@paytok/cli/sandbox";
import type { TokenManagerOptions } from "@paytok/core";
import { createMemoryTokenStore, createPaylaterAuth, type PaytokEvent } from "@paytok/paylater";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ATTRIBUTES, METRICS, otelEvents, SPAN_NAME } from "../src/index.js";

/** A secret that percent-, form-, JSON- and base64-encoding all change. */
const SECRET = 'sk_live_OTEL+/="&%ü_4f1c9e';

let sandbox: RunningSandbox<"paylater">;
const contextManager = new AsyncLocalStorageContextManager();
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(spans)],
});
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
/** A new meter provider per test, exporting to the in-memory exporter only when flushed. */
let meterProvider: MeterProvider;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  sandbox = await startSandbox({ port: 0, providers: ["paylater"], clientSecret: SECRET });
});
afterAll(async () => {
  await sandbox?.close();
  context.disable();
});
beforeEach(() => {
  sandbox.providers.paylater.controls.reset();
  spans.reset();
  metricExporter.reset();
  meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({
        exporter: metricExporter,
        exportIntervalMillis: 3_600_000,
      }),
    ],
  });
});

function paylater(options: TokenManagerOptions & { clientSecret?: string } = {}) {
  const { baseUrl, credentials } = sandbox.providers.paylater;
  return createPaylaterAuth({
    baseUrl,
    clientId: credentials.clientId,
    clientSecret: SECRET,
    onEvent: otelEvents({ tracerProvider, meterProvider }),
    ...options,
  });
}

/** The data points of every instrument, by name, after a flush. */
async function collectMetrics() {
  await meterProvider.forceFlush();
  const byName = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
  for (const resource of metricExporter.getMetrics()) {
    for (const scope of resource.scopeMetrics) {
      for (const metric of scope.metrics) {
        byName.set(
          metric.descriptor.name,
          metric.dataPoints.map((point) => ({
            attributes: point.attributes,
            value: point.value,
          })),
        );
      }
    }
  }
  return byName;
}

const tokenSpans = () =>
  spans.getFinishedSpans().filter((span: ReadableSpan) => span.name === SPAN_NAME);

describe("otelEvents", () => {
  it("one span per token request, a child of the active span; cache hits are counted, not traced", async () => {
    const auth = paylater();
    const tracer = tracerProvider.getTracer("checkout");
    await tracer.startActiveSpan("checkout", async (parent: Span) => {
      await auth.getToken();
      parent.end();
    });
    await auth.getToken();
    await auth.getToken();
    const [span, ...others] = tokenSpans();
    expect(others).toEqual([]);
    const checkout = spans.getFinishedSpans().find((each) => each.name === "checkout");
    expect(span?.parentSpanContext?.spanId).toBe(checkout?.spanContext().spanId);
    expect(span?.attributes).toEqual({
      [ATTRIBUTES.provider]: "paylater",
      [ATTRIBUTES.grant]: "client_credentials",
      [ATTRIBUTES.cacheHit]: false,
      [ATTRIBUTES.attempts]: 1,
      [ATTRIBUTES.background]: false,
      [ATTRIBUTES.outcome]: "issued",
    });
    const found = await collectMetrics();
    expect(found.get(METRICS.requests)).toEqual([
      {
        attributes: {
          [ATTRIBUTES.provider]: "paylater",
          [ATTRIBUTES.grant]: "client_credentials",
          [ATTRIBUTES.background]: false,
        },
        value: 1,
      },
    ]);
    const served = Object.fromEntries(
      (found.get(METRICS.served) ?? []).map((point) => [
        point.attributes[ATTRIBUTES.source],
        point.value,
      ]),
    );
    expect(served).toEqual({ fetch: 1, cache: 2 });
    const countOf = (name: string) => (found.get(name)?.[0]?.value as { count?: number })?.count;
    expect(countOf(METRICS.requestDuration)).toBe(1);
    expect(countOf(METRICS.waitDuration)).toBe(1);
  });

  it("retries are span events; the refresh grant and a background refresh are told apart", async () => {
    const { controls } = sandbox.providers.paylater;
    const auth = paylater({ refreshWindowMs: 1_500 });
    await auth.getToken();
    controls.failNextTokenRequests({ kind: "status", status: 503 }, 1);
    await auth.getToken({ forceRefresh: true });
    controls.setTokenLifetime(2);
    await auth.getToken({ forceRefresh: true });
    // Now inside the refresh window of a 2 s token (at most half its life): served at once,
    // refreshed in the background.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await auth.getToken();
    await expect.poll(() => tokenSpans().length, { timeout: 5_000 }).toBe(4);
    const [first, retried, , background] = tokenSpans();
    expect(first?.attributes[ATTRIBUTES.grant]).toBe("client_credentials");
    expect(retried?.attributes).toMatchObject({
      [ATTRIBUTES.grant]: "refresh_token",
      [ATTRIBUTES.attempts]: 2,
      [ATTRIBUTES.outcome]: "issued",
    });
    expect(retried?.events.map((event) => event.name)).toEqual(["paytok.retry_scheduled"]);
    expect(retried?.events[0]?.attributes?.[ATTRIBUTES.errorType]).toBe(
      "PAYTOK_TOKEN_REQUEST_FAILED",
    );
    expect(background?.attributes[ATTRIBUTES.background]).toBe(true);
    const durations = (await collectMetrics()).get(METRICS.requestDuration) ?? [];
    expect(durations.some((point) => point.attributes[ATTRIBUTES.background] === true)).toBe(true);
  });

  it("a failure: error status, error.type and the failures counter by code", async () => {
    const auth = paylater({ clientSecret: "not-the-secret" });
    await expect(auth.getToken()).rejects.toMatchObject({ code: "PAYTOK_TOKEN_REQUEST_FAILED" });
    const [span] = tokenSpans();
    expect(span?.status).toEqual({ code: 2, message: "PAYTOK_TOKEN_REQUEST_FAILED" });
    expect(span?.attributes[ATTRIBUTES.errorType]).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(span?.attributes[ATTRIBUTES.outcome]).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect((await collectMetrics()).get(METRICS.failures)).toEqual([
      {
        attributes: {
          [ATTRIBUTES.provider]: "paylater",
          [ATTRIBUTES.grant]: "client_credentials",
          [ATTRIBUTES.errorType]: "PAYTOK_TOKEN_REQUEST_FAILED",
        },
        value: 1,
      },
    ]);
  });

  it("a token from the shared store is a cache-hit span; store failures are counted", async () => {
    const store = createMemoryTokenStore();
    await paylater({ store }).getToken();
    await paylater({ store }).getToken();
    const [requested, fromStore] = tokenSpans();
    expect(requested?.attributes[ATTRIBUTES.cacheHit]).toBe(false);
    expect(fromStore?.attributes).toMatchObject({
      [ATTRIBUTES.cacheHit]: true,
      [ATTRIBUTES.attempts]: 0,
      [ATTRIBUTES.outcome]: "from_store",
    });
    const broken = {
      ...createMemoryTokenStore(),
      get: async () => {
        throw new Error("store down");
      },
    };
    await paylater({ store: broken }).getToken();
    const errors = (await collectMetrics()).get(METRICS.storeErrors) ?? [];
    expect(errors[0]?.attributes[ATTRIBUTES.errorType]).toBe("PAYTOK_STORE_ERROR");
    expect(errors.reduce((sum, point) => sum + Number(point.value), 0)).toBeGreaterThanOrEqual(1);
  });

  it("composes with the user's own listener, and neither can break the other", async () => {
    const mine: PaytokEvent["type"][] = [];
    const auth = paylater({
      onEvent: otelEvents({
        tracerProvider,
        meterProvider,
        onEvent: (event) => {
          mine.push(event.type);
          throw new Error("a listener that throws");
        },
      }),
    });
    await auth.getToken();
    await auth.getToken();
    expect(mine).toEqual(["token_requested", "token_issued", "token_served", "token_served"]);
    expect(tokenSpans()).toHaveLength(1);
  });

  it("nothing exported carries a credential or a token, in any encoding", async () => {
    const { controls, apiUrl } = sandbox.providers.paylater;
    const auth = paylater({ store: createMemoryTokenStore(), refreshWindowMs: 1_000 });
    await auth.getToken();
    // An error body that echoes the secret and the refresh token, as a hostile server might.
    const issued = controls.issued[0];
    controls.failNextTokenRequests(
      {
        kind: "status",
        status: 503,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          error: "temporarily_unavailable",
          error_description: `${SECRET} ${issued?.refreshToken} ${encodeURIComponent(SECRET)}`,
        }),
      },
      1,
    );
    await auth.getToken({ forceRefresh: true });
    await auth.fetch(`${apiUrl}/orders`);
    controls.revoke();
    await auth.fetch(`${apiUrl}/orders`);
    await expect(paylater({ clientSecret: "wrong" }).getToken()).rejects.toThrow();
    const exported = JSON.stringify({
      spans: spans.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
        events: span.events,
        resource: span.resource.attributes,
      })),
      metrics: metricExporter.getMetrics(),
    });
    expect(spans.getFinishedSpans().length).toBeGreaterThanOrEqual(4);
    const secrets = [
      SECRET,
      ...controls.issued.flatMap((token) => [token.accessToken, token.refreshToken ?? ""]),
    ].filter((value) => value !== "");
    expect(controls.issued.length).toBeGreaterThanOrEqual(3);
    for (const value of secrets) {
      for (const form of [
        value,
        encodeURIComponent(value),
        JSON.stringify(value).slice(1, -1),
        Buffer.from(value).toString("base64"),
        new URLSearchParams({ v: value }).toString().slice(2),
      ]) {
        expect(exported).not.toContain(form);
      }
    }
    await collectMetrics();
    const flushed = JSON.stringify(metricExporter.getMetrics());
    for (const value of secrets) expect(flushed).not.toContain(value);
  });
});

describe("defaults", () => {
  it("uses the global providers when none are given", async () => {
    trace.setGlobalTracerProvider(tracerProvider);
    try {
      const auth = paylater({ onEvent: otelEvents() });
      await auth.getToken();
      expect(tokenSpans()).toHaveLength(1);
    } finally {
      trace.disable();
    }
  });
});
