// The Alternative Payments emulator behind `@paytok/alternative-payments/testing`: msw handlers
// answering the token endpoint as the "OAuth" page documents it, plus core's protected echo API.

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
  type AlternativePaymentsEnvironment,
  alternativePaymentsApiHeaders,
  alternativePaymentsDefaultEnvironment,
  alternativePaymentsEnvironments,
  alternativePaymentsTokenEndpoint,
  alternativePaymentsTokenPath,
} from "./generated/token-endpoint.js";

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type SandboxHandlers, type SandboxOptions };

/** Options of {@link alternativePaymentsHandlers}: core's sandbox options plus the environment. */
export type AlternativePaymentsSandboxOptions = SandboxOptions & {
  /**
   * Answer on this environment's host. Default `production` (https); `production-http` is the
   * documented plain-HTTP URL; or pass `baseUrl`.
   */
  environment?: AlternativePaymentsEnvironment;
};

type TokenResponseBody = components["schemas"]["TokenResponse"];
type TokenErrorBody = components["schemas"]["TokenErrorResponse"];

function errorMap(status: 400 | 403, body: TokenErrorBody): Response {
  return Response.json(body, { status });
}

/** The documented 403: an object of string values. The exact keys are our assumption. */
const invalidCredentials = () => errorMap(403, { error: "Invalid credentials" });

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Form-decodes one part of the Basic credentials (RFC 6749 §2.3.1); undefined when malformed. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** `{ clientId, clientSecret }` from `Authorization: Basic …`, or undefined when unreadable. */
function basicCredentials(
  header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (match?.[1] === undefined) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return undefined;
  }
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  const clientId = formDecode(decoded.slice(0, separator));
  const clientSecret = formDecode(decoded.slice(separator + 1));
  if (clientId === undefined || clientSecret === undefined) return undefined;
  return { clientId, clientSecret };
}

/**
 * msw handlers emulating Alternative Payments' token endpoint: the client id and secret as HTTP
 * Basic credentials (each form-encoded, RFC 6749 §2.3.1) and a form-urlencoded body with only
 * `grant_type=client_credentials`. Success is 200 with
 * `{ access_token, expires_in: 3600, token_type: "bearer" }` (lowercase, as documented). Missing
 * or wrong Basic credentials: the documented 403, as `{"error":"Invalid credentials"}`. A body
 * that is not form-urlencoded, lacks `grant_type` or carries credentials: 400
 * `{"error":"invalid_request",…}`; another grant type: 400 `{"error":"unsupported_grant_type"}`
 * (both undocumented; string maps like the 403).
 * Spread into `setupServer(...alternativePaymentsHandlers())`; the array carries the controls.
 */
export function alternativePaymentsHandlers(
  options: AlternativePaymentsSandboxOptions = {},
): SandboxHandlers {
  const { environment, baseUrl, ...sandboxOptions } = options;
  const resolvedBaseUrl = resolveBaseUrl(
    { environment, baseUrl },
    alternativePaymentsEnvironments,
    alternativePaymentsDefaultEnvironment,
    alternativePaymentsTokenEndpoint.packageName,
  );
  const ledger = createTokenLedger({
    ...sandboxOptions,
    baseUrl: resolvedBaseUrl,
    defaultTokenLifetimeSeconds: alternativePaymentsTokenEndpoint.lifetimeSeconds,
    tokenPrefix: "alternative-payments-sandbox",
  });
  return createSandboxHandlers(
    ledger,
    {
      method: "post",
      path: alternativePaymentsTokenPath,
      respond(_request, recorded) {
        const presented = basicCredentials(recorded.headers.authorization);
        const { credentials } = ledger.controls;
        if (
          presented === undefined ||
          presented.clientId !== credentials.clientId ||
          presented.clientSecret !== credentials.clientSecret
        ) {
          return invalidCredentials();
        }
        if (mediaType(recorded.headers["content-type"]) !== "application/x-www-form-urlencoded") {
          return errorMap(400, {
            error: "invalid_request",
            error_description: "Content-Type must be application/x-www-form-urlencoded",
          });
        }
        const fields = new URLSearchParams(recorded.body);
        if (fields.has("client_id") || fields.has("client_secret")) {
          return errorMap(400, {
            error: "invalid_request",
            error_description: "client credentials go in the Authorization header only",
          });
        }
        const grantTypes = fields.getAll("grant_type");
        if (grantTypes.length !== 1 || grantTypes[0] === "") {
          return errorMap(400, {
            error: "invalid_request",
            error_description: "exactly one grant_type is required",
          });
        }
        if (grantTypes[0] !== "client_credentials") {
          return errorMap(400, { error: "unsupported_grant_type" });
        }
        const token = ledger.issue("client_credentials", false);
        const response: TokenResponseBody = {
          access_token: token.accessToken,
          expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
          token_type: "bearer",
        };
        return Response.json(response);
      },
    },
    alternativePaymentsApiHeaders,
  );
}
