// The runtime-matrix smoke, as a user's code would run it: every provider package against the
// sandbox on 127.0.0.1, through the packages' public entry points only. Web APIs only (fetch,
// crypto, timers), so that this one module runs unchanged on Node, Bun, Deno and workerd; each
// runtime's entry (run-client.mjs, worker.mjs) only hands it the control URL of the host harness.
import { providerRegistry } from "@paytok/cli/providers";
import { isPaytokError } from "@paytok/core";

/**
 * The providers, from the registry generated from specs/: each package's factory, and a value for
 * what its spec leaves to the user (Pay-me's audience) besides `baseUrl` and the credentials.
 */
export const providerTable = Object.fromEntries(
  providerRegistry.map((entry) => [
    entry.id,
    {
      create: entry.createAuth,
      options: Object.fromEntries(
        entry.endpoint.requiredValues.map((field) => [field, "https://api.example.test"]),
      ),
      handlers: entry.handlersFactory,
    },
  ]),
);

/** `create<Provider>Auth(options)` of one provider, with the provider's own extra options. */
export function createAuth(provider, options) {
  const entry = Object.hasOwn(providerTable, provider) ? providerTable[provider] : undefined;
  if (entry === undefined) throw new Error(`runtime matrix: no factory for provider ${provider}`);
  return entry.create({ ...options, ...entry.options });
}

/** Hang guard of one check: generous, since the machine is shared; never a timing assertion. */
export const CHECK_TIMEOUT_MS = 60_000;

/** The runtime this module runs on, as it reports itself. */
export function currentRuntime() {
  if (typeof globalThis.Bun !== "undefined")
    return { name: "bun", version: globalThis.Bun.version };
  if (typeof globalThis.Deno !== "undefined") {
    return { name: "deno", version: globalThis.Deno.version.deno };
  }
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") {
    return { name: "workerd", version: undefined };
  }
  if (globalThis.process?.release?.name === "node") {
    return { name: "node", version: globalThis.process.versions.node };
  }
  return { name: "unknown", version: undefined };
}

/** A small client of the host harness's control endpoint (see control-server.mjs). */
export function controlClient(controlUrl) {
  const call = async (method, path, body) => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  return {
    config: () => call("GET", "/config"),
    hello: (runtime) => call("POST", "/hello", runtime),
    state: (provider) => call("GET", `/state/${provider}`),
    revoke: (provider, accessToken) => call("POST", `/revoke/${provider}`, { accessToken }),
    report: (result) => call("POST", "/report", result),
  };
}

/** Rejects when `promise` has not settled after `ms`: a hang shows up as a failed check. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Throws with `what` when `actual` differs from `expected`. */
export function expectEqual(what, actual, expected) {
  if (actual !== expected) {
    throw new Error(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

const describe = (error) =>
  isPaytokError(error)
    ? `${error.name} ${error.code}: ${error.message}`
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);

/** Differences of the sandbox's counters between two `state` answers. */
const delta = (before, after) => ({
  tokenRequests: after.tokenRequests - before.tokenRequests,
  issued: after.issued - before.issued,
  apiRequests: after.apiRequests - before.apiRequests,
});

/** GET `${apiUrl}/anything` through the auth's fetch; the body is read to the end. */
async function callApi(auth, provider) {
  const response = await auth.fetch(`${provider.apiUrl}/anything`, {
    headers: { ...provider.apiHeaders },
  });
  await response.arrayBuffer();
  return response.status;
}

/** The four checks every runtime runs, per provider, in this order. */
export const baseChecks = [
  {
    name: "token",
    async run({ provider, control, state }) {
      const before = await control.state(provider.name);
      const token = await state.auth.getToken();
      const after = await control.state(provider.name);
      expectEqual("token requests", delta(before, after).tokenRequests, 1);
      expectEqual(
        "access token is the one the sandbox issued",
        token.accessToken,
        after.lastIssued,
      );
    },
  },
  {
    name: "api call",
    async run({ provider, control, state }) {
      const before = await control.state(provider.name);
      expectEqual("API status", await callApi(state.auth, provider), 200);
      const after = await control.state(provider.name);
      expectEqual("API requests", delta(before, after).apiRequests, 1);
      expectEqual(
        "token requests (the cached token serves)",
        delta(before, after).tokenRequests,
        0,
      );
    },
  },
  {
    name: "401 retry",
    async run({ provider, control, state }) {
      const revoked = await state.auth.getToken();
      const before = await control.revoke(provider.name, revoked.accessToken);
      expectEqual("API status after the revoke", await callApi(state.auth, provider), 200);
      const after = await control.state(provider.name);
      const change = delta(before, after);
      expectEqual("API requests (one 401, one retry)", change.apiRequests, 2);
      expectEqual("tokens issued for the retry", change.issued, 1);
      const next = await state.auth.getToken();
      expectEqual("the auth uses the new token", next.accessToken, after.lastIssued);
    },
  },
  {
    name: "typed error",
    async run({ provider, control }) {
      const before = await control.state(provider.name);
      const wrong = createAuth(provider.name, {
        baseUrl: provider.baseUrl,
        clientId: provider.credentials.clientId,
        clientSecret: `wrong-${crypto.randomUUID()}`,
      });
      let caught;
      try {
        await wrong.getToken();
      } catch (error) {
        caught = error;
      }
      if (caught === undefined) throw new Error("a wrong secret got a token");
      if (!isPaytokError(caught)) throw new Error(`not a PaytokError: ${describe(caught)}`);
      expectEqual("error code", caught.code, "PAYTOK_TOKEN_REQUEST_FAILED");
      const after = await control.state(provider.name);
      expectEqual("token requests (not retried)", delta(before, after).tokenRequests, 1);
    },
  },
];

/**
 * Runs `checks` (default: the four base checks) for every provider of the sandbox and reports
 * each result to the host as soon as it is known, so that a crash or a hang later on still
 * leaves the earlier results. Resolves with the number of failed checks.
 */
export async function runSmoke(controlUrl, { checks = baseChecks } = {}) {
  const control = controlClient(controlUrl);
  const config = await control.config();
  await control.hello(currentRuntime());
  let failed = 0;
  for (const provider of config.providers) {
    // One auth object per provider for the token, API and retry checks, as an app would hold it.
    const state = {
      auth: createAuth(provider.name, { baseUrl: provider.baseUrl, ...provider.credentials }),
    };
    for (const check of checks) {
      let detail;
      try {
        await withTimeout(
          check.run({ provider, control, state, config }),
          CHECK_TIMEOUT_MS,
          check.name,
        );
      } catch (error) {
        detail = describe(error);
        failed++;
      }
      await control.report({
        provider: provider.name,
        check: check.name,
        ok: detail === undefined,
        ...(detail === undefined ? {} : { detail }),
      });
    }
  }
  return failed;
}
