// The providers' own documentation, reduced to what a spec must agree with: the documented facts
// (path, servers, media type, client authentication, status codes) and every request and response
// sample, copied verbatim from the documents in shared/seeds (each entry names its file). JSON
// samples are kept as the document's text and parsed here, so a copy mistake shows as a diff
// against the document, not as a silently different object. The specs are checked against this
// module by spec-samples.test.ts: a spec that drifts from its document fails there.

export type ProviderId = "lab4pay" | "paylater" | "paysway" | "alternative-payments" | "payme";

export interface DocumentedServer {
  url: string;
  environment: string;
}

export interface DocumentedEndpoint {
  provider: ProviderId;
  /** The seed document this entry was read from. */
  source: string;
  path: string;
  mediaType: "application/json" | "application/x-www-form-urlencoded";
  clientAuthentication: "client_secret_post" | "client_secret_basic";
  /** In the order the spec must list them; the first one is the default. */
  servers: readonly DocumentedServer[];
  /** Every status code the document gives for the token endpoint. */
  statuses: readonly string[];
}

/** Where a sample goes: the request body, or the body of one response status. */
export type SampleTarget = { kind: "request" } | { kind: "response"; status: string };

export interface DocumentSample {
  provider: ProviderId;
  /** Readable and unique: used in test names and to look up the sample's expectations. */
  name: string;
  /** The seed document the sample was copied from. */
  source: string;
  /**
   * `verbatim`: copied from a sample in the document. `assembled`: the document has no sample, so
   * the value is put together from what it does say (per-field examples, defaults, required
   * values), and the comment beside it says how.
   */
  origin: "verbatim" | "assembled";
  target: SampleTarget;
  value: Record<string, unknown>;
}

/** Parses a JSON object copied from a document. */
function json(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Turns cURL `--data` / `--data-urlencode` arguments (`name=value`, as written in a document) into
 * the form fields they send. `--data-urlencode name=value` sends `value` literally, so nothing is
 * decoded here.
 */
function curlFormFields(...arguments_: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const argument of arguments_) {
    const separator = argument.indexOf("=");
    if (separator < 1) throw new Error(`not a name=value cURL data argument: ${argument}`);
    fields[argument.slice(0, separator)] = argument.slice(separator + 1);
  }
  return fields;
}

const LAB4PAY = "shared/seeds/000_5adfdda2ff77acfb.txt";
const PAYLATER = "shared/seeds/001_abf39b3c7921964f.txt";
const PAYSWAY = "shared/seeds/002_b38b15990078397e.txt";
const ALTERNATIVE_PAYMENTS = "shared/seeds/003_276cfb3617406ca2.txt";
const PAYME = "shared/seeds/004_5a4e9cf62f00151f.txt";

export const documentedEndpoints: readonly DocumentedEndpoint[] = [
  {
    // The embedded OpenAPI document: servers, `POST /v1/auth/token/`, JSON body, 200/400/500.
    provider: "lab4pay",
    source: LAB4PAY,
    path: "/v1/auth/token/",
    mediaType: "application/json",
    clientAuthentication: "client_secret_post",
    servers: [
      { url: "https://api-payment.lab4pay.com", environment: "production" },
      { url: "https://api-payment.lab4pay.dev", environment: "development" },
    ],
    statuses: ["200", "400", "500"],
  },
  {
    // "Endpoint" (Sandbox, then Production), "Headers", "Request Body", "Error Response".
    // 400/401 are Keycloak's statuses for the documented error codes.
    provider: "paylater",
    source: PAYLATER,
    path: "/auth/realms/api/protocol/openid-connect/token",
    mediaType: "application/x-www-form-urlencoded",
    clientAuthentication: "client_secret_post",
    servers: [
      { url: "https://connect.uat.paylaterapp.com", environment: "sandbox" },
      { url: "https://connect.paylaterapp.com", environment: "production" },
    ],
    statuses: ["200", "400", "401"],
  },
  {
    // "Obtain an access token"; the host appears only in the cURL example. Errors are not
    // documented: 400/401 are the RFC 6749 section 5.2 assumption written in the spec.
    provider: "paysway",
    source: PAYSWAY,
    path: "/oauth2/token",
    mediaType: "application/x-www-form-urlencoded",
    clientAuthentication: "client_secret_post",
    servers: [{ url: "https://api.paysway.dev", environment: "production" }],
    statuses: ["200", "400", "401"],
  },
  {
    // The embedded OpenAPI document: plain-HTTP server, Basic auth, 200 and 403.
    provider: "alternative-payments",
    source: ALTERNATIVE_PAYMENTS,
    path: "/oauth/token",
    mediaType: "application/x-www-form-urlencoded",
    clientAuthentication: "client_secret_basic",
    // The spec adds the same host over https as the default (`x-paytok-assumed`).
    servers: [{ url: "http://public-api.alternativepayments.io", environment: "production-http" }],
    statuses: ["200", "403"],
  },
  {
    // "Pre-Producción" then "Producción"; "Errores comunes" lists 401 and 403.
    provider: "payme",
    source: PAYME,
    path: "/token",
    mediaType: "application/json",
    clientAuthentication: "client_secret_post",
    servers: [
      { url: "https://auth.preprod.alignet.io", environment: "preprod" },
      { url: "https://auth.alignet.io", environment: "production" },
    ],
    statuses: ["200", "401", "403"],
  },
];

export const documentSamples: readonly DocumentSample[] = [
  // Lab4pay's page has no sample at all. These two are assembled from its embedded OpenAPI
  // schemas: the documented defaults (`client_credentials`, `Bearer`, `default`) plus obviously
  // fake values, with `expires_in` as the string the document's type says it is.
  {
    provider: "lab4pay",
    name: "lab4pay request",
    source: LAB4PAY,
    origin: "assembled",
    target: { kind: "request" },
    value: {
      grant_type: "client_credentials",
      client_id: "example-client-id",
      client_secret: "example-client-secret",
    },
  },
  {
    provider: "lab4pay",
    name: "lab4pay 200 response",
    source: LAB4PAY,
    origin: "assembled",
    target: { kind: "response", status: "200" },
    value: {
      access_token: "example-access-token",
      expires_in: "3600",
      token_type: "Bearer",
      scope: "default",
    },
  },

  // PayLater: "Sample cURL" (its --data-urlencode arguments), "Success Response" and the two
  // objects of "Error Response (Example)".
  {
    provider: "paylater",
    name: "paylater request (cURL)",
    source: PAYLATER,
    origin: "verbatim",
    target: { kind: "request" },
    value: curlFormFields(
      "grant_type=client_credentials",
      "client_id={{merchant_client_id}}",
      "client_secret={{merchant_client_secret}}",
    ),
  },
  {
    provider: "paylater",
    name: "paylater 200 response",
    source: PAYLATER,
    origin: "verbatim",
    target: { kind: "response", status: "200" },
    value: json(`{
    "access_token": "ey***********Dw",
    "expires_in": 300,
    "refresh_expires_in": 1800,
    "refresh_token": "ey**********kQ",
    "token_type": "Bearer",
    "not-before-policy": 0,
    "session_state": "ff**********65",
    "scope": "profile email"
}`),
  },
  {
    provider: "paylater",
    name: "paylater 401 invalid_client",
    source: PAYLATER,
    origin: "verbatim",
    target: { kind: "response", status: "401" },
    value: json(`{
    "error": "invalid_client",
    "error_description": "Invalid client or Invalid client credentials"
}`),
  },
  {
    provider: "paylater",
    name: "paylater 400 unsupported_grant_type",
    source: PAYLATER,
    origin: "verbatim",
    target: { kind: "response", status: "400" },
    value: json(`{
    "error": "unsupported_grant_type",
    "error_description": "Unsupported grant_type"
}`),
  },

  // Paysway: the "Request" cURL (its --data arguments) and the "Response" of the same CodeGroup.
  {
    provider: "paysway",
    name: "paysway request (cURL)",
    source: PAYSWAY,
    origin: "verbatim",
    target: { kind: "request" },
    value: curlFormFields(
      "grant_type=client_credentials",
      "client_id=YOUR_CLIENT_ID",
      "client_secret=YOUR_CLIENT_SECRET",
    ),
  },
  {
    provider: "paysway",
    name: "paysway 200 response",
    source: PAYSWAY,
    origin: "verbatim",
    target: { kind: "response", status: "200" },
    value: json(`{
    "access_token": "ACCESS_TOKEN",
    "token_type": "Bearer",
    "expires_in": 3600
  }`),
  },

  // Alternative Payments has no whole sample. The request is the one documented field with the
  // value it "must" have; the response puts together the `@Example` value the document gives for
  // each field of TokenResponse.
  {
    provider: "alternative-payments",
    name: "alternative-payments request",
    source: ALTERNATIVE_PAYMENTS,
    origin: "assembled",
    target: { kind: "request" },
    value: { grant_type: "client_credentials" },
  },
  {
    provider: "alternative-payments",
    name: "alternative-payments 200 response",
    source: ALTERNATIVE_PAYMENTS,
    origin: "assembled",
    target: { kind: "response", status: "200" },
    value: {
      access_token: "580defdbe1d21e0001c67e5c2a0a6c98ba8b4a059dc5825388501574",
      expires_in: 3600,
      token_type: "bearer",
    },
  },

  // Pay-me: the two "Ejemplo (JSON)" blocks, request then response.
  {
    provider: "payme",
    name: "payme request",
    source: PAYME,
    origin: "verbatim",
    target: { kind: "request" },
    value: json(`{
  "action": "authorize",
  "grant_type": "client_credentials",
  "audience": "{{base_url_del_ambiente}}",
  "client_id": "your_client_id",
  "client_secret": "your_client_secret",
  "scope": "create:token post:charges get:charges delete:charges"
}`),
  },
  {
    provider: "payme",
    name: "payme 200 response",
    source: PAYME,
    origin: "verbatim",
    target: { kind: "response", status: "200" },
    value: json(`{
  "action": "authorize",
  "success": true,
  "access_token": "eyJhbGciOiJIUzI1NiIs...",
  "scope": "create:token api-test:create:token",
  "expires_in": 8600,
  "token_type": "Bearer",
  "authorization": {
    "meta": {
      "status": {
        "code": "00",
        "message_ilgn": [
          {
            "locale": "es_PE",
            "value": "Access Token creado"
          }
        ]
      }
    }
  }
}`),
  },
];

/** Pay-me's "Scopes disponibles", in the document's order; `create:token` is mandatory. */
export const paymeDocumentedScopes = [
  "create:token",
  "post:charges",
  "get:charges",
  "delete:charges",
] as const;

/** Pay-me's "Headers" table: required on the token request and on every API call. */
export const paymeDocumentedApiVersion = "1709847567";
