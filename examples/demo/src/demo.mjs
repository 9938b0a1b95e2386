// `pnpm demo`: starts the local sandbox, runs every provider package against it and prints what
// happened. Exits 1 if any number is not what paytok promises.
import {
  CONCURRENT_CALLS,
  REFRESH_WINDOW_MS,
  REVOKED_CALLS,
  runDemo,
  SHORT_LIFETIME_SECONDS,
  WINDOW_CALLS,
} from "./run-demo.mjs";

const milliseconds = (value) => (value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

function row(result) {
  const { firstToken, concurrentCalls, refreshAhead, revokedToken, badSecret } = result;
  return [
    result.provider,
    milliseconds(firstToken.ms),
    `${milliseconds(concurrentCalls.ms)} · ${plural(concurrentCalls.tokenRequests, "token")}`,
    `${refreshAhead.servedCached}/${refreshAhead.calls} at once · ${plural(refreshAhead.backgroundRefreshes, "refresh")}${refreshAhead.lifetimeSeconds === SHORT_LIFETIME_SECONDS ? "" : ` · ${refreshAhead.lifetimeSeconds} s token`}`,
    `${revokedToken.retried} retried · ${plural(revokedToken.newTokens, "new token")}`,
    `${badSecret.code} ${badSecret.status ?? ""}`.trim(),
  ];
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const line = (cells) =>
    cells
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join("  ")
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header), line(widths.map((width) => "─".repeat(width))), ...body.map(line)].join(
    "\n",
  );
}

// One progress line, rewritten in place on a terminal; one line per stage in a log.
const interactive = process.stderr.isTTY === true;
const shown = new Set();
function progress(provider, step, index, total) {
  if (interactive) {
    process.stderr.write(`\r\x1b[K  [${index}/${total}] ${provider}: ${step}…`);
    return;
  }
  const stage = step.startsWith("refresh")
    ? "refresh ahead of expiry, all providers at once"
    : provider;
  if (shown.has(stage)) return;
  shown.add(stage);
  process.stderr.write(`  ${stage === provider ? `[${index}/${total}] ` : ""}${stage}…\n`);
}

console.log(
  "paytok demo: every provider package against the local sandbox (127.0.0.1, no credentials, no network)\n",
);
const report = await runDemo({ onProgress: progress });
if (interactive) process.stderr.write("\r\x1b[K");

console.log(
  table([
    [
      "provider",
      "first token",
      `${CONCURRENT_CALLS.toLocaleString("en-US")} calls`,
      "refresh ahead",
      "revoked token",
      "bad secret",
    ],
    ...report.results.map(row),
  ]),
);
const slowestWait = Math.max(...report.results.map((result) => result.refreshAhead.maxWaitMs));
// A refresh try that the machine was too slow to keep to its timing was run again with a longer
// token: say so, with what was too slow, instead of hiding it.
const retried = report.results.filter((result) => result.refreshAhead.tries.length > 1);
console.log(`
  first token    one token request, timed
  ${`${CONCURRENT_CALLS.toLocaleString("en-US")} calls`.padEnd(13)}  concurrent calls to the echo API through auth.fetch on a cold auth object, and the token requests they made
  refresh ahead  a ${SHORT_LIFETIME_SECONDS} s token with a ${REFRESH_WINDOW_MS} ms refresh window: ${WINDOW_CALLS} getToken() calls inside the window got the cached
                 token at once (slowest ${milliseconds(slowestWait)}) while one background refresh fetched the next; a try that
                 this machine was too slow to keep within the token's life is run again with twice the lifetime
  revoked token  the sandbox revokes the token: ${REVOKED_CALLS} concurrent POSTs get 401, each retried once, with one new token
  bad secret     a wrong client secret becomes a typed PaytokError: its code and HTTP status; the secret is in none of it
`);

for (const result of retried) {
  for (const attempt of result.refreshAhead.tries.filter((each) => !each.timingHeld)) {
    console.log(
      `  ${result.provider}: the ${attempt.lifetimeSeconds} s try ran too late (${attempt.timing.join("; ")}), so it ran again`,
    );
  }
}
if (retried.length > 0) console.log("");

const seconds = (report.durationMs / 1000).toFixed(1);
if (report.problems.length > 0) {
  console.error(`✗ ${plural(report.problems.length, "check")} failed (${seconds} s):`);
  for (const problem of report.problems) console.error(`  - ${problem}`);
  process.exitCode = 1;
} else {
  console.log(
    `✓ every number as expected, ${report.results.length} providers in ${seconds} s (sandbox ${report.sandboxUrl}, now stopped)`,
  );
}
