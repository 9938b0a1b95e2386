// The payment API this example calls, as openapi-typescript would generate it from its OpenAPI
// document. Written by hand here: it describes the sandbox's echo API, which answers any path
// below `…/paytok-sandbox/api` with what it received.

/** What the sandbox's echo API answers a call that carried a valid token with. */
export interface Echo {
  ok: true;
  method: string;
  path: string;
  /** The request body, exactly as sent. */
  body: string;
}

/** The OAuth error body of a 401 (missing, unknown, revoked or expired token). */
export interface ApiError {
  error: string;
  error_description?: string;
}

export interface ChargeRequest {
  amount: number;
  currency: string;
  description?: string;
}

interface Responses {
  200: { headers: Record<string, unknown>; content: { "application/json": Echo } };
  401: { headers: Record<string, unknown>; content: { "application/json": ApiError } };
}

export interface paths {
  "/charges": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": ChargeRequest } };
      responses: Responses;
    };
  };
  "/charges/{chargeId}": {
    parameters: { query?: never; header?: never; path: { chargeId: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { chargeId: string }; cookie?: never };
      requestBody?: never;
      responses: Responses;
    };
  };
}
