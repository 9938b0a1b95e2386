// Shared pieces of the provider emulators that `@paytok/<provider>/testing` export: a ledger of
// issued tokens, request recording, failure injection and a protected echo API. Each provider
// package adds only what its document says about the wire format.
import { type HttpHandler, HttpResponse, http } from "msw";

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The raw body, exactly as sent. */
  body: string;
}

export interface IssuedToken {
  accessToken: string;
  refreshToken: string | undefined;
  grant: string;
  issuedAt: number;
  expiresAt: number;
  refreshExpiresAt: number | undefined;
  revoked: boolean;
}

export interface SandboxOptions {
  /** Base URL the handlers answer on. Default: the provider's default environment. */
  baseUrl?: string;
  /** Credentials the emulator accepts. Defaults: `paytok-sandbox-client` / `paytok-sandbox-secret`. */
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued access tokens. Default: the provider's documented lifetime. */
  tokenLifetimeSeconds?: number;
  /** Lifetime of refresh tokens, where the provider issues them. */
  refreshTokenLifetimeSeconds?: number;
  /** Time source (works with fake timers when left at its default, `Date.now`). */
  now?: () => number;
}

/** A failure the emulator answers the next token request(s) with, before any other check. */
export type InjectedFailure =
  | {
      kind: "status";
      status: number;
      body?: string;
      headers?: Record<string, string>;
      /** Wait this long before answering (a slow endpoint). */
      delayMs?: number;
    }
  | { kind: "network" };

export interface SandboxControls {
  readonly baseUrl: string;
  /** Base of the protected echo API: any method and path below it checks the bearer token. */
  readonly apiUrl: string;
  readonly credentials: { readonly clientId: string; readonly clientSecret: string };
  /** Every token request received, in order. */
  readonly tokenRequests: RecordedRequest[];
  /** Every request received by the echo API, in order. */
  readonly apiRequests: RecordedRequest[];
  /** Every token issued, in order. */
  readonly issued: IssuedToken[];
  /** Revokes one access token (the API then answers 401 for it), or all when called without one. */
  revoke(accessToken?: string): void;
  /** Revokes every refresh token: the refresh grant then answers `invalid_grant`. */
  revokeRefreshTokens(): void;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /**
   * Rotates the client secret, as a provider's console does: from now on only the new one is
   * accepted (`credentials.clientSecret` shows it); tokens already issued stay valid. Returns the
   * new secret: the given one, or a random one.
   */
  rotateClientSecret(newSecret?: string): string;
  /**
   * Answers the next `count` token requests, before any other check, with the given status, body
   * and headers (a 5xx, a 429, a crafted 200), or a network error; `delayMs` makes it slow.
   */
  failNextTokenRequests(failure: InjectedFailure, count?: number): void;
  /** Forgets every request, token, injected failure, lifetime change and rotated secret. */
  reset(): void;
}

/** msw handlers (spread them into `setupServer`) that also carry the sandbox's controls. */
export type SandboxHandlers = HttpHandler[] & SandboxControls;

export interface TokenLedger {
  readonly controls: SandboxControls;
  now(): number;
  tokenLifetimeSeconds(): number;
  refreshTokenLifetimeSeconds(): number | undefined;
  /** Issues a new access token (and refresh token when `withRefreshToken`). */
  issue(grant: string, withRefreshToken: boolean): IssuedToken;
  /** The live token a refresh token belongs to, or undefined when unknown, expired or revoked. */
  redeemRefreshToken(refreshToken: string): IssuedToken | undefined;
  /** Whether an access token is known, unrevoked and unexpired. */
  isValid(accessToken: string): boolean;
  /** The failure to answer with, if one was injected (after its delay). */
  takeInjectedFailure(): Promise<Response | "network" | undefined>;
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export const SANDBOX_CLIENT_ID = "paytok-sandbox-client";
export const SANDBOX_CLIENT_SECRET = "paytok-sandbox-secret";
export const SANDBOX_API_PATH = "/paytok-sandbox/api";

let tokenCounter = 0;

function randomPart(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { method: request.method, url: request.url, headers, body: await request.text() };
}

/** Creates the state an emulator keeps: tokens, requests, injected failures. */
export function createTokenLedger(
  options: SandboxOptions & {
    baseUrl: string;
    defaultTokenLifetimeSeconds: number;
    defaultRefreshTokenLifetimeSeconds?: number;
    tokenPrefix: string;
  },
): TokenLedger {
  const now = options.now ?? (() => Date.now());
  const initialLifetime = options.tokenLifetimeSeconds ?? options.defaultTokenLifetimeSeconds;
  let lifetime = initialLifetime;
  const refreshLifetime =
    options.refreshTokenLifetimeSeconds ?? options.defaultRefreshTokenLifetimeSeconds;
  const failures: InjectedFailure[] = [];
  const byAccessToken = new Map<string, IssuedToken>();
  const byRefreshToken = new Map<string, IssuedToken>();
  const revokedRefreshTokens = new Set<string>();
  const initialSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET;
  const credentials = {
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: initialSecret,
  };
  const controls: SandboxControls = {
    baseUrl: options.baseUrl,
    apiUrl: `${options.baseUrl}${SANDBOX_API_PATH}`,
    credentials,
    tokenRequests: [],
    apiRequests: [],
    issued: [],
    revoke(accessToken) {
      for (const token of controls.issued) {
        if (accessToken === undefined || token.accessToken === accessToken) token.revoked = true;
      }
    },
    revokeRefreshTokens() {
      for (const token of controls.issued) {
        if (token.refreshToken !== undefined) revokedRefreshTokens.add(token.refreshToken);
      }
    },
    setTokenLifetime(seconds) {
      lifetime = seconds;
    },
    rotateClientSecret(newSecret = `paytok-sandbox-secret-${randomPart()}`) {
      if (typeof newSecret !== "string" || newSecret === "") {
        throw new TypeError("rotateClientSecret needs a non-empty string, or nothing");
      }
      credentials.clientSecret = newSecret;
      return newSecret;
    },
    failNextTokenRequests(failure, count = 1) {
      for (let index = 0; index < count; index++) failures.push(failure);
    },
    reset() {
      lifetime = initialLifetime;
      credentials.clientSecret = initialSecret;
      controls.tokenRequests.length = 0;
      controls.apiRequests.length = 0;
      controls.issued.length = 0;
      failures.length = 0;
      byAccessToken.clear();
      byRefreshToken.clear();
      revokedRefreshTokens.clear();
    },
  };
  return {
    controls,
    now,
    tokenLifetimeSeconds: () => lifetime,
    refreshTokenLifetimeSeconds: () => refreshLifetime,
    issue(grant, withRefreshToken) {
      tokenCounter += 1;
      const issuedAt = now();
      const token: IssuedToken = {
        accessToken: `${options.tokenPrefix}-at-${tokenCounter}-${randomPart()}`,
        refreshToken: withRefreshToken
          ? `${options.tokenPrefix}-rt-${tokenCounter}-${randomPart()}`
          : undefined,
        grant,
        issuedAt,
        expiresAt: issuedAt + lifetime * 1000,
        refreshExpiresAt:
          withRefreshToken && refreshLifetime !== undefined && refreshLifetime > 0
            ? issuedAt + refreshLifetime * 1000
            : undefined,
        revoked: false,
      };
      controls.issued.push(token);
      byAccessToken.set(token.accessToken, token);
      if (token.refreshToken !== undefined) byRefreshToken.set(token.refreshToken, token);
      return token;
    },
    redeemRefreshToken(refreshToken) {
      const token = byRefreshToken.get(refreshToken);
      if (token === undefined || revokedRefreshTokens.has(refreshToken)) return undefined;
      if (token.refreshExpiresAt !== undefined && now() >= token.refreshExpiresAt) return undefined;
      // Keycloak rotates refresh tokens: the old one is spent.
      revokedRefreshTokens.add(refreshToken);
      return token;
    },
    isValid(accessToken) {
      const token = byAccessToken.get(accessToken);
      return token !== undefined && !token.revoked && now() < token.expiresAt;
    },
    async takeInjectedFailure() {
      const failure = failures.shift();
      if (failure === undefined) return undefined;
      if (failure.kind === "network") return "network";
      if (failure.delayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      }
      return new Response(NULL_BODY_STATUSES.has(failure.status) ? null : (failure.body ?? ""), {
        status: failure.status,
        headers: failure.headers ?? {},
      });
    },
  };
}

/**
 * The protected echo API: checks `Authorization: Bearer` (and the provider's required headers),
 * answers 401 for a missing, unknown, revoked or expired token, and otherwise echoes the request.
 */
export function sandboxApiHandler(
  ledger: TokenLedger,
  requiredHeaders: Readonly<Record<string, string>> = {},
): HttpHandler {
  return http.all(`${ledger.controls.apiUrl}/*`, async ({ request }) => {
    const recorded = await recordRequest(request);
    ledger.controls.apiRequests.push(recorded);
    const authorization = recorded.headers.authorization ?? "";
    const accessToken = authorization.startsWith("Bearer ") ? authorization.slice(7) : "";
    if (!ledger.isValid(accessToken)) {
      return HttpResponse.json(
        { error: "invalid_token", error_description: "missing, unknown, revoked or expired token" },
        { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
      );
    }
    for (const [name, value] of Object.entries(requiredHeaders)) {
      if (recorded.headers[name.toLowerCase()] !== value) {
        return HttpResponse.json(
          { error: "invalid_request", error_description: `header ${name} must be ${value}` },
          { status: 400 },
        );
      }
    }
    return HttpResponse.json({
      ok: true,
      method: recorded.method,
      path: new URL(recorded.url).pathname,
      body: recorded.body,
    });
  });
}

/**
 * Wraps a provider's token handler with recording and failure injection, adds the echo API, and
 * returns the handler list carrying the sandbox controls.
 */
export function createSandboxHandlers(
  ledger: TokenLedger,
  token: {
    method: "post";
    path: string;
    respond(request: Request, recorded: RecordedRequest): Response | Promise<Response>;
  },
  requiredApiHeaders: Readonly<Record<string, string>> = {},
): SandboxHandlers {
  const tokenHandler = http[token.method](
    `${ledger.controls.baseUrl}${token.path}`,
    async ({ request }) => {
      const recorded = await recordRequest(request.clone());
      ledger.controls.tokenRequests.push(recorded);
      const failure = await ledger.takeInjectedFailure();
      if (failure === "network") return HttpResponse.error();
      if (failure !== undefined) return failure;
      return token.respond(request, recorded);
    },
  );
  const handlers = [tokenHandler, sandboxApiHandler(ledger, requiredApiHeaders)];
  return Object.assign(handlers, ledger.controls);
}
