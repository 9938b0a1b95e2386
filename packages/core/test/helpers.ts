// Shared test pieces: a small form-encoded provider, an msw token endpoint that counts and records
// what reaches the wire, an event recorder and helpers for promises and fake timers.
import { HttpResponse, http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import createClient, { type Client } from "openapi-fetch";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import {
  type Credential,
  createProviderAuth,
  type FetchFunction,
  isPaytokError,
  type PaytokAuth,
  type PaytokError,
  type PaytokEvent,
  type PaytokEventType,
  type ProviderDefinition,
  type TokenEndpointDescriptor,
  type TokenManagerOptions,
  type TokenProvider,
  tokenClientOptions,
} from "../src/index.js";
import { providerDefinition } from "../src/provider-auth.js";

export const TOKEN_PATH = "/oauth2/token";
export const TOKEN_URL = `https://auth.paytok.test${TOKEN_PATH}`;
export const API_URL = "https://api.paytok.test";
export const CLIENT_ID = "client-4711";
/** Recognizable, and with characters that percent- and form-encoding change. */
export const CLIENT_SECRET = "sk_live_SECRET_7f3a9c+/=&d41d8cd98f";

/** What openapi-typescript would generate for a plain RFC 6749 token endpoint. */
interface TestpayPaths {
  "/oauth2/token": {
    post: {
      requestBody: {
        content: {
          "application/x-www-form-urlencoded":
            | { grant_type: "client_credentials"; client_id: string; client_secret: string }
            | {
                grant_type: "refresh_token";
                refresh_token: string;
                client_id: string;
                client_secret: string;
              };
        };
      };
      responses: { 200: { content: { "application/json": Record<string, unknown> } } };
    };
  };
}

/** The descriptor `pnpm generate` would write for that endpoint. */
export const testpayTokenEndpoint = {
  provider: "testpay",
  packageName: "@paytok/testpay",
  title: "Testpay",
  environments: { production: "https://auth.paytok.test" },
  defaultEnvironment: "production",
  tokenPath: TOKEN_PATH,
  tokenMethod: "POST",
  mediaType: "application/x-www-form-urlencoded",
  bodyEncoding: "form",
  clientAuthentication: "client_secret_post",
  tokenHeaders: {},
  apiHeaders: {},
  scopes: undefined,
  lifetimeSeconds: 300,
  responseDefaults: {},
  grants: ["client_credentials", "refresh_token"],
  requiredValues: [],
  optionalValues: [],
} as const satisfies TokenEndpointDescriptor<"production">;

/** A provider that speaks plain RFC 6749 (client_secret_post in a form body), as generated. */
export const testpay: TokenProvider<"production", Record<never, never>, Client<TestpayPaths>> = {
  endpoint: testpayTokenEndpoint,
  createClient: (options) =>
    createClient<TestpayPaths>(tokenClientOptions(testpayTokenEndpoint, options)),
  send: (client, input) =>
    client.POST("/oauth2/token", {
      body:
        input.grant.type === "refresh_token"
          ? {
              grant_type: "refresh_token",
              refresh_token: input.grant.refreshToken,
              client_id: input.credentials.client_id,
              client_secret: input.credentials.client_secret,
            }
          : {
              grant_type: "client_credentials",
              client_id: input.credentials.client_id,
              client_secret: input.credentials.client_secret,
            },
      headers: input.headers,
      signal: input.signal,
      parseAs: "text",
    }),
};

/**
 * The definition `createTestpayAuth` would hand the token manager, built by the same code as every
 * provider package's (`createProviderAuth`), so that tests go through the one request path.
 * `tokenUrl` moves the endpoint (it must end with the token path to be reachable).
 */
export function defineProvider(
  overrides: Partial<ProviderDefinition> = {},
  client: { fetch?: FetchFunction; timeoutMs?: number } = {},
): ProviderDefinition {
  const tokenUrl = overrides.tokenUrl ?? TOKEN_URL;
  const { definition } = providerDefinition(
    testpay,
    {
      clientId: overrides.clientId ?? CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      baseUrl: tokenUrl.endsWith(TOKEN_PATH) ? tokenUrl.slice(0, -TOKEN_PATH.length) : tokenUrl,
      // The manager's own check of `tokenUrl` is what the URL-safety tests look at.
      allowInsecureHttp: true,
      ...client,
    },
    undefined,
  );
  return { ...definition, supportsRefreshGrant: false, tokenUrl, ...overrides };
}

/** What a generated `createTestpayAuth` would be: the provider packages' very code path. */
export function createTestpayAuth(
  options: TokenManagerOptions & {
    baseUrl?: string;
    clientId?: Credential;
    clientSecret?: Credential;
  } = {},
): PaytokAuth {
  return createProviderAuth(testpay, {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  } as TokenManagerOptions & { clientId: string; clientSecret: string });
}

/** Starts one msw server for the test file; handlers added with `server.use` are reset per test. */
export function useMswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  return server;
}

export interface RecordedTokenRequest {
  /** `grant_type` of the form body. */
  grantType: string | null;
  form: URLSearchParams;
  /** The raw body, as sent. */
  body: string;
  headers: Headers;
  /** `Date.now()` when the request arrived (fake time under fake timers). */
  at: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string | undefined;
}

/**
 * What the endpoint answers: a Response, or `undefined` for a fresh token. `issue` builds the
 * standard success answer (and records the tokens it hands out).
 */
export type TokenResponder = (
  request: RecordedTokenRequest,
  issue: (extra?: Record<string, unknown>) => Response,
) => Response | undefined | Promise<Response | undefined>;

export interface TokenEndpointOptions {
  url?: string;
  lifetimeSeconds?: number;
  /** Issue refresh tokens too (lifetime `refreshLifetimeSeconds`, when given). */
  withRefreshToken?: boolean;
  refreshLifetimeSeconds?: number;
  respond?: TokenResponder;
}

let tokenSerial = 0;

function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}

/** An msw token endpoint that counts requests, records their bodies and issues unique tokens. */
export function createTokenEndpoint(options: TokenEndpointOptions = {}) {
  const requests: RecordedTokenRequest[] = [];
  const issued: IssuedTokens[] = [];
  let responder = options.respond;
  let lifetimeSeconds = options.lifetimeSeconds ?? 3600;
  const issue = (extra: Record<string, unknown> = {}) => {
    tokenSerial += 1;
    const accessToken = `at_LIVE_TOKEN_${tokenSerial}_${randomHex()}`;
    const refreshToken = options.withRefreshToken
      ? `rt_LIVE_REFRESH_${tokenSerial}_${randomHex()}`
      : undefined;
    issued.push({ accessToken, refreshToken });
    return HttpResponse.json({
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: lifetimeSeconds,
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
      ...(options.refreshLifetimeSeconds === undefined
        ? {}
        : { refresh_expires_in: options.refreshLifetimeSeconds }),
      ...extra,
    });
  };
  const handler = http.post(options.url ?? TOKEN_URL, async ({ request }) => {
    const body = await request.text();
    const form = new URLSearchParams(body);
    const recorded: RecordedTokenRequest = {
      grantType: form.get("grant_type"),
      form,
      body,
      headers: request.headers,
      at: Date.now(),
    };
    requests.push(recorded);
    return (await responder?.(recorded, issue)) ?? issue();
  });
  return {
    handler,
    requests,
    issued,
    get count() {
      return requests.length;
    },
    get grants() {
      return requests.map((request) => request.grantType);
    },
    /** Changes the answer of later requests; `undefined` goes back to issuing tokens. */
    respond(next: TokenResponder | undefined) {
      responder = next;
    },
    setLifetime(seconds: number) {
      lifetimeSeconds = seconds;
    },
  };
}

export type TokenEndpoint = ReturnType<typeof createTokenEndpoint>;

/** Collects events; `of(type)` narrows by the discriminant. */
export function recordEvents() {
  const events: PaytokEvent[] = [];
  return {
    events,
    onEvent: (event: PaytokEvent) => {
      events.push(event);
    },
    of<Type extends PaytokEventType>(type: Type): Extract<PaytokEvent, { type: Type }>[] {
      return events.filter(
        (event): event is Extract<PaytokEvent, { type: Type }> => event.type === type,
      );
    },
  };
}

/** The PaytokError a promise rejects with; fails the test when it resolves or throws another thing. */
export async function rejection(promise: Promise<unknown>): Promise<PaytokError> {
  try {
    await promise;
  } catch (error) {
    if (isPaytokError(error)) return error;
    throw new Error(`expected a PaytokError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** The same, for a function that throws synchronously. */
export function thrown(run: () => unknown): PaytokError {
  try {
    run();
  } catch (error) {
    if (isPaytokError(error)) return error;
    throw new Error(`expected a PaytokError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a throw, but the call returned");
}

const PENDING = Symbol("pending");

/** Whether a promise is already settled: it wins a race against an already-resolved marker. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const winner = await Promise.race([
    promise.then(
      () => "settled",
      () => "settled",
    ),
    Promise.resolve().then(() => Promise.resolve(PENDING)),
  ]);
  return winner !== PENDING;
}

/**
 * The value of a promise that must already be resolved, or has to resolve without any timer or
 * I/O: awaited against an already-resolved marker, so a pending network call loses.
 */
export async function resolvedWithoutWaiting<T>(promise: Promise<T>): Promise<T> {
  const winner = await Promise.race([promise, Promise.resolve(PENDING)]);
  expect(winner, "the promise had to wait").not.toBe(PENDING);
  return winner as T;
}

/**
 * Lets pending msw answers and zero-delay timers run under fake timers until `done()` holds (or
 * `rounds` passes went by), without moving the clock.
 */
export async function settle(done: () => boolean = () => false, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds && !done(); round++) {
    await vi.advanceTimersByTimeAsync(0);
  }
}

/** Advances fake time in `step` ms slices until the promise settles (or `limitMs` passes). */
export async function runUntilSettled<T>(
  promise: Promise<T>,
  { step = 50, limitMs = 120_000 } = {},
): Promise<void> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let elapsed = 0; elapsed <= limitMs && !settled; elapsed += step) {
    await vi.advanceTimersByTimeAsync(step);
  }
  await vi.advanceTimersByTimeAsync(0);
  expect(settled, `still pending after ${limitMs} ms of fake time`).toBe(true);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    set(value: number) {
      now = value;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}
