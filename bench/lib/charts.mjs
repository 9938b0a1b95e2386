// Horizontal bar charts as standalone SVG, for docs/benchmarks.md. No dependency and no knowledge
// of any benchmark: a chart is a title and bars (label, value, optional range and goal), so any
// group of rows a benchmark reports can be drawn. bench/lib/report-charts.mjs says which charts
// the report has; this file only draws them.

/**
 * @typedef {"floor" | "reference" | "paytok" | "other"} BarKind
 *
 * @typedef {object} Bar
 * @property {string} label the row's name, left of the bar
 * @property {number | undefined} value `undefined` (or not finite): no bar, only `text`
 * @property {string} [text] right of the bar; default: the value
 * @property {[number, number]} [range] a whisker across the bar (e.g. quartiles)
 * @property {BarKind} [kind] its colour; default "other"
 *
 * @typedef {object} BarChart
 * @property {string} title
 * @property {string} [subtitle] what the value is and which way is better
 * @property {Bar[]} bars
 * @property {{ value: number, label: string }} [goal] a dashed line at the goal
 * @property {"linear" | "log"} [scale] default "linear" (from 0); "log" for values spanning decades
 * @property {string} [unit] after each tick of the axis (" %", " B")
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const COLOURS = {
  floor: "#475569",
  reference: "#94a3b8",
  paytok: "#2563eb",
  other: "#f59e0b",
};
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const PLOT_WIDTH = 360;
/** Average advance of a 12 px sans-serif character: enough to size columns without measuring. */
const CHARACTER_WIDTH = 6.6;
const MARGIN = 16;

/** Text for XML content and attribute values alike. @param {unknown} text */
export function escapeXml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/**
 * `"2. Cold cache: 10,000 calls"` → `"2-cold-cache-10-000-calls"`, for file names.
 * @param {string} title
 */
export function chartFileName(title) {
  return (
    String(title)
      .toLowerCase()
      .normalize("NFKD")
      .replaceAll(/[^a-z0-9]+/g, "-")
      .replaceAll(/^-+|-+$/g, "") || "chart"
  );
}

/** @param {number} value */
function defaultText(value) {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** @param {number} value */
function round(value) {
  return Math.round(value * 10) / 10;
}

/**
 * A scale from values to x offsets within the plot, and the ticks of its axis.
 * @param {number[]} values every value, range end and goal the axis must hold
 * @param {"linear" | "log"} kind
 */
function scaleOf(values, kind) {
  const finite = values.filter((value) => Number.isFinite(value));
  if (kind === "log") {
    const positive = finite.filter((value) => value > 0);
    const low = 10 ** Math.floor(Math.log10(Math.min(1, ...positive)));
    const high = 10 ** Math.max(Math.ceil(Math.log10(Math.max(low * 10, ...positive))), 1);
    const ticks = [];
    for (let tick = low; tick <= high * 1.0001; tick *= 10) ticks.push(tick);
    /** @param {number} value */
    const x = (value) =>
      value <= low ? 0 : (PLOT_WIDTH * Math.log10(value / low)) / Math.log10(high / low);
    return { x, ticks };
  }
  const largest = Math.max(0, ...finite);
  const step = niceStep(largest === 0 ? 1 : largest / 4);
  const high = Math.max(step, Math.ceil(largest / step) * step);
  const ticks = [];
  for (let tick = 0; tick <= high + step / 1000; tick += step)
    ticks.push(round(tick * 1000) / 1000);
  /** @param {number} value */
  const x = (value) => (PLOT_WIDTH * Math.max(0, value)) / high;
  return { x, ticks };
}

/** 1, 2 or 5 times a power of ten, at least `raw`. @param {number} raw */
function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

/**
 * Draws one chart.
 * @param {BarChart} chart
 * @returns {string} a standalone SVG document
 */
export function renderBarChart(chart) {
  const bars = chart.bars;
  if (bars.length === 0) throw new TypeError("renderBarChart: a chart needs at least one bar");
  const kind = chart.scale ?? "linear";
  const texts = bars.map((bar) =>
    bar.text !== undefined
      ? bar.text
      : bar.value !== undefined && Number.isFinite(bar.value)
        ? defaultText(bar.value)
        : "n/a",
  );
  const labelWidth = Math.ceil(
    Math.min(480, Math.max(...bars.map((bar) => bar.label.length)) * CHARACTER_WIDTH + 12),
  );
  const textWidth = Math.ceil(Math.max(...texts.map((text) => text.length)) * CHARACTER_WIDTH + 12);
  const width = MARGIN * 2 + labelWidth + PLOT_WIDTH + textWidth;
  const top = chart.subtitle === undefined ? 40 : 58;
  const plotTop = top + (chart.goal === undefined ? 0 : 16);
  const plotHeight = bars.length * ROW_HEIGHT;
  const height = plotTop + plotHeight + 34;
  const left = MARGIN + labelWidth;
  const scale = scaleOf(
    [
      ...bars.flatMap((bar) => [bar.value ?? Number.NaN, ...(bar.range ?? [])]),
      ...(chart.goal === undefined ? [] : [chart.goal.value]),
    ],
    kind,
  );

  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title">`,
    `<title id="title">${escapeXml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g font-family="${escapeXml(FONT)}" font-size="12" fill="#0f172a">`,
    `<text x="${MARGIN}" y="24" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
  );
  if (chart.subtitle !== undefined) {
    parts.push(`<text x="${MARGIN}" y="44" fill="#475569">${escapeXml(chart.subtitle)}</text>`);
  }
  // Axis: grid lines and tick labels under the plot.
  for (const tick of scale.ticks) {
    const x = round(left + scale.x(tick));
    parts.push(
      `<line class="grid" x1="${x}" y1="${plotTop}" x2="${x}" y2="${plotTop + plotHeight}" stroke="#e2e8f0"/>`,
      `<text class="tick" x="${x}" y="${plotTop + plotHeight + 16}" text-anchor="middle" fill="#64748b">${escapeXml(`${defaultText(tick)}${chart.unit ?? ""}`)}</text>`,
    );
  }
  if (kind === "log") {
    parts.push(
      `<text x="${left + PLOT_WIDTH}" y="${plotTop + plotHeight + 30}" text-anchor="end" fill="#64748b">log scale</text>`,
    );
  }
  for (const [index, bar] of bars.entries()) {
    const y = plotTop + index * ROW_HEIGHT;
    const middle = y + ROW_HEIGHT / 2;
    parts.push(
      `<text class="label" x="${left - 8}" y="${middle + 4}" text-anchor="end">${escapeXml(bar.label)}</text>`,
    );
    let end = 0;
    if (bar.value !== undefined && Number.isFinite(bar.value)) {
      // A value at the axis' start still gets a sliver, so the row does not look missing.
      end = Math.max(scale.x(bar.value), 2);
      parts.push(
        `<rect class="bar" x="${left}" y="${middle - BAR_HEIGHT / 2}" width="${round(end)}" height="${BAR_HEIGHT}" rx="2" fill="${COLOURS[bar.kind ?? "other"]}"><title>${escapeXml(`${bar.label}: ${texts[index]}`)}</title></rect>`,
      );
    }
    if (bar.range?.every((value) => Number.isFinite(value))) {
      const [from, to] = bar.range.map((value) => round(left + scale.x(value)));
      parts.push(
        `<path class="range" d="M${from} ${middle}H${to}M${from} ${middle - 4}V${middle + 4}M${to} ${middle - 4}V${middle + 4}" stroke="#0f172a" stroke-width="1.2" fill="none"/>`,
      );
      end = Math.max(end, scale.x(bar.range[1]));
    }
    parts.push(
      `<text class="value" x="${round(left + end + 6)}" y="${middle + 4}">${escapeXml(/** @type {string} */ (texts[index]))}</text>`,
    );
  }
  if (chart.goal !== undefined && Number.isFinite(chart.goal.value)) {
    const x = round(left + scale.x(chart.goal.value));
    parts.push(
      `<line class="goal" x1="${x}" y1="${plotTop - 4}" x2="${x}" y2="${plotTop + plotHeight}" stroke="#dc2626" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${x}" y="${plotTop - 8}" text-anchor="middle" fill="#dc2626">${escapeXml(chart.goal.label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${plotTop}" x2="${left}" y2="${plotTop + plotHeight}" stroke="#0f172a"/>`,
    "</g>",
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}
