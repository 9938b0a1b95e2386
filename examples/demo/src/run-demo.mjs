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
/**
 * Lifetime of the token in the refresh step's first try; its refresh window is its last half.
 * A try that the machine could not keep to its timing (see `timingOf`) is run again with twice
 * the lifetime, up to REFRESH_TRIES tries (3, 6, 12, 24 s).
 */
export const SHORT_LIFETIME_SECONDS = 3;
export const REFRESH_WINDOW_MS = 1500;
export const REFRESH_TRIES = 4;

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
 * Sends `count` calls through `send` at once; resolves with, per call, its index, its final
 * status and when it ended (epoch ms: the clock the in-process sandbox uses too).
 */
async function timedTogether(count, send) {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await send(index);
      await response.arrayBuffer();
      return { index, status: response.status, endedAt: Date.now() };
    }),
  );
}

/**
 * 3. Refresh ahead of expiry: a short-lived token whose refresh window is its last half. Calls
 * made in the window get the cached token at once while one background request fetches the next.
 *
 * This step runs against the clock: on a machine too busy to serve the calls before the token
 * expires, requests reach the sandbox after the expiry and are rightly refused. So each try is
 * judged on two counts. `defects` are what the SDK did wrong whatever the timing, read from the
 * sandbox's ledger and the SDK's own events (`onEvent`). `timing` says whether the try stayed
 * within its token's lifetime: only then are the exact counts expected; otherwise the try is run
 * again with a token that lives twice as long. The result is the first try that kept its timing
 * or found a defect (else the last), with every try listed.
 */
async function refreshAhead(create, provider, progress) {
  const tries = [];
  let lifetimeSeconds = SHORT_LIFETIME_SECONDS;
  let result;
  for (let attempt = 1; attempt <= REFRESH_TRIES; attempt++) {
    progress(`refresh ahead of expiry (${lifetimeSeconds} s token)`);
    result = await refreshAheadOnce(create, provider, lifetimeSeconds, progress);
    tries.push({
      lifetimeSeconds,
      timingHeld: result.timing.held,
      timing: result.timing.reasons,
      defects: result.defects,
    });
    if (result.timing.held || result.defects.length > 0) break;
    lifetimeSeconds *= 2;
  }
  return { ...result, tries };
}

/** One try of step 3 with tokens of `lifetimeSeconds`. */
async function refreshAheadOnce(create, provider, lifetimeSeconds, progress) {
  const { controls } = provider;
  controls.setTokenLifetime(lifetimeSeconds);
  const windowMs = (lifetimeSeconds * 1000 * REFRESH_WINDOW_MS) / (SHORT_LIFETIME_SECONDS * 1000);
  const events = [];
  const auth = create({ refreshWindowMs: windowMs, onEvent: (event) => events.push(event) });
  try {
    const cached = await auth.getToken();
    const adoptedAt = Date.now();
    // The window the SDK applies: never more than half the life left when the token arrived.
    const effectiveWindowMs = Math.min(windowMs, (cached.expiresAt - adoptedAt) / 2);
    const windowOpensAt = cached.expiresAt - effectiveWindowMs;
    // Into the window by a tenth of it.
    await sleep(Math.max(0, windowOpensAt + effectiveWindowMs / 10 - Date.now()));
    progress("refresh ahead: calls in the window");
    const enteredAt = Date.now();
    const tokensBefore = controls.tokenRequests.length;
    const apiBefore = controls.apiRequests.length;
    const eventsBefore = events.length;

    const waits = [];
    const served = await Promise.all(
      Array.from({ length: WINDOW_CALLS }, async () => {
        const calledAt = Date.now();
        const start = performance.now();
        const token = await auth.getToken();
        waits.push(elapsed(start));
        return { token, calledAt };
      }),
    );
    const burstEndedAt = Date.now();
    // The cached token still works on the API while the new one is on its way.
    const calls = await timedTogether(WINDOW_CALLS, (index) =>
      auth.fetch(`${provider.apiUrl}/captures/${index}`),
    );
    const callsEndedAt = Date.now();
    // The next token takes over once the background request is done; nobody waited for it.
    let next = await auth.getToken();
    const giveUpAt = cached.expiresAt + 5000;
    while (next.accessToken === cached.accessToken && Date.now() < giveUpAt) {
      await sleep(10);
      next = await auth.getToken();
    }
    const endedAt = Date.now();
    // Every token request the SDK reported must have reached the sandbox: wait for the ones
    // still out (an attempt ends in token_issued, retry_scheduled or token_request_failed).
    const settled = await settle(events, eventsBefore, endedAt + 15_000);

    const stepEvents = events.slice(eventsBefore);
    const requested = stepEvents.filter((event) => event.type === "token_requested");
    const background = requested.filter((event) => event.background);
    const issuedBackground = stepEvents.find(
      (event) => event.type === "token_issued" && event.at >= (background[0]?.at ?? Infinity),
    );
    const ledger = {
      issued: controls.issued,
      tokenRequests: controls.tokenRequests.slice(tokensBefore),
      apiRequests: controls.apiRequests.slice(apiBefore),
    };
    const measured = {
      cached,
      next,
      windowOpensAt,
      enteredAt,
      served,
      burstEndedAt,
      calls,
      callsEndedAt,
      endedAt,
      backgroundIssuedAt: issuedBackground?.at,
      windowMs,
      settled,
    };
    return {
      lifetimeSeconds,
      calls: WINDOW_CALLS,
      servedCached: served.filter(({ token }) => token.accessToken === cached.accessToken).length,
      maxWaitMs: Math.max(...waits),
      apiOk: calls.filter((call) => call.status === 200).length,
      backgroundRefreshes: background.length,
      grant: background[0]?.grant,
      refreshed: next.accessToken !== cached.accessToken,
      tokenRequests: ledger.tokenRequests.length,
      timing: timingOf(measured, ledger),
      defects: defectsOf(measured, ledger, stepEvents, provider.apiUrl),
    };
  } finally {
    await auth.close();
    controls.setTokenLifetime(3600);
  }
}

const ATTEMPT_ENDS = new Set(["token_issued", "retry_scheduled", "token_request_failed"]);

/** Waits until every token request attempt reported since `from` has ended; false at `deadline`. */
async function settle(events, from, deadline) {
  for (;;) {
    const since = events.slice(from);
    const started = since.filter((event) => event.type === "token_requested").length;
    const ended = since.filter((event) => ATTEMPT_ENDS.has(event.type)).length;
    if (started === ended) return true;
    if (Date.now() >= deadline) return false;
    await sleep(10);
  }
}

/** When the sandbox lets `accessToken` expire (its own clock), from its ledger. */
function sandboxExpiry(ledger, accessToken) {
  return ledger.issued.find((issued) => issued.accessToken === accessToken)?.expiresAt;
}

/**
 * Whether a try of step 3 stayed within its token's lifetime, which the exact counts need: the
 * calls ran inside the window and before the expiry, every API request reached the sandbox
 * while the token it carried was live there, the new token arrived before the old one expired,
 * and the step was over before the new token entered its own window.
 */
function timingOf(measured, ledger) {
  const { cached, next } = measured;
  const reasons = [];
  const cachedExpiresAt = sandboxExpiry(ledger, cached.accessToken) ?? cached.expiresAt;
  if (measured.enteredAt < measured.windowOpensAt) {
    reasons.push("woke up before the refresh window opened");
  }
  if (measured.burstEndedAt >= cached.expiresAt) {
    reasons.push(
      `getToken() calls ended ${measured.burstEndedAt - cached.expiresAt} ms after the token expired`,
    );
  }
  if (measured.callsEndedAt >= cachedExpiresAt) {
    reasons.push(
      `API calls ended ${measured.callsEndedAt - cachedExpiresAt} ms after the sandbox's expiry of the token`,
    );
  }
  if (
    measured.backgroundIssuedAt === undefined ||
    measured.backgroundIssuedAt >= cached.expiresAt
  ) {
    reasons.push("the background refresh did not deliver before the token expired");
  }
  if (next.accessToken !== cached.accessToken) {
    const adoptedAt = measured.backgroundIssuedAt ?? measured.endedAt;
    const nextWindowOpensAt =
      next.expiresAt - Math.min(measured.windowMs, (next.expiresAt - adoptedAt) / 2);
    if (measured.endedAt >= nextWindowOpensAt) {
      reasons.push("the step outlasted the new token's own refresh window");
    }
  }
  return { held: reasons.length === 0, reasons };
}

/**
 * What the SDK did wrong in a try of step 3, whatever the machine's speed: a token handed out
 * that it knew had expired, a call retried more than once or with the same token, a 401 that the
 * token's expiry at the sandbox does not explain, token requests the SDK did not report (or
 * reported and never sent), two background refreshes at once.
 */
function defectsOf(measured, ledger, stepEvents, apiUrl) {
  const defects = [];
  const expired = measured.served.filter(({ token, calledAt }) => token.expiresAt <= calledAt);
  if (expired.length > 0) {
    defects.push(
      `getToken() handed ${expired.length} calls a token already expired when they asked`,
    );
  }
  const byCall = new Map();
  for (const request of ledger.apiRequests) {
    const index = Number(new URL(request.url).pathname.split("/").at(-1));
    const tokens = byCall.get(index) ?? [];
    tokens.push((request.headers.authorization ?? "").replace(/^Bearer /, ""));
    byCall.set(index, tokens);
  }
  const wrongCount = [];
  const sameTokenRetried = [];
  const unexplained = [];
  for (const call of measured.calls) {
    const tokens = byCall.get(call.index) ?? [];
    if (tokens.length === 0 || tokens.length > 2) {
      wrongCount.push(`${call.index} (${tokens.length} times)`);
      continue;
    }
    if (tokens.length === 2 && tokens[0] === tokens[1]) sameTokenRetried.push(call.index);
    // A request the sandbox refused (every one but a last that answered 200) is explained only
    // by its token having expired there before the call was over.
    const refused = call.status === 200 ? tokens.slice(0, -1) : tokens;
    const expired = (token) => (sandboxExpiry(ledger, token) ?? Infinity) <= call.endedAt;
    if (!refused.every(expired)) unexplained.push(call.index);
  }
  const calls = (indexes) =>
    `${indexes.length} of ${WINDOW_CALLS} calls to ${apiUrl}/captures/<n> (n = ${indexes.slice(0, 5).join(", ")}${indexes.length > 5 ? ", …" : ""})`;
  if (wrongCount.length > 0) {
    defects.push(`${calls(wrongCount)} reached the sandbox other than once, or twice after a 401`);
  }
  if (sameTokenRetried.length > 0) {
    defects.push(`${calls(sameTokenRetried)} were retried with the token just refused`);
  }
  if (unexplained.length > 0) {
    defects.push(
      `${calls(unexplained)} were refused with a token that had not expired at the sandbox before they ended`,
    );
  }
  const requested = stepEvents.filter((event) => event.type === "token_requested");
  if (!measured.settled) {
    defects.push("a token request the SDK reported never ended (no answer, retry or failure)");
  } else if (requested.length !== ledger.tokenRequests.length) {
    defects.push(
      `the SDK reported ${requested.length} token requests, the sandbox received ${ledger.tokenRequests.length}`,
    );
  }
  let refreshing = false;
  for (const event of stepEvents) {
    if (event.type === "token_requested" && event.background && event.attempt === 0) {
      if (refreshing) defects.push("a second background refresh started while one was under way");
      refreshing = true;
    } else if (event.type === "token_issued" || event.type === "refresh_failed") {
      refreshing = false;
    }
  }
  return defects;
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
  const { refreshAhead } = result;
  // The refresh step's exact counts hold only for a try that kept its timing; its defects count
  // whatever the timing (see refreshAhead).
  const refreshCounts = refreshAhead.timing.held
    ? [
        ["refresh ahead: calls served the cached token", refreshAhead.servedCached, WINDOW_CALLS],
        ["refresh ahead: API calls answered 200", refreshAhead.apiOk, WINDOW_CALLS],
        ["refresh ahead: background refreshes", refreshAhead.backgroundRefreshes, 1],
        ["refresh ahead: token requests in the window", refreshAhead.tokenRequests, 1],
        ["refresh ahead: new token in use afterwards", refreshAhead.refreshed, true],
      ]
    : [];
  const expected = [
    ["first token: token requests", result.firstToken.tokenRequests, 1],
    ["concurrent calls: answered 200", result.concurrentCalls.ok, CONCURRENT_CALLS],
    ["concurrent calls: token requests", result.concurrentCalls.tokenRequests, 1],
    ...refreshCounts,
    ["revoked token: calls answered 200", result.revokedToken.ok, REVOKED_CALLS],
    ["revoked token: 401s", result.revokedToken.unauthorized, REVOKED_CALLS],
    ["revoked token: retries", result.revokedToken.retried, REVOKED_CALLS],
    ["revoked token: bodies replayed", result.revokedToken.bodiesReplayed, 2 * REVOKED_CALLS],
    ["revoked token: new tokens", result.revokedToken.newTokens, 1],
    ["bad secret: error code", result.badSecret.code, "PAYTOK_TOKEN_REQUEST_FAILED"],
    ["bad secret: token requests (not retried)", result.badSecret.tokenRequests, 1],
    ["bad secret: secret in the error", result.badSecret.secretLeaked, false],
  ];
  const problems = expected
    .filter(([, actual, wanted]) => actual !== wanted)
    .map(([what, actual, wanted]) => `${result.provider}: ${what} = ${actual}, expected ${wanted}`);
  for (const defect of refreshAhead.defects) {
    problems.push(
      `${result.provider}: refresh ahead (${refreshAhead.lifetimeSeconds} s token): ${defect}`,
    );
  }
  if (!refreshAhead.timing.held && refreshAhead.defects.length === 0) {
    const tries = refreshAhead.tries
      .map((attempt) => `${attempt.lifetimeSeconds} s: ${attempt.timing.join("; ")}`)
      .join(" | ");
    problems.push(
      `${result.provider}: refresh ahead: the machine was too slow for every token lifetime tried, no SDK defect seen (${tries})`,
    );
  }
  return problems;
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
 * providers at once. `onProgress(provider, step, index, total)` hears about each step as it starts
 * (the refresh step reports each try and the moment its calls start). `sandbox`: a running
 * sandbox with these providers to use instead (left running), e.g. to act on its controls.
 */
export async function runDemo({
  providers = demoProviders,
  onProgress = () => {},
  sandbox: given,
} = {}) {
  const start = performance.now();
  const sandbox = given ?? (await startSandbox({ port: 0, providers }));
  const progressOf = (name, index) => (step) => onProgress(name, step, index + 1, providers.length);
  try {
    const timed = [];
    for (const [index, name] of providers.entries()) {
      timed.push(await timedSteps(name, sandbox.providers[name], progressOf(name, index)));
    }
    const refreshes = await Promise.all(
      providers.map((name, index) => {
        const provider = sandbox.providers[name];
        return refreshAhead(authFactory(name, provider), provider, progressOf(name, index));
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
    if (given === undefined) await sandbox.close();
  }
}
