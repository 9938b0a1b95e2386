import {
  type ErrorBodyDescription,
  normalizeTokenResponse,
  PaytokError,
  type Token,
  type TokenResponseContext,
} from "@paytok/core";
import type { components } from "./generated/schema.js";

type TokenResponse = components["schemas"]["TokenResponse"];

/** What `authorization.meta.status` says, as `providerDetails` of a PaytokError. */
export interface PaymeStatusDetails {
  /** `authorization.meta.status.code` (`"00"` on success in the document). */
  statusCode: string | undefined;
  /** Every `message_ilgn[].value`, in order. */
  messages: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `authorization.meta.status`; `undefined` when the body has none. */
export function readPaymeStatus(body: unknown): PaymeStatusDetails | undefined {
  if (!isRecord(body)) return undefined;
  const authorization = body.authorization;
  const meta = isRecord(authorization) ? authorization.meta : undefined;
  const status = isRecord(meta) ? meta.status : undefined;
  if (!isRecord(status)) return undefined;
  const code = typeof status.code === "string" ? status.code.slice(0, 40) : undefined;
  const messages: string[] = [];
  if (Array.isArray(status.message_ilgn)) {
    for (const message of status.message_ilgn) {
      if (isRecord(message) && typeof message.value === "string") {
        messages.push(message.value.slice(0, 300));
      }
    }
  }
  return { statusCode: code, messages };
}

/**
 * Pay-me answers 200 even when it refuses: `success: false` with the reason in
 * `authorization.meta.status`. That becomes a `PAYTOK_TOKEN_REQUEST_FAILED` (not retryable) with
 * the status in `providerDetails`; `success: true` is read as a standard token response.
 */
export function parsePaymeTokenResponse(body: unknown, context: TokenResponseContext): Token {
  if (isRecord(body) && body.success === false) {
    const status = readPaymeStatus(body) ?? { statusCode: undefined, messages: [] };
    const reason = [
      status.statusCode === undefined ? undefined : `code ${status.statusCode}`,
      ...status.messages,
    ]
      .filter((part) => part !== undefined)
      .join(": ");
    throw new PaytokError(
      "PAYTOK_TOKEN_REQUEST_FAILED",
      `token request refused with HTTP ${context.status} and success: false${reason ? ` (${reason})` : ""}`,
      {
        packageName: context.packageName,
        status: context.status,
        retryable: false,
        providerDetails: { statusCode: status.statusCode, messages: status.messages },
      },
    );
  }
  if (!isRecord(body) || body.success !== true) {
    throw new PaytokError(
      "PAYTOK_INVALID_TOKEN_RESPONSE",
      "token response has no success: true (Pay-me always sends the success flag)",
      { packageName: context.packageName, status: context.status },
    );
  }
  const response = body as TokenResponse;
  return normalizeTokenResponse(response, context);
}

/**
 * Reads a non-2xx body: `{ error, error_description }` when the server sends that shape, and the
 * documented `authorization.meta.status` (code and messages) when it sends the token response
 * shape with `success: false`.
 */
export function describePaymeErrorBody(body: unknown): ErrorBodyDescription | undefined {
  if (!isRecord(body)) return undefined;
  const description: ErrorBodyDescription = {};
  if (typeof body.error === "string") description.oauthError = body.error;
  if (typeof body.error_description === "string") {
    description.oauthErrorDescription = body.error_description;
  }
  const status = readPaymeStatus(body);
  if (status !== undefined) {
    description.providerDetails = { statusCode: status.statusCode, messages: status.messages };
    if (description.oauthErrorDescription === undefined && status.messages.length > 0) {
      description.oauthErrorDescription = status.messages.join("; ");
    }
  }
  return description.oauthError === undefined && status === undefined ? undefined : description;
}
