// msw handlers that emulate PayLater's Keycloak token endpoint as its document describes it (and,
// where the document is silent, as Keycloak behaves), plus the shared protected echo API.
import { resolveBaseUrl } from "@paytok/core";
import {
  createSandboxHandlers,
  createTokenLedger,
  type IssuedToken,
  type RecordedRequest,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type SandboxHandlers,
  type SandboxOptions,
} from "@paytok/core/testing";
import { HttpResponse } from "msw";
import type { components } from "./generated/schema.js";
import {
  type PaylaterEnvironment,
  paylaterApiHeaders,
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenMediaType,
  paylaterTokenPath,
} from "./generated/token-endpoint.js";

export type { SandboxHandlers, SandboxOptions };
export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET };

export type PaylaterSandboxOptions = SandboxOptions & {
  /** Environment whose base URL the handlers answer on. Default `sandbox`; `baseUrl` wins. */
  environment?: PaylaterEnvironment;
};

/** Keycloak's defaults, as in the document's sample: 5 minutes and 30 minutes. */
const DOCUMENTED_LIFETIME_SECONDS = 300;
const DOCUMENTED_REFRESH_LIFETIME_SECONDS = 1800;

type TokenResponse = components["schemas"]["TokenResponse"];
type TokenErrorResponse = components["schemas"]["TokenErrorResponse"];

/** Keycloak marks token responses as not cacheable. */
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

function oauthError(status: number, error: string, description: string): Response {
  const body: TokenErrorResponse = { error, error_description: description };
  return HttpResponse.json(body, { status, headers: NO_STORE });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * The emulator of PayLater's token endpoint (`@paytok/paylater/testing`). Spread the result into
 * `setupServer(...)`; it also carries the sandbox controls (`tokenRequests`, `revoke()`,
 * `revokeRefreshTokens()`, `failNextTokenRequests()`, …).
 *
 * Keycloak behaviour: a body that is not form-urlencoded is refused with 415; a duplicated or
 * missing parameter with 400 `invalid_request`; an unknown grant with 400
 * `unsupported_grant_type`; wrong client credentials with 401 `invalid_client`; an unknown,
 * spent, revoked or expired refresh token with 400 `invalid_grant`. Refresh tokens rotate: each
 * one can be used once.
 */
export function paylaterHandlers(options: PaylaterSandboxOptions = {}): SandboxHandlers {
  const baseUrl = resolveBaseUrl(
    options.baseUrl === undefined ? options : { baseUrl: options.baseUrl },
    paylaterEnvironments,
    paylaterDefaultEnvironment,
    "@paytok/paylater/testing",
  );
  const ledger = createTokenLedger({
    ...options,
    baseUrl,
    defaultTokenLifetimeSeconds: DOCUMENTED_LIFETIME_SECONDS,
    defaultRefreshTokenLifetimeSeconds: DOCUMENTED_REFRESH_LIFETIME_SECONDS,
    tokenPrefix: "paylater",
  });
  const { credentials } = ledger.controls;
  /** Keycloak keeps one user session per login; refreshing stays in it. */
  const sessions = new Map<string, string>();

  const success = (token: IssuedToken, sessionState: string): Response => {
    if (token.refreshToken !== undefined) sessions.set(token.refreshToken, sessionState);
    const body: TokenResponse = {
      access_token: token.accessToken,
      expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
      // Keycloak sends 0 for a refresh token without a lifetime of its own.
      refresh_expires_in:
        token.refreshExpiresAt === undefined
          ? 0
          : Math.round((token.refreshExpiresAt - token.issuedAt) / 1000),
      ...(token.refreshToken === undefined ? {} : { refresh_token: token.refreshToken }),
      token_type: "Bearer",
      "not-before-policy": 0,
      session_state: sessionState,
      scope: "profile email",
    };
    return HttpResponse.json(body, { headers: NO_STORE });
  };

  const respond = (_request: Request, recorded: RecordedRequest): Response => {
    if (mediaType(recorded.headers["content-type"]) !== paylaterTokenMediaType) {
      return oauthError(
        415,
        "invalid_request",
        "Content-Type must be application/x-www-form-urlencoded",
      );
    }
    const form = new URLSearchParams(recorded.body);
    for (const name of new Set(form.keys())) {
      if (form.getAll(name).length > 1) {
        return oauthError(400, "invalid_request", "duplicated parameter");
      }
    }
    const grantType = form.get("grant_type");
    if (grantType === null || grantType === "") {
      return oauthError(400, "invalid_request", "Missing form parameter: grant_type");
    }
    if (grantType !== "client_credentials" && grantType !== "refresh_token") {
      return oauthError(400, "unsupported_grant_type", "Unsupported grant_type");
    }
    if (
      form.get("client_id") !== credentials.clientId ||
      form.get("client_secret") !== credentials.clientSecret
    ) {
      return oauthError(401, "invalid_client", "Invalid client or Invalid client credentials");
    }
    if (grantType === "client_credentials") {
      return success(ledger.issue("client_credentials", true), crypto.randomUUID());
    }
    const refreshToken = form.get("refresh_token");
    if (refreshToken === null || refreshToken === "") {
      return oauthError(400, "invalid_request", "Missing form parameter: refresh_token");
    }
    const known = ledger.controls.issued.find((token) => token.refreshToken === refreshToken);
    if (known?.refreshExpiresAt !== undefined && ledger.now() >= known.refreshExpiresAt) {
      return oauthError(400, "invalid_grant", "Token is not active");
    }
    if (known === undefined || ledger.redeemRefreshToken(refreshToken) === undefined) {
      return oauthError(400, "invalid_grant", "Invalid refresh token");
    }
    return success(
      ledger.issue("refresh_token", true),
      sessions.get(refreshToken) ?? crypto.randomUUID(),
    );
  };

  return createSandboxHandlers(
    ledger,
    { method: "post", path: paylaterTokenPath, respond },
    paylaterApiHeaders,
  );
}
