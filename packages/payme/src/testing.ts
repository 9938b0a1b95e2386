// msw handlers that emulate Pay-me's token endpoint as its document describes it, plus the shared
// protected echo API, which (like Pay-me's API) also requires the ALG-API-VERSION header.
import { resolveBaseUrl } from "@paytok/core";
import {
  createSandboxHandlers,
  createTokenLedger,
  type RecordedRequest,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type SandboxHandlers,
  type SandboxOptions,
} from "@paytok/core/testing";
import { HttpResponse } from "msw";
import type { components } from "./generated/schema.js";
import {
  type PaymeEnvironment,
  paymeApiHeaders,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeScopes,
  paymeTokenMediaType,
  paymeTokenPath,
} from "./generated/token-endpoint.js";

export type { SandboxHandlers, SandboxOptions };
export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET };

export type PaymeSandboxOptions = SandboxOptions & {
  /** Environment whose base URL the handlers answer on. Default `preprod`; `baseUrl` wins. */
  environment?: PaymeEnvironment;
};

/** `expires_in` of the document's sample. */
const DOCUMENTED_LIFETIME_SECONDS = 8600;

type TokenResponse = components["schemas"]["TokenResponse"];

/**
 * Status codes of `authorization.meta.status` the emulator answers with. The document gives only
 * `00` (success); the others are this emulator's choice.
 */
export const paymeSandboxStatusCodes = {
  success: "00",
  invalidCredentials: "01",
  invalidScope: "02",
  invalidRequest: "03",
} as const;

function answer(status: number, code: string, message: string, success: boolean): Response {
  const body: TokenResponse = {
    action: "authorize",
    success,
    authorization: {
      meta: { status: { code, message_ilgn: [{ locale: "es_PE", value: message }] } },
    },
  };
  return HttpResponse.json(body, { status });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const REQUIRED_FIELDS = [
  "action",
  "grant_type",
  "audience",
  "client_id",
  "client_secret",
  "scope",
] as const;

/**
 * The emulator of Pay-me's token endpoint (`@paytok/payme/testing`). Spread the result into
 * `setupServer(...)`; it also carries the sandbox controls (`tokenRequests`, `revoke()`,
 * `failNextTokenRequests()`, …).
 *
 * Checks, in order: `ALG-API-VERSION: 1709847567` and `Content-Type: application/json` (else 400),
 * a JSON object body with every documented field a non-empty string, `action: "authorize"` and
 * `grant_type: "client_credentials"` (else 400), the credentials (else 401), the scopes: only
 * documented ones and `create:token` among them (else 200 with `success: false`). Every refusal
 * has the documented response shape with `success: false` and a status code and message.
 */
export function paymeHandlers(options: PaymeSandboxOptions = {}): SandboxHandlers {
  const baseUrl = resolveBaseUrl(
    options.baseUrl === undefined ? options : { baseUrl: options.baseUrl },
    paymeEnvironments,
    paymeDefaultEnvironment,
    "@paytok/payme/testing",
  );
  const ledger = createTokenLedger({
    ...options,
    baseUrl,
    defaultTokenLifetimeSeconds: DOCUMENTED_LIFETIME_SECONDS,
    tokenPrefix: "payme",
  });
  const { credentials } = ledger.controls;
  const codes = paymeSandboxStatusCodes;

  const respond = (_request: Request, recorded: RecordedRequest): Response => {
    for (const [name, value] of Object.entries(paymeApiHeaders)) {
      if (recorded.headers[name.toLowerCase()] !== value) {
        return answer(
          400,
          codes.invalidRequest,
          `Header ${name} inválido: debe ser ${value}`,
          false,
        );
      }
    }
    if (mediaType(recorded.headers["content-type"]) !== paymeTokenMediaType) {
      return answer(400, codes.invalidRequest, "Content-Type debe ser application/json", false);
    }
    let body: unknown;
    try {
      body = JSON.parse(recorded.body);
    } catch {
      return answer(400, codes.invalidRequest, "El body no es JSON válido", false);
    }
    if (!isRecord(body)) {
      return answer(400, codes.invalidRequest, "El body debe ser un objeto JSON", false);
    }
    for (const field of REQUIRED_FIELDS) {
      const value = body[field];
      if (typeof value !== "string" || value === "") {
        return answer(400, codes.invalidRequest, `Campo obligatorio: ${field}`, false);
      }
    }
    if (body.action !== "authorize") {
      return answer(400, codes.invalidRequest, "action debe ser authorize", false);
    }
    if (body.grant_type !== "client_credentials") {
      return answer(400, codes.invalidRequest, "grant_type debe ser client_credentials", false);
    }
    if (
      body.client_id !== credentials.clientId ||
      body.client_secret !== credentials.clientSecret
    ) {
      return answer(401, codes.invalidCredentials, "Credenciales inválidas", false);
    }
    const scope = body.scope as string;
    const words = scope.split(" ");
    const known: readonly string[] = paymeScopes;
    const unknown = words.filter((word) => !known.includes(word));
    if (unknown.length > 0) {
      return answer(200, codes.invalidScope, `Scope no permitido: ${unknown.join(" ")}`, false);
    }
    if (!words.includes("create:token")) {
      return answer(200, codes.invalidScope, "El scope create:token es obligatorio", false);
    }
    const token = ledger.issue("client_credentials", false);
    const response: TokenResponse = {
      action: "authorize",
      success: true,
      access_token: token.accessToken,
      scope,
      expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000),
      token_type: "Bearer",
      authorization: {
        meta: {
          status: {
            code: codes.success,
            message_ilgn: [{ locale: "es_PE", value: "Access Token creado" }],
          },
        },
      },
    };
    return HttpResponse.json(response);
  };

  return createSandboxHandlers(
    ledger,
    { method: "post", path: paymeTokenPath, respond },
    paymeApiHeaders,
  );
}
