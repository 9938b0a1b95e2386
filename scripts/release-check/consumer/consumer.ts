// What a user writes after `npm install @paytok/paylater`: the release check compiles this file
// with `tsc --strict` under `moduleResolution` node16 and bundler, then runs it with `import`.
// It gets a token from the package's own sandbox (msw) and calls the sandbox's protected API
// through `auth.middleware`, exactly as the README shows.
import assert from "node:assert/strict";
import {
  createPaylaterAuth,
  createPaylaterClient,
  type PaylaterEnvironment,
  paylaterTokenPath,
} from "@paytok/paylater";
import { paylaterHandlers } from "@paytok/paylater/testing";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";

/** The user's own API, as openapi-typescript would describe it. */
interface OrdersApi {
  "/orders": {
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { amount: number } } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            "application/json": { ok: boolean; method: string; path: string; body: string };
          };
        };
      };
    };
  };
}

/**
 * A request no handler answers is an error, not a real network call. msw 3 renamed the option
 * (`onUnhandledRequest` → `onUnhandledFrame`) and ignores the old name; this project compiles
 * against both majors, so it sets both (a variable, not a literal: each major knows one of them).
 */
const UNHANDLED_IS_AN_ERROR = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;

const environment: PaylaterEnvironment = "sandbox";
const sandbox = paylaterHandlers({ environment });
const server = setupServer(...sandbox);
server.listen(UNHANDLED_IS_AN_ERROR);
try {
  const auth = createPaylaterAuth({ environment, ...sandbox.credentials });
  const token = await auth.getToken();
  assert.equal(token.tokenType, "Bearer");
  assert.ok(token.expiresAt > Date.now());

  // openapi-fetch captures fetch when the client is created: create it after listen().
  const api = createClient<OrdersApi>({ baseUrl: sandbox.apiUrl });
  api.use(auth.middleware);
  const { data, error } = await api.POST("/orders", { body: { amount: 100 } });
  assert.equal(error, undefined);
  assert.equal(data?.ok, true);
  assert.equal(sandbox.apiRequests[0]?.headers.authorization, `Bearer ${token.accessToken}`);
  assert.equal(sandbox.tokenRequests.length, 1, "the cached token is reused");

  const response = await auth.fetch(`${sandbox.apiUrl}/orders`);
  assert.equal(response.status, 200);

  // The raw typed call of the token endpoint.
  const client = createPaylaterClient({ environment });
  const raw = await client.POST(paylaterTokenPath, {
    body: {
      grant_type: "client_credentials",
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
    },
  });
  assert.equal(raw.response.status, 200);
  assert.equal(typeof raw.data?.access_token, "string");

  console.log(
    JSON.stringify({
      loadedFrom: import.meta.resolve("@paytok/paylater"),
      tokenRequests: sandbox.tokenRequests.length,
      apiRequests: sandbox.apiRequests.length,
    }),
  );
} finally {
  server.close();
}

/** Never called: only the compiler looks at it. */
export function typeChecks(): void {
  createPaylaterAuth({
    // @ts-expect-error the editor offers only the spec's environments
    environment: "staging",
    clientId: "1",
    clientSecret: "secret",
  });
}
