// The Paysway emulator behind `@paytok/paysway/testing`: msw handlers answering the token endpoint
// as the "Authentication" page documents it (errors as RFC 6749 §5.2, which the page leaves out),
// plus core's protected echo API.

import { resolveBaseUrl } from "@paytok/core";
import {
  createSandboxHandlers,
  createTokenLedger,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type SandboxHandlers,
  type SandboxOptions,
} from "@paytok/core/testing";
import type { components } from "./generated/schema.js";
import {
  type PayswayEnvironment,
  payswayApiHeaders,
  payswayDefaultEnvironment,
  payswayEnvironments,
  payswayTokenEndpoint,
  payswayTokenPath,
} from "./generated/token-endpoint.js";

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type SandboxHandlers, type SandboxOptions };

/** Options of {@link payswayHandlers}: core's sandbox options plus the environment to answer on. */
export type PayswaySandboxOptions = SandboxOptions & {
  /** Answer on this environment's host. Default (and only) `production`; or pass `baseUrl`. */
  environment?: PayswayEnvironment;
};

type TokenResponseBody = components["schemas"]["TokenResponse"];
type TokenErrorBody = components["schemas"]["TokenErrorResponse"];

const noStore = { "Cache-Control": "no-store", Pragma: "no-cache" };

function oauthError(status: 400 | 401, body: TokenErrorBody): Response {
  return Response.json(body, { status, headers: noStore });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * msw handlers emulating Paysway's token endpoint: a form-urlencoded body with `grant_type`
 * (`client_credentials`), `client_id` and `client_secret`. Success is 200 with
 * `{ access_token, token_type: "Bearer", expires_in: 3600 }`, as documented. Errors follow
 * RFC 6749 §5.2 (the document describes none): 400 `invalid_request` for another media type or a
 * repeated or missing `grant_type`, 400 `unsupported_grant_type` for another grant, 401
 * `{"error":"invalid_client"}` for missing or wrong credentials.
 * Spread into `setupServer(...payswayHandlers())`; the array also carries the sandbox controls.
 */
export function payswayHandlers(options: PayswaySandboxOptions = {}): SandboxHandlers {
  const { environment, baseUrl, ...sandboxOptions } = options;
  const resolvedBaseUrl = resolveBaseUrl(
    { environment, baseUrl },
    payswayEnvironments,
    payswayDefaultEnvironment,
    payswayTokenEndpoint.packageName,
  );
  const ledger = createTokenLedger({
    ...sandboxOptions,
    baseUrl: resolvedBaseUrl,
    defaultTokenLifetimeSeconds: payswayTokenEndpoint.lifetimeSeconds,
    tokenPrefix: "paysway-sandbox",
  });
  return createSandboxHandlers(
    ledger,
    {
      method: "post",
      path: payswayTokenPath,
      respond(_request, recorded) {
        if (mediaType(recorded.headers["content-type"]) !== "application/x-www-form-urlencoded") {
          return oauthError(400, {
            error: "invalid_request",
            error_description: "Content-Type must be application/x-www-form-urlencoded",
          });
        }
        const fields = new URLSearchParams(recorded.body);
        for (const name of ["grant_type", "client_id", "client_secret"]) {
          if (fields.getAll(name).length > 1) {
            return oauthError(400, {
              error: "invalid_request",
              error_description: `${name} is repeated`,
            });
          }
        }
        const grantType = fields.get("grant_type");
        if (grantType === null || grantType === "") {
          return oauthError(400, {
            error: "invalid_request",
            error_description: "grant_type is required",
          });
        }
        if (grantType !== "client_credentials") {
          return oauthError(400, { error: "unsupported_grant_type" });
        }
        const { credentials } = ledger.controls;
        if (
          fields.get("client_id") !== credentials.clientId ||
          fields.get("client_secret") !== credentials.clientSecret
        ) {
          return oauthError(401, { error: "invalid_client" });
        }
        const token = ledger.issue("client_credentials", false);
        const response: TokenResponseBody = {
          access_token: token.accessToken,
          token_type: "Bearer",
          expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
        };
        return Response.json(response, { headers: noStore });
      },
    },
    payswayApiHeaders,
  );
}
