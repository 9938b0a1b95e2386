// The Lab4pay emulator behind `@paytok/lab4pay/testing`: msw handlers answering the token
// endpoint as the "Token" page documents it, plus core's protected echo API.

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
  type Lab4payEnvironment,
  lab4payApiHeaders,
  lab4payDefaultEnvironment,
  lab4payEnvironments,
  lab4payTokenEndpoint,
  lab4payTokenPath,
} from "./generated/token-endpoint.js";

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type SandboxHandlers, type SandboxOptions };

/** Options of {@link lab4payHandlers}: core's sandbox options plus the environment to answer on. */
export type Lab4paySandboxOptions = SandboxOptions & {
  /** Answer on this environment's host. Default `production`; or pass `baseUrl`. */
  environment?: Lab4payEnvironment;
};

type TokenResponseBody = components["schemas"]["AuthenticationTokenResponse"];

/** 400 with no body: the document gives 400 no body schema, so the emulator sends none. */
const badRequest = () => new Response(null, { status: 400 });

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * msw handlers emulating Lab4pay's token endpoint: a JSON body with `grant_type`
 * (`client_credentials`), `client_id` and `client_secret`, all required strings. Success is 200
 * with `expires_in` as a string, as documented. Wrong credentials, malformed JSON, another media
 * type, a missing or mistyped field: 400 with an empty body (the only client error documented).
 * Spread into `setupServer(...lab4payHandlers())`; the array also carries the sandbox controls.
 */
export function lab4payHandlers(options: Lab4paySandboxOptions = {}): SandboxHandlers {
  const { environment, baseUrl, ...sandboxOptions } = options;
  const resolvedBaseUrl = resolveBaseUrl(
    { environment, baseUrl },
    lab4payEnvironments,
    lab4payDefaultEnvironment,
    lab4payTokenEndpoint.packageName,
  );
  const ledger = createTokenLedger({
    ...sandboxOptions,
    baseUrl: resolvedBaseUrl,
    defaultTokenLifetimeSeconds: lab4payTokenEndpoint.lifetimeSeconds,
    tokenPrefix: "lab4pay-sandbox",
  });
  const expectedPath = new URL(`${resolvedBaseUrl}${lab4payTokenPath}`).pathname;
  return createSandboxHandlers(
    ledger,
    {
      method: "post",
      path: lab4payTokenPath,
      respond(_request, recorded) {
        // msw matches a doubled trailing slash too; the documented path is exact.
        if (new URL(recorded.url).pathname !== expectedPath) {
          return new Response(null, { status: 404 });
        }
        if (mediaType(recorded.headers["content-type"]) !== "application/json") return badRequest();
        const body = parseJsonObject(recorded.body);
        if (body === undefined) return badRequest();
        const { grant_type, client_id, client_secret } = body;
        if (
          typeof grant_type !== "string" ||
          typeof client_id !== "string" ||
          typeof client_secret !== "string"
        ) {
          return badRequest();
        }
        const { credentials } = ledger.controls;
        if (
          grant_type !== "client_credentials" ||
          client_id !== credentials.clientId ||
          client_secret !== credentials.clientSecret
        ) {
          return badRequest();
        }
        const token = ledger.issue("client_credentials", false);
        const response: TokenResponseBody = {
          access_token: token.accessToken,
          expires_in: String(Math.round((token.expiresAt - token.issuedAt) / 1000)),
          token_type: "Bearer",
          scope: lab4payTokenEndpoint.responseDefaults.scope,
        };
        return Response.json(response);
      },
    },
    lab4payApiHeaders,
  );
}
