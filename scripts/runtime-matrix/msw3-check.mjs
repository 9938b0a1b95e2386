// The msw-3 check: do the providers' `/testing` handlers work with msw 3 (npm `latest`), whose
// `setupServer` from `msw/node` must intercept `fetch`? Run by index.mjs on the rows that pass it
// (Node 22 and 24), as `node --import ./msw3-hooks.mjs msw3-check.mjs <control URL>`: msw then
// resolves to msw 3 everywhere in the process (see msw3-hooks.mjs), the packages to their builds.
//
// The handlers answer a base URL on the host's second loopback origin (`mswBaseUrl`): a request
// that msw does not intercept reaches the host, which records it and answers 404. That origin is
// used for nothing else, on purpose: msw 3 intercepts at `net.Socket#connect`, so a request sent
// over a keep-alive connection opened before `listen()` (or between `close()` and `listen()`)
// is not intercepted at all; msw 2 has no such limit.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setupServer } from "msw/node";
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

/** The version of the msw this process resolved, read from its package.json. */
function mswVersion() {
  let folder = fileURLToPath(import.meta.resolve("msw"));
  for (;;) {
    const parent = folder.slice(0, folder.lastIndexOf("/"));
    if (parent === folder || parent === "") throw new Error("msw: no package.json found");
    folder = parent;
    try {
      const manifest = JSON.parse(readFileSync(`${folder}/package.json`, "utf8"));
      if (manifest.name === "msw") return manifest.version;
    } catch {}
  }
}

async function check(provider) {
  expectEqual("msw version in use", mswVersion(), config.msw3Version);
  const testing = await import(`@paytok/${provider.name}/testing`);
  const baseUrl = `${config.mswBaseUrl}/${provider.name}`;
  const handlers = testing[providerTable[provider.name].handlers]({ baseUrl });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const auth = createAuth(provider.name, { baseUrl, ...handlers.credentials });
    const token = await auth.getToken();
    expectEqual("token requests seen by the handlers", handlers.tokenRequests.length, 1);
    expectEqual(
      "token issued by the handlers",
      token.accessToken,
      handlers.issued.at(-1)?.accessToken,
    );
    const response = await auth.fetch(`${handlers.apiUrl}/anything`, {
      headers: { ...provider.apiHeaders },
    });
    await response.arrayBuffer();
    expectEqual("API status", response.status, 200);
    expectEqual("API requests seen by the handlers", handlers.apiRequests.length, 1);
  } finally {
    server.close();
  }
}

let failed = 0;
for (const provider of config.providers) {
  let detail;
  try {
    await withTimeout(check(provider), CHECK_TIMEOUT_MS, "msw 3");
  } catch (error) {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    failed++;
  }
  await control.report({
    provider: provider.name,
    check: "msw 3",
    ok: detail === undefined,
    ...(detail === undefined ? {} : { detail }),
  });
}
process.exit(failed === 0 ? 0 : 1);
