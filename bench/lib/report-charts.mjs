// Which charts docs/benchmarks.md has: for each benchmark section, its rows (every group, every
// row the run produced) turned into bars for bench/lib/charts.mjs. run.mjs writes them to
// docs/benchmarks/<name>.svg and report.mjs embeds them under their section. A new benchmark adds
// one entry to CHARTS; a section without results (absent, skipped, failed) simply has no chart.
import { chartFileName, renderBarChart } from "./charts.mjs";

/** Where the SVG files go, relative to docs/benchmarks.md. */
export const CHART_DIRECTORY = "benchmarks";

/**
 * @typedef {import("./charts.mjs").BarChart & { name: string }} NamedChart a chart and its file's
 *   name within its section
 * @typedef {import("./charts.mjs").Bar} Bar
 * @typedef {import("./charts.mjs").BarKind} BarKind
 * @typedef {{ id: string, floor?: boolean, reference?: boolean, paytok?: boolean }} RowRoles
 * @typedef {object} ReportChart
 * @property {string} section the key of the results it belongs to (`warm`, `cold`, …)
 * @property {string} name file name without `.svg`
 * @property {string} title
 * @property {string} svg
 */

/** @param {RowRoles} row @returns {BarKind} */
function kindOf(row) {
  if (row.floor) return "floor";
  if (row.reference) return "reference";
  if (row.paytok) return "paytok";
  return "other";
}

/** @param {number} value @param {number} [digits] */
const fixed = (value, digits = 2) => value.toFixed(digits);
/** @param {number} value */
const integer = (value) => Math.round(value).toLocaleString("en-US");

/**
 * Each entry: the results key of a section, and the charts of that section's results, given the
 * section's goal when it has one (the report passes the benchmarks' own constants).
 * @type {{ section: string, charts: (results: any, goal: number | undefined) => NamedChart[] }[]}
 */
export const CHARTS = [
  {
    section: "warm",
    charts: (warm, goal) =>
      warm.groups.map((/** @type {{ name: string, rows: any[] }} */ group) => ({
        name: group.name,
        title: `Warm call, ${group.name}: ratio to the floor`,
        subtitle:
          "floor time ÷ row time, median over rounds, quartiles as whiskers; higher is better",
        ...(goal === undefined
          ? {}
          : { goal: { value: goal, label: `goal for paytok ≥ ${goal}×` } }),
        bars: group.rows.map((row) => ({
          label: row.id,
          value: row.floor ? 1 : row.ratioToFloor,
          range: row.floor ? undefined : row.ratioQuartiles,
          text: row.floor
            ? `1× (${fixed(row.microsecondsPerCall)} µs/call)`
            : `${fixed(row.ratioToFloor)}× (+${fixed(row.overheadMicroseconds)} µs/call)`,
          kind: kindOf(row),
        })),
      })),
  },
  {
    section: "cold",
    charts: (cold, goal = 1) => [
      {
        name: "token-requests",
        title: "Cold cache, concurrent calls: token requests",
        subtitle: "token requests made by calls that all start on a cold cache; fewer is better",
        scale: "log",
        goal: { value: goal, label: `goal for paytok: ${goal}` },
        bars: cold.rows.map((/** @type {any} */ row) => ({
          label: row.id,
          value: row.tokenRequests,
          text:
            row.tokenRequests === undefined
              ? "fixed token, none"
              : `${integer(row.tokenRequests)} (${integer(row.failed)} failed)`,
          kind: kindOf(row),
        })),
      },
    ],
  },
  {
    section: "expiry",
    charts: (expiry) => [
      {
        name: "expired-token-share",
        title: "Expiry under load: calls sent with an expired token",
        unit: " %",
        subtitle:
          "share of calls that reached the API with an expired token (answered 401); lower is better",
        bars: expiry.rows.map((/** @type {any} */ row) => ({
          label: row.id,
          value: (100 * row.apiCallsWithExpiredToken) / Math.max(1, row.calls),
          text: `${fixed((100 * row.apiCallsWithExpiredToken) / Math.max(1, row.calls))} % (${integer(row.apiCallsWithExpiredToken)} of ${integer(row.calls)}; ${integer(row.waitedCalls)} waited)`,
          kind: kindOf(row),
        })),
      },
    ],
  },
  {
    section: "sizes",
    charts: (sizes, goal) => {
      const measured = sizes.filter((/** @type {any} */ size) => size.error === undefined);
      if (measured.length === 0) return [];
      return [
        {
          name: "paytok-gzip",
          title: "Bundle size: paytok's own bytes, gzip",
          unit: " B",
          subtitle: "the auth and its middleware, openapi-fetch left out; fewer is better",
          ...(goal === undefined
            ? {}
            : { goal: { value: goal, label: `goal ≤ ${integer(goal)} B` } }),
          bars: measured.map((/** @type {any} */ size) => ({
            label: `@paytok/${size.provider}`,
            value: size.paytok.gzip,
            text: `${integer(size.paytok.gzip)} B (with openapi-fetch ${integer(size.total.gzip)} B)`,
            kind: "paytok",
          })),
        },
      ];
    },
  },
  {
    section: "imports",
    charts: (imports) => {
      const measured = imports.rows.filter((/** @type {any} */ row) => row.error === undefined);
      if (measured.length === 0) return [];
      return [
        {
          name: "cpu",
          title: "Import time, CPU",
          unit: " ms",
          subtitle: "CPU ms of `await import(name)` in a fresh process, minus an empty module's",
          bars: measured.map((/** @type {any} */ row) => ({
            label: row.specifier,
            value: row.net.cpuMs,
            text: `${fixed(row.net.cpuMs, 1)} ms`,
            kind: row.specifier.startsWith("@paytok/") ? "paytok" : "other",
          })),
        },
      ];
    },
  },
  {
    section: "redis",
    charts: (redis, goal = 1) => {
      const perLifetime = "token requests per lifetime";
      const rows = (redis.tableRows ?? []).filter(
        (/** @type {Record<string, string>} */ row) =>
          row.processes !== undefined &&
          row.store !== undefined &&
          Number.isFinite(Number(row[perLifetime])),
      );
      if (redis.status !== "ran" || rows.length === 0) return [];
      return [
        {
          name: "token-requests-per-lifetime",
          title: "Redis store: token requests per token lifetime, whole fleet",
          subtitle: "one shared token per lifetime is the goal; fewer is better",
          goal: { value: goal, label: `goal: ${goal}` },
          bars: rows.map((/** @type {Record<string, string>} */ row) => ({
            label: `${row.processes} processes, ${row.store}`,
            value: Number(row[perLifetime]),
            text: /** @type {string} */ (row[perLifetime]),
            kind: String(row.store).startsWith("redis") ? "paytok" : "other",
          })),
        },
        ...backoffCharts(redis),
      ];
    },
  },
];

/** The fleet-backoff table of the Redis bench: token requests per Retry-After window, at most. */
function backoffCharts(/** @type {any} */ redis) {
  const most = "max per window";
  const rows = (redis.backoffRows ?? []).filter(
    (/** @type {Record<string, string>} */ row) =>
      row.scenario !== undefined && Number.isFinite(Number(row[most])),
  );
  if (rows.length === 0) return [];
  return [
    {
      name: "fleet-backoff",
      title: "Redis store: token requests per Retry-After window while rate-limited, whole fleet",
      subtitle: "6 processes, 429 with Retry-After: 5 for 10 s; fewer is better",
      goal: { value: 1, label: "goal: 1" },
      bars: rows.map((/** @type {Record<string, string>} */ row) => ({
        label: `${row.scenario}, fleet backoff ${row["fleet backoff"]}`,
        value: Number(row[most]),
        text: `${row[most]} at most (${row["per 5 s window"]})`,
        kind: row["fleet backoff"] === "on" ? "paytok" : "other",
      })),
    },
  ];
}

/**
 * Every chart of one run's results, in report order; sections whose results are missing, or whose
 * benchmark produced no rows, have none.
 * @param {Record<string, any>} results
 * @param {Record<string, number>} [goals] a goal per section key, drawn as a line
 * @returns {ReportChart[]}
 */
export function reportCharts(results, goals = {}) {
  /** @type {ReportChart[]} */
  const charts = [];
  for (const { section, charts: chartsOf } of CHARTS) {
    if (results[section] === undefined) continue;
    for (const chart of chartsOf(results[section], goals[section])) {
      if (chart.bars.length === 0) continue;
      charts.push({
        section,
        name: `${section}-${chartFileName(chart.name)}`,
        title: chart.title,
        svg: renderBarChart(chart),
      });
    }
  }
  return charts;
}

/**
 * The Markdown that shows a section's charts: one image per chart, linked to its file.
 * @param {ReportChart[]} charts
 * @param {string} section
 */
export function chartImages(charts, section) {
  const mine = charts.filter((chart) => chart.section === section);
  if (mine.length === 0) return "";
  return `\n\n${mine.map((chart) => `![${chart.title}](${CHART_DIRECTORY}/${chart.name}.svg)`).join("\n\n")}`;
}
