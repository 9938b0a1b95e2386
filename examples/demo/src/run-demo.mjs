// The measurements behind `pnpm demo`: every provider package against the local sandbox, over
// real HTTP on 127.0.0.1, with the numbers checked rather than just printed.
import { providerRegistry } from "@paytok/cli";
import { startSandbox } from "@paytok/cli/sandbox";
import { isPaytokError } from "@paytok/core";

/**
 * How each provider's auth is created: its `create<Provider>Auth`, exactly as a user calls it,
 * with the sandbox's base URL (and a value for what its spec leaves to the user, such as Pay-me's
 * audience). Every provider of the registry, generated from specs/.
 */
const createAuth = Object.fromEntries(
  providerRegistry.map((entry) => [
    entry.id,
    (options) =>
      entry.createAuth({
        ...options,
        ...Object.fromEntries(
          entry.endpoint.requiredValues.map((field) => [field, "https://api.example.test"]),
        ),
      }),
  ]),
);

export const demoProviders = Object.keys(createAuth);

export const CONCURRENT_CALLS = 1000;
export const WINDOW_CALLS = 100;
export const REVOKED_CALLS = 100;
/** Lifetime of the token in the refresh step, and how early the refresh starts. */
export const SHORT_LIFETIME_SECONDS = 3;
export const REFRESH_WINDOW_MS = 1500;

const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const elapsed = (start) => performance.now() - start;

/** Sends `count` requests through `send` at once; resolves with their statuses. */
async function together(count, send) {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await send(index);
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

const count = (values, wanted) => values.filter((value) => value === wanted).length;

/** 1. The first token: one request, timed. */
async function firstToken(auth, controls) {
  const before = controls.tokenRequests.length;
  const start = performance.now();
  const token = await auth.getToken();
  return {
    token,
    result: { ms: elapsed(start), tokenRequests: controls.tokenRequests.length - before },
  };
}

/** 2. A cold auth object hit by 1,000 concurrent API calls: they share one token request. */
async function concurrentCalls(auth, provider) {
  const { controls } = provider;
  const before = controls.tokenRequests.length;
  const start = performance.now();
  const statuses = await together(CONCURRENT_CALLS, (index) =>
    auth.fetch(`${provider.apiUrl}/orders/${index}`),
  );
  return {
    calls: CONCURRENT_CALLS,
    ok: count(statuses, 200),
    ms: elapsed(start),
    tokenRequests: controls.tokenRequests.length - before,
  };
}

/**
 * 3. Refresh ahead of expiry: a 3 s token whose refresh window is its last 1.5 s. Calls made in
 * the window get the cached token at once while one background request fetches the next one.
 */
async function refreshAhead(create, provider) {
  const { controls } = provider;
  controls.setTokenLifetime(SHORT_LIFETIME_SECONDS);
  try {
    const events = [];
    const auth = create({
      refreshWindowMs: REFRESH_WINDOW_MS,
      onEvent: (event) => events.push(event),
    });
    const cached = await auth.getToken();
    // Into the window: it opens REFRESH_WINDOW_MS before expiry.
    await sleep(Math.max(0, cached.expiresAt - REFRESH_WINDOW_MS - Date.now()) + 150);
    const before = controls.tokenRequests.length;
    const waits = [];
    const served = await Promise.all(
      Array.from({ length: WINDOW_CALLS }, async () => {
        const start = performance.now();
        const token = await auth.getToken();
        waits.push(elapsed(start));
        return token;
      }),
    );
    // The cached token still works on the API while the new one is on its way.
    const statuses = await together(WINDOW_CALLS, (index) =>
      auth.fetch(`${provider.apiUrl}/captures/${index}`),
    );
    // The next token takes over once the background request is done; nobody waited for it.
    let next = await auth.getToken();
    for (let tries = 0; next.accessToken === cached.accessToken && tries < 200; tries++) {
      await sleep(10);
      next = await auth.getToken();
    }
    const background = events.filter(
      (event) => event.type === "token_requested" && event.background,
    );
    return {
      calls: WINDOW_CALLS,
      servedCached: served.filter((token) => token.accessToken === cached.accessToken).length,
      maxWaitMs: Math.max(...waits),
      apiOk: count(statuses, 200),
      backgroundRefreshes: background.length,
      grant: background[0]?.grant,
      refreshed: next.accessToken !== cached.accessToken,
      tokenRequests: controls.tokenRequests.length - before,
    };
  } finally {
    controls.setTokenLifetime(3600);
  }
}

/** 4. The provider revokes the token: every call gets a 401, then one retry with one new token. */
async function revokedToken(auth, provider) {
  const { controls } = provider;
  const revoked = await auth.getToken();
  controls.revoke(revoked.accessToken);
  const tokensBefore = controls.tokenRequests.length;
  const apiBefore = controls.apiRequests.length;
  const statuses = await together(REVOKED_CALLS, (index) =>
    auth.fetch(`${provider.apiUrl}/refunds/${index}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refund: index }),
    }),
  );
  const sent = controls.apiRequests.slice(apiBefore);
  const withRevoked = sent.filter(
    (request) => request.headers.authorization === `Bearer ${revoked.accessToken}`,
  );
  return {
    calls: REVOKED_CALLS,
    ok: count(statuses, 200),
    unauthorized: withRevoked.length,
    retried: sent.length - withRevoked.length,
    // The retries re-send the body, byte for byte.
    bodiesReplayed: sent.filter((request) => request.body.startsWith('{"refund":')).length,
    newTokens: controls.tokenRequests.length - tokensBefore,
  };
}

/** 5. A wrong secret becomes a typed error, with a stable code and no secret in it. */
async function badSecret(create, provider) {
  const { controls } = provider;
  const secret = `wrong-${crypto.randomUUID()}`;
  const before = controls.tokenRequests.length;
  try {
    await create({ clientSecret: secret }).getToken();
    return {
      code: "no error",
      tokenRequests: controls.tokenRequests.length - before,
      secretLeaked: false,
    };
  } catch (error) {
    const printed = `${String(error)} ${JSON.stringify(error)}`;
    return {
      code: isPaytokError(error) ? error.code : String(error),
      status: isPaytokError(error) ? error.status : undefined,
      oauthError: isPaytokError(error) ? error.oauthError : undefined,
      tokenRequests: controls.tokenRequests.length - before,
      secretLeaked: printed.includes(secret),
    };
  }
}

/** What each result must show; any difference is a problem and makes the demo fail. */
function problemsOf(result) {
  const expected = [
    ["first token: token requests", result.firstToken.tokenRequests, 1],
    ["concurrent calls: answered 200", result.concurrentCalls.ok, CONCURRENT_CALLS],
    ["concurrent calls: token requests", result.concurrentCalls.tokenRequests, 1],
    [
      "refresh ahead: calls served the cached token",
      result.refreshAhead.servedCached,
      WINDOW_CALLS,
    ],
    ["refresh ahead: API calls answered 200", result.refreshAhead.apiOk, WINDOW_CALLS],
    ["refresh ahead: background refreshes", result.refreshAhead.backgroundRefreshes, 1],
    ["refresh ahead: token requests in the window", result.refreshAhead.tokenRequests, 1],
    ["refresh ahead: new token in use afterwards", result.refreshAhead.refreshed, true],
    ["revoked token: calls answered 200", result.revokedToken.ok, REVOKED_CALLS],
    ["revoked token: 401s", result.revokedToken.unauthorized, REVOKED_CALLS],
    ["revoked token: retries", result.revokedToken.retried, REVOKED_CALLS],
    ["revoked token: bodies replayed", result.revokedToken.bodiesReplayed, 2 * REVOKED_CALLS],
    ["revoked token: new tokens", result.revokedToken.newTokens, 1],
    ["bad secret: error code", result.badSecret.code, "PAYTOK_TOKEN_REQUEST_FAILED"],
    ["bad secret: token requests (not retried)", result.badSecret.tokenRequests, 1],
    ["bad secret: secret in the error", result.badSecret.secretLeaked, false],
  ];
  return expected
    .filter(([, actual, wanted]) => actual !== wanted)
    .map(([what, actual, wanted]) => `${result.provider}: ${what} = ${actual}, expected ${wanted}`);
}

/** The auth factory of one provider, pointed at its emulator. */
function authFactory(name, provider) {
  return (extra = {}) =>
    createAuth[name]({ baseUrl: provider.baseUrl, ...provider.credentials, ...extra });
}

/** The steps that need the machine to themselves, for one provider. */
async function timedSteps(name, provider, progress) {
  const create = authFactory(name, provider);
  progress("first token");
  const warm = create();
  const first = await firstToken(warm, provider.controls);
  progress(`${CONCURRENT_CALLS.toLocaleString("en-US")} concurrent calls`);
  const concurrent = await concurrentCalls(create(), provider);
  progress("revoked token");
  const revoked = await revokedToken(warm, provider);
  progress("bad secret");
  const bad = await badSecret(create, provider);
  return {
    firstToken: first.result,
    concurrentCalls: concurrent,
    revokedToken: revoked,
    badSecret: bad,
  };
}

/**
 * Starts the sandbox in-process, measures every provider and stops it. The timed steps run one
 * provider after the other; the refresh step, which mostly waits for a token to age, runs for all
 * providers at once. `onProgress(provider, step, index, total)` hears about each step as it starts.
 */
export async function runDemo({ providers = demoProviders, onProgress = () => {} } = {}) {
  const start = performance.now();
  const sandbox = await startSandbox({ port: 0, providers });
  const progressOf = (name, index) => (step) => onProgress(name, step, index + 1, providers.length);
  try {
    const timed = [];
    for (const [index, name] of providers.entries()) {
      timed.push(await timedSteps(name, sandbox.providers[name], progressOf(name, index)));
    }
    const refreshes = await Promise.all(
      providers.map((name, index) => {
        progressOf(name, index)("refresh ahead of expiry");
        const provider = sandbox.providers[name];
        return refreshAhead(authFactory(name, provider), provider);
      }),
    );
    const results = providers.map((name, index) => {
      const { firstToken, concurrentCalls, revokedToken, badSecret } = timed[index];
      const result = {
        provider: name,
        firstToken,
        concurrentCalls,
        refreshAhead: refreshes[index],
        revokedToken,
        badSecret,
      };
      return { ...result, problems: problemsOf(result) };
    });
    return {
      sandboxUrl: sandbox.url,
      results,
      problems: results.flatMap((result) => result.problems),
      durationMs: elapsed(start),
    };
  } finally {
    await sandbox.close();
  }
}
