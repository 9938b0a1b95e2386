import {
  type Attributes,
  type Counter,
  context,
  type Histogram,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import type { PaytokEvent, PaytokEventListener } from "@paytok/core";

/** Name and version scope of the tracer and the meter. */
export const INSTRUMENTATION_SCOPE = "@paytok/otel";

/** The one span name: a token request with its attempts, retries and waits, or a store read. */
export const SPAN_NAME = "paytok.token_request";

/**
 * Every attribute paytok puts on spans and metrics. Only names, counts, flags and error codes:
 * never a credential, a token or a message (a test scans everything exported).
 */
export const ATTRIBUTES = {
  /** The provider package's id: `paylater`, `payme`, … */
  provider: "paytok.provider",
  /** `client_credentials` or `refresh_token`. */
  grant: "paytok.token.grant",
  /** Attempts sent to the token endpoint (0 for a token read from the store). */
  attempts: "paytok.token.attempts",
  /** `issued`, `from_store`, or the failure's `PaytokErrorCode`. */
  outcome: "paytok.token.outcome",
  /** True when the token came from the shared store without a token request. */
  cacheHit: "paytok.token.cache_hit",
  /** True for a refresh ahead of expiry that no caller waits for. */
  background: "paytok.token.background",
  /** `cache` (in memory, no wait) or `fetch` (the caller waited), on `paytok.token.served`. */
  source: "paytok.token.source",
  /** OpenTelemetry's `error.type`: the `PaytokErrorCode` of a failure. */
  errorType: "error.type",
} as const;

/** The instruments, as OpenTelemetry's naming guidelines put them (unit in `unit`). */
export const METRICS = {
  /** Counter of attempts sent to token endpoints: provider, grant, background. */
  requests: "paytok.token.requests",
  /** Counter of tokens handed to callers: provider, source (`cache` = hit, `fetch` = waited). */
  served: "paytok.token.served",
  /** Histogram (s) of how long callers that had to wait waited: provider. */
  waitDuration: "paytok.token.wait.duration",
  /**
   * Histogram (s) of whole token requests, retries and waits included: provider, grant,
   * background (refresh latency), outcome.
   */
  requestDuration: "paytok.token.request.duration",
  /** Counter of token requests that failed: provider, grant, error.type. */
  failures: "paytok.token.failures",
  /** Counter of token store failures (paytok went on without the store): provider, error.type. */
  storeErrors: "paytok.store.errors",
} as const;

export interface OtelEventsOptions {
  /** Default: the global tracer provider (`trace.getTracerProvider()`). */
  tracerProvider?: TracerProvider;
  /** Default: the global meter provider (`metrics.getMeterProvider()`). */
  meterProvider?: MeterProvider;
  /**
   * Your own listener, called with every event after paytok's instruments have seen it:
   * `onEvent: otelEvents({ onEvent: (event) => … })`. Its exceptions are ignored.
   */
  onEvent?: PaytokEventListener;
}

/** A token request under way: its span and what its end reports. */
interface OpenRequest {
  span: Span;
  startedAt: number;
  attempts: number;
  background: boolean;
}

/** More open requests than this means events were lost: the oldest is ended, never leaked. */
const MAX_OPEN_REQUESTS = 1_000;

/**
 * An `onEvent` listener that turns paytok's events into OpenTelemetry spans and metrics:
 *
 * ```ts
 * const auth = createPaylaterAuth({ clientId, clientSecret, onEvent: otelEvents() });
 * ```
 *
 * One span per token request (`paytok.token_request`: its attempts, retries as span events, its
 * outcome), a child of whatever span is active when the request starts, and one for each token
 * read from a shared store. A token served from memory makes no span (it happens on every API
 * call) and is counted in `paytok.token.served`.
 */
export function otelEvents(options: OtelEventsOptions = {}): PaytokEventListener {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
    INSTRUMENTATION_SCOPE,
  );
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(
    INSTRUMENTATION_SCOPE,
  );
  const requests: Counter = meter.createCounter(METRICS.requests, {
    description: "Attempts sent to token endpoints",
    unit: "{request}",
  });
  const served: Counter = meter.createCounter(METRICS.served, {
    description: "Tokens handed to callers, from memory (cache) or after a wait (fetch)",
    unit: "{token}",
  });
  const waitDuration: Histogram = meter.createHistogram(METRICS.waitDuration, {
    description: "How long callers that had no usable token waited for one",
    unit: "s",
  });
  const requestDuration: Histogram = meter.createHistogram(METRICS.requestDuration, {
    description: "Token requests from start to token or failure, retries and waits included",
    unit: "s",
  });
  const failures: Counter = meter.createCounter(METRICS.failures, {
    description: "Token requests that failed, by error code",
    unit: "{failure}",
  });
  const storeErrors: Counter = meter.createCounter(METRICS.storeErrors, {
    description: "Token store failures; paytok went on without the store",
    unit: "{error}",
  });
  const open = new Map<number, OpenRequest>();
  const next = options.onEvent;

  const begin = (event: PaytokEvent & { requestId: number; grant: string }) => {
    let request = open.get(event.requestId);
    if (request !== undefined) return request;
    if (open.size >= MAX_OPEN_REQUESTS) {
      const [oldestId, oldest] = open.entries().next().value as [number, OpenRequest];
      oldest.span.setAttribute(ATTRIBUTES.outcome, "unknown");
      oldest.span.end();
      open.delete(oldestId);
    }
    const span = tracer.startSpan(
      SPAN_NAME,
      {
        kind: SpanKind.CLIENT,
        startTime: event.at,
        attributes: {
          [ATTRIBUTES.provider]: event.provider,
          [ATTRIBUTES.grant]: event.grant,
          [ATTRIBUTES.cacheHit]: false,
        },
      },
      context.active(),
    );
    request = { span, startedAt: event.at, attempts: 0, background: false };
    open.set(event.requestId, request);
    return request;
  };

  const finish = (
    event: PaytokEvent & { requestId: number; grant: string },
    request: OpenRequest,
    outcome: string,
    durationMs: number,
  ) => {
    open.delete(event.requestId);
    const attributes: Attributes = {
      [ATTRIBUTES.provider]: event.provider,
      [ATTRIBUTES.grant]: event.grant,
      [ATTRIBUTES.background]: request.background,
      [ATTRIBUTES.outcome]: outcome,
    };
    requestDuration.record(Math.max(0, durationMs) / 1000, attributes);
    request.span.setAttributes({
      [ATTRIBUTES.attempts]: request.attempts,
      [ATTRIBUTES.background]: request.background,
      [ATTRIBUTES.outcome]: outcome,
    });
    request.span.end(event.at);
  };

  const observe = (event: PaytokEvent) => {
    switch (event.type) {
      case "token_requested": {
        const request = begin(event);
        request.attempts += 1;
        if (event.attempt === 0) request.background = event.background;
        requests.add(1, {
          [ATTRIBUTES.provider]: event.provider,
          [ATTRIBUTES.grant]: event.grant,
          [ATTRIBUTES.background]: event.background,
        });
        return;
      }
      case "retry_scheduled":
        begin(event).span.addEvent(
          "paytok.retry_scheduled",
          {
            "paytok.retry.attempt": event.attempt,
            "paytok.retry.delay_ms": event.delayMs,
            [ATTRIBUTES.errorType]: event.error.code,
          },
          event.at,
        );
        return;
      case "fleet_backoff":
        begin(event).span.addEvent(
          "paytok.fleet_backoff",
          { "paytok.backoff.wait_ms": event.waitMs },
          event.at,
        );
        return;
      case "credentials_rotated":
        begin(event).span.addEvent("paytok.credentials_rotated", {}, event.at);
        return;
      case "token_issued":
        finish(event, begin(event), "issued", event.durationMs);
        return;
      case "token_request_failed": {
        const request = begin(event);
        request.span.setAttribute(ATTRIBUTES.errorType, event.error.code);
        request.span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.code });
        failures.add(1, {
          [ATTRIBUTES.provider]: event.provider,
          [ATTRIBUTES.grant]: event.grant,
          [ATTRIBUTES.errorType]: event.error.code,
        });
        finish(event, request, event.error.code, event.at - request.startedAt);
        return;
      }
      case "token_from_store":
        tracer
          .startSpan(
            SPAN_NAME,
            {
              kind: SpanKind.CLIENT,
              startTime: event.at,
              attributes: {
                [ATTRIBUTES.provider]: event.provider,
                [ATTRIBUTES.cacheHit]: true,
                [ATTRIBUTES.attempts]: 0,
                [ATTRIBUTES.outcome]: "from_store",
              },
            },
            context.active(),
          )
          .end(event.at);
        return;
      case "token_served":
        served.add(1, {
          [ATTRIBUTES.provider]: event.provider,
          [ATTRIBUTES.source]: event.source,
        });
        if (event.source === "fetch") {
          waitDuration.record(event.waitedMs / 1000, { [ATTRIBUTES.provider]: event.provider });
        }
        return;
      case "store_error":
        storeErrors.add(1, {
          [ATTRIBUTES.provider]: event.provider,
          [ATTRIBUTES.errorType]: event.error.code,
        });
        return;
      default:
        return;
    }
  };

  return (event) => {
    try {
      observe(event);
    } catch {
      // Telemetry must never break token handling.
    }
    if (next === undefined) return;
    try {
      next(event);
    } catch {
      // Neither may the user's own listener.
    }
  };
}
