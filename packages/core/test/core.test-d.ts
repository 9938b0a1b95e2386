import createClient, { type Middleware } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type Credential,
  createAuth,
  createMemoryTokenStore,
  type GetTokenOptions,
  isPaytokError,
  type OAuthErrorCode,
  type PaytokAuth,
  PaytokError,
  type PaytokErrorCode,
  type PaytokEvent,
  type PaytokEventType,
  type ProviderDefinition,
  type RetryOptions,
  type Token,
  type TokenManagerOptions,
  type TokenStore,
  type TokenStoreLock,
} from "../src/index.js";
import { createSandboxHandlers, createTokenLedger, type SandboxHandlers } from "../src/testing.js";

declare const definition: ProviderDefinition;
declare const auth: PaytokAuth;
declare const token: Token;
declare const replacement: PaytokAuth["middleware"];

describe("createAuth", () => {
  it("takes a provider definition and optional options, and returns a PaytokAuth", () => {
    expectTypeOf(createAuth).parameters.toEqualTypeOf<
      [definition: ProviderDefinition, options?: TokenManagerOptions]
    >();
    expectTypeOf(createAuth).returns.toEqualTypeOf<PaytokAuth>();
  });

  it("rejects unknown options and explicit undefined (exactOptionalPropertyTypes)", () => {
    // @ts-expect-error not an option
    createAuth(definition, { refreshWindow: 1 });
    // @ts-expect-error undefined is not a number
    createAuth(definition, { timeoutMs: undefined });
    // @ts-expect-error retry is options or false, not true
    createAuth(definition, { retry: true });
    createAuth(definition, { retry: false });
    createAuth(definition, { retry: { retries: 0, random: () => 0.5 } });
  });
});

describe("PaytokAuth", () => {
  it("has the documented members", () => {
    expectTypeOf(auth.getToken).toEqualTypeOf<(options?: GetTokenOptions) => Promise<Token>>();
    expectTypeOf(auth.invalidate).toEqualTypeOf<(token?: Token | string) => Promise<void>>();
    expectTypeOf(auth.headers).returns.toEqualTypeOf<Promise<Record<string, string>>>();
    expectTypeOf(auth.fetch).parameters.toEqualTypeOf<
      [input: Request | string | URL, init?: RequestInit]
    >();
    expectTypeOf(auth.fetch).returns.toEqualTypeOf<Promise<Response>>();
  });

  it("is read-only where it matters", () => {
    // @ts-expect-error the middleware cannot be replaced
    auth.middleware = replacement;
  });

  it("GetTokenOptions has forceRefresh and signal", () => {
    expectTypeOf<GetTokenOptions>().toEqualTypeOf<{
      forceRefresh?: boolean;
      signal?: AbortSignal;
    }>();
  });
});

describe("auth.middleware and openapi-fetch", () => {
  it("is assignable to openapi-fetch's Middleware", () => {
    expectTypeOf(auth.middleware).toExtend<Middleware>();
    const middlewares: Middleware[] = [auth.middleware];
    expectTypeOf(middlewares).toEqualTypeOf<Middleware[]>();
  });

  it("can be given to client.use() and client.eject()", () => {
    interface paths {
      "/orders": {
        get: {
          parameters: { query?: never; header?: never; path?: never; cookie?: never };
          responses: {
            200: { headers: Record<string, unknown>; content: { "application/json": string[] } };
          };
        };
      };
    }
    const client = createClient<paths>({ baseUrl: "https://api.example.com" });
    client.use(auth.middleware);
    client.eject(auth.middleware);
  });
});

describe("Token", () => {
  it("has the normalized shape", () => {
    expectTypeOf(token.accessToken).toEqualTypeOf<string>();
    expectTypeOf(token.tokenType).toEqualTypeOf<"Bearer">();
    expectTypeOf(token.expiresAt).toEqualTypeOf<number>();
    expectTypeOf(token.scope).toEqualTypeOf<string | undefined>();
    expectTypeOf(token.refreshToken).toEqualTypeOf<string | undefined>();
    expectTypeOf(token.refreshExpiresAt).toEqualTypeOf<number | undefined>();
    expectTypeOf<keyof Token>().toEqualTypeOf<
      "accessToken" | "tokenType" | "expiresAt" | "scope" | "refreshToken" | "refreshExpiresAt"
    >();
  });

  it("is read-only", () => {
    // @ts-expect-error readonly
    token.accessToken = "x";
    // @ts-expect-error readonly
    token.expiresAt = 0;
  });
});

describe("TokenStore", () => {
  it("has get, set with TTL, delete and an optional lock", () => {
    expectTypeOf<TokenStore["get"]>().toEqualTypeOf<(key: string) => Promise<Token | undefined>>();
    expectTypeOf<TokenStore["set"]>().toEqualTypeOf<
      (key: string, token: Token, ttlMs: number) => Promise<void>
    >();
    expectTypeOf<TokenStore["delete"]>().toEqualTypeOf<(key: string) => Promise<void>>();
    expectTypeOf<TokenStore["lock"]>().toEqualTypeOf<
      ((key: string, ttlMs: number) => Promise<TokenStoreLock | undefined>) | undefined
    >();
    expectTypeOf<TokenStoreLock["release"]>().toEqualTypeOf<() => Promise<void>>();
  });

  it("a store without lock is a TokenStore; the memory store is one", () => {
    const minimal: TokenStore = {
      get: async () => undefined,
      set: async () => undefined,
      delete: async () => undefined,
    };
    expectTypeOf(minimal).toExtend<TokenStore>();
    expectTypeOf(createMemoryTokenStore()).toEqualTypeOf<TokenStore>();
    expectTypeOf(createMemoryTokenStore).parameters.toEqualTypeOf<[clock?: { now(): number }]>();
  });
});

describe("PaytokError", () => {
  it("code is the PaytokErrorCode union", () => {
    expectTypeOf<PaytokError["code"]>().toEqualTypeOf<PaytokErrorCode>();
    expectTypeOf<PaytokErrorCode>().toEqualTypeOf<
      | "PAYTOK_TOKEN_REQUEST_FAILED"
      | "PAYTOK_INVALID_TOKEN_RESPONSE"
      | "PAYTOK_FLEET_BACKOFF"
      | "PAYTOK_TIMEOUT"
      | "PAYTOK_NETWORK_ERROR"
      | "PAYTOK_ABORTED"
      | "PAYTOK_CLOSED"
      | "PAYTOK_INSECURE_URL"
      | "PAYTOK_HOST_NOT_ALLOWED"
      | "PAYTOK_CONFIGURATION"
      | "PAYTOK_STORE_ERROR"
    >();
    // @ts-expect-error not a code
    new PaytokError("PAYTOK_SOMETHING_ELSE", "message");
  });

  it("carries the documented fields", () => {
    const error = new PaytokError("PAYTOK_TIMEOUT", "m", { retryable: true });
    expectTypeOf(error).toExtend<Error>();
    expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.oauthError).toEqualTypeOf<OAuthErrorCode | undefined>();
    expectTypeOf(error.error).toEqualTypeOf<OAuthErrorCode | undefined>();
    expectTypeOf(error.oauthErrorDescription).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.bodySnippet).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.retryable).toEqualTypeOf<boolean>();
    expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.packageName).toEqualTypeOf<string>();
    expectTypeOf(error.providerDetails).toEqualTypeOf<
      Readonly<Record<string, unknown>> | undefined
    >();
    // The known OAuth codes autocomplete, any other string is accepted.
    expectTypeOf<"invalid_grant">().toExtend<OAuthErrorCode>();
    expectTypeOf<"provider_specific">().toExtend<OAuthErrorCode>();
  });

  it("isPaytokError narrows", () => {
    const value: unknown = undefined;
    if (isPaytokError(value, "PAYTOK_TIMEOUT")) expectTypeOf(value).toEqualTypeOf<PaytokError>();
  });
});

describe("PaytokEvent", () => {
  it("is discriminated by type", () => {
    expectTypeOf<PaytokEventType>().toEqualTypeOf<
      | "token_requested"
      | "token_issued"
      | "token_request_failed"
      | "retry_scheduled"
      | "refresh_failed"
      | "refresh_grant_rejected"
      | "token_invalidated"
      | "token_from_store"
      | "fresh_token_rejected"
      | "store_error"
      | "fleet_backoff"
      | "credentials_rotated"
      | "token_served"
    >();
    const describeEvent = (event: PaytokEvent): string => {
      switch (event.type) {
        case "refresh_failed":
          expectTypeOf(event.nextAttemptAt).toEqualTypeOf<number>();
          expectTypeOf(event.error).toEqualTypeOf<PaytokError>();
          return event.error.code;
        case "retry_scheduled":
          expectTypeOf(event.delayMs).toEqualTypeOf<number>();
          expectTypeOf(event.grant).toEqualTypeOf<"client_credentials" | "refresh_token">();
          return String(event.attempt);
        case "token_invalidated":
          expectTypeOf(event.reason).toEqualTypeOf<"invalidate" | "unauthorized">();
          return event.reason;
        case "token_issued":
          expectTypeOf(event.requestId).toEqualTypeOf<number>();
          // @ts-expect-error no error on a success
          return event.error;
        case "token_served":
          expectTypeOf(event.source).toEqualTypeOf<"cache" | "fetch">();
          // @ts-expect-error a cache hit belongs to no token request
          return String(event.requestId);
        default:
          expectTypeOf(event.provider).toEqualTypeOf<string>();
          expectTypeOf(event.at).toEqualTypeOf<number>();
          return event.type;
      }
    };
    expectTypeOf(describeEvent).returns.toEqualTypeOf<string>();
  });

  it("credentials may be functions, sync or async; logger takes console", () => {
    expectTypeOf<() => Promise<string>>().toExtend<Credential>();
    expectTypeOf<() => string>().toExtend<Credential>();
    expectTypeOf<"secret">().toExtend<Credential>();
    expectTypeOf<() => number>().not.toExtend<Credential>();
    expectTypeOf<Console>().toExtend<NonNullable<TokenManagerOptions["logger"]>>();
    expectTypeOf<TokenManagerOptions["allowedHosts"]>().toEqualTypeOf<
      readonly string[] | undefined
    >();
  });

  it("onEvent receives a PaytokEvent", () => {
    expectTypeOf<NonNullable<TokenManagerOptions["onEvent"]>>().parameters.toEqualTypeOf<
      [event: PaytokEvent]
    >();
  });
});

describe("RetryOptions", () => {
  it("every knob is optional", () => {
    expectTypeOf<Record<never, never>>().toExtend<RetryOptions>();
    expectTypeOf<RetryOptions>().toEqualTypeOf<{
      retries?: number;
      baseDelayMs?: number;
      maxDelayMs?: number;
      maxRetryAfterMs?: number;
      random?: () => number;
    }>();
  });
});

describe("@paytok/core/testing", () => {
  it("builds sandbox handlers that are msw handlers carrying controls", () => {
    const ledger = createTokenLedger({
      baseUrl: "https://auth.example.com",
      defaultTokenLifetimeSeconds: 300,
      tokenPrefix: "example",
    });
    const handlers = createSandboxHandlers(ledger, {
      method: "post",
      path: "/token",
      respond: () => new Response(null),
    });
    expectTypeOf(handlers).toEqualTypeOf<SandboxHandlers>();
    expectTypeOf(handlers.tokenRequests[0]?.body).toEqualTypeOf<string | undefined>();
  });
});
