// The peer-range check: do the providers work with msw and openapi-fetch at each end of the peer
// ranges they declare? index.mjs runs it on the Node rows, once per combination of ends, as
//
//   node --import ./peers-hooks.mjs peers-check.mjs <control URL>
//
// with RUNTIME_MATRIX_PEERS naming the folders of that combination (see peers-hooks.mjs) and
// RUNTIME_MATRIX_PEER_CHECK = { check, versions }: the check's name in the table and the
// versions this process must find itself running with. Per provider: the `/testing` handlers
// under that msw's `setupServer`, a token through the provider's typed openapi-fetch client, a
// user's own openapi-fetch client with `auth.middleware` (one call, then a revoked token: a 401
// and one retry with a new token) and a wrong secret (a typed error).
//
// The handlers answer a base URL on the host's second loopback origin (`mswBaseUrl`): a request
// that msw does not intercept reaches the host, which records it and answers 404. That origin is
// used for nothing else, on purpose: msw 3 lets requests through to the network over a keep-alive
// connection the process opened to an origin before `listen()` (seen with msw 3.0.5 on Node 22
// and 24 once that connection has carried two requests, or one before and one between `close()`
// and the next `listen()`); msw 2 intercepts them. The reports to the control origin would open
// exactly such connections.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import {
  CHECK_TIMEOUT_MS,
  controlClient,
  createAuth,
  expectEqual,
  providerTable,
  withTimeout,
} from "./client.mjs";

const controlUrl = process.argv[2];
const control = controlClient(controlUrl);
const config = await control.config();
const { check: checkName, versions } = JSON.parse(process.env.RUNTIME_MATRIX_PEER_CHECK ?? "{}");
if (checkName === undefined)
  throw new Error("peers-check.mjs: RUNTIME_MATRIX_PEER_CHECK is not set");

/** The version of the package `name` that this process resolves (through the hooks). */
function resolvedVersion(name) {
  let folder = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
      if (manifest.name === name) return manifest.version;
    } catch {}
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`${name}: no package.json found`);
    folder = parent;
  }
}

/** GET `${apiUrl}/anything` through the user's client; the body is read to the end. */
async function callApi(api, apiHeaders) {
  const { response } = await api.GET("/anything", { headers: { ...apiHeaders }, parseAs: "text" });
  return response.status;
}

async function check(provider) {
  for (const [name, version] of Object.entries(versions)) {
    expectEqual(`${name} version in use`, resolvedVersion(name), version);
  }
  const testing = await import(`@paytok/${provider.name}/testing`);
  const baseUrl = `${config.mswBaseUrl}/${provider.name}`;
  const handlers = testing[providerTable[provider.name].handlers]({ baseUrl });
  const server = setupServer(...handlers);
  // msw 3 renamed the option (onUnhandledFrame) and ignores the old name: both are set.
  server.listen({ onUnhandledRequest: "error", onUnhandledFrame: "error" });
  try {
    const auth = createAuth(provider.name, { baseUrl, ...handlers.credentials });
    const token = await auth.getToken();
    expectEqual("token requests seen by the handlers", handlers.tokenRequests.length, 1);
    expectEqual(
      "token issued by the handlers",
      token.accessToken,
      handlers.issued.at(-1)?.accessToken,
    );

    // The user's own client, created after listen(): openapi-fetch captures fetch at creation.
    const api = createClient({ baseUrl: handlers.apiUrl });
    api.use(auth.middleware);
    expectEqual("API status", await callApi(api, provider.apiHeaders), 200);
    expectEqual("API requests seen by the handlers", handlers.apiRequests.length, 1);
    expectEqual(
      "Authorization of the API call",
      handlers.apiRequests[0]?.headers.authorization,
      `Bearer ${token.accessToken}`,
    );

    handlers.revoke(token.accessToken);
    expectEqual("API status after the revoke", await callApi(api, provider.apiHeaders), 200);
    expectEqual("API requests (one 401, one retry)", handlers.apiRequests.length, 3);
    expectEqual("tokens issued (one more for the retry)", handlers.issued.length, 2);

    const wrong = createAuth(provider.name, {
      baseUrl,
      clientId: handlers.credentials.clientId,
      clientSecret: `wrong-${crypto.randomUUID()}`,
    });
    const error = await wrong.getToken().then(
      () => undefined,
      (caught) => caught,
    );
    expectEqual("error code of a wrong secret", error?.code, "PAYTOK_TOKEN_REQUEST_FAILED");
  } finally {
    server.close();
  }
}

let failed = 0;
for (const provider of config.providers) {
  let detail;
  try {
    await withTimeout(check(provider), CHECK_TIMEOUT_MS, checkName);
  } catch (error) {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    failed++;
  }
  await control.report({
    provider: provider.name,
    check: checkName,
    ok: detail === undefined,
    ...(detail === undefined ? {} : { detail }),
  });
}
process.exit(failed === 0 ? 0 : 1);
