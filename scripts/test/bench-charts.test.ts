// The SVG charts of `pnpm bench` (bench/lib/charts.mjs) and which charts a report gets
// (bench/lib/report-charts.mjs). bench/ has no test suite of its own; timings are not tested here,
// only that figures in give well-formed SVG with the right bars and labels out.
import { describe, expect, it } from "vitest";
import { chartFileName, escapeXml, renderBarChart } from "../../bench/lib/charts.mjs";
import { CHART_DIRECTORY, chartImages, reportCharts } from "../../bench/lib/report-charts.mjs";

/**
 * The problems of an XML document, found by a strict little reader: every tag closed in order,
 * every attribute quoted, no `<` or bare `&` in text or attribute values.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi;
  let index = 0;
  while (index < xml.length) {
    const start = xml.indexOf("<", index);
    const text = xml.slice(index, start < 0 ? xml.length : start);
    if (text.replace(entity, "").includes("&")) problems.push(`bare & in text: ${text}`);
    if (start < 0) break;
    const end = xml.indexOf(">", start);
    if (end < 0) {
      problems.push("unterminated tag");
      break;
    }
    const tag = xml.slice(start + 1, end);
    index = end + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      if (open.pop() !== name) problems.push(`</${name}> closes the wrong element`);
      continue;
    }
    const match = /^([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)$/.exec(tag);
    if (match === null) {
      problems.push(`malformed tag <${tag}>`);
      continue;
    }
    for (const value of (match[2] ?? "").matchAll(/="([^"]*)"/g)) {
      if ((value[1] ?? "").replace(entity, "").includes("&")) {
        problems.push(`bare & in attribute: ${value[1]}`);
      }
    }
    if (match[3] !== "/") open.push(match[1] as string);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(", ")}`);
  return problems;
}

const barsOf = (svg: string) => [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)];
const numberOf = (value: string | undefined) => Number(value);

describe("renderBarChart", () => {
  it("draws one bar per row, with its label and value, as well-formed SVG", () => {
    const svg = renderBarChart({
      title: "Warm call, plain fetch: ratio to the floor",
      subtitle: "higher is better",
      goal: { value: 0.97, label: "goal ≥ 0.97×" },
      bars: [
        { label: "fetch, fixed header (floor)", value: 1, kind: "floor", text: "1×" },
        { label: "paytok auth.fetch", value: 0.5, range: [0.48, 0.52], kind: "paytok" },
        { label: "OAuth2Fetch.fetch", value: 0.25, kind: "other" },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="title">Warm call, plain fetch: ratio to the floor</title>');
    const bars = barsOf(svg);
    expect(bars).toHaveLength(3);
    // Linear from 0: the widths keep the values' proportions.
    const widths = bars.map((bar) => numberOf(bar[1]));
    expect((widths[1] ?? 0) / (widths[0] ?? 1)).toBeCloseTo(0.5, 2);
    expect((widths[2] ?? 0) / (widths[0] ?? 1)).toBeCloseTo(0.25, 2);
    for (const label of ["fetch, fixed header (floor)", "paytok auth.fetch", "OAuth2Fetch.fetch"]) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).toContain(">0.50</text>");
    expect(svg).toContain(">1×</text>");
    expect(svg).toContain('class="goal"');
    expect(svg).toContain('class="range"');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("escapes every label, title and value it is given", () => {
    const svg = renderBarChart({
      title: 'Tom & Jerry\'s <chart> "quoted"',
      bars: [{ label: "<script>alert(1)</script> & co", value: 3, text: "3 < 4 & 5 > 2" }],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(svg).toContain("Tom &amp; Jerry&apos;s &lt;chart&gt; &quot;quoted&quot;");
    expect(svg).toContain("3 &lt; 4 &amp; 5 &gt; 2");
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;",
    );
  });

  it("draws values that span decades on a log scale, and rows without a value as text only", () => {
    const svg = renderBarChart({
      title: "Cold cache: token requests",
      scale: "log",
      bars: [
        { label: "fixed header (floor)", value: undefined, text: "fixed token, none" },
        { label: "paytok", value: 1, kind: "paytok" },
        { label: "hand-written", value: 10_000 },
        { label: "other", value: 100 },
      ],
    });
    expect(xmlProblems(svg)).toEqual([]);
    const widths = barsOf(svg).map((bar) => numberOf(bar[1]));
    expect(widths).toHaveLength(3);
    const [one, tenThousand, hundred] = widths as [number, number, number];
    // 1 sits at the axis' start (a sliver), 100 halfway to 10,000.
    expect(one).toBeLessThan(5);
    expect(hundred / tenThousand).toBeCloseTo(0.5, 2);
    expect(svg).toContain(">fixed token, none</text>");
    expect(svg).toContain(">log scale</text>");
    expect(svg).toContain(">10,000</text>");
  });

  it("refuses a chart without bars, and names files after titles", () => {
    expect(() => renderBarChart({ title: "empty", bars: [] })).toThrow(/at least one bar/);
    expect(chartFileName("Cold cache, 10,000 concurrent calls: token requests")).toBe(
      "cold-cache-10-000-concurrent-calls-token-requests",
    );
    expect(chartFileName("***")).toBe("chart");
  });
});

describe("the report's charts", () => {
  const row = (id: string, ratio: number, roles: Record<string, boolean> = {}) => ({
    id,
    ...roles,
    microsecondsPerCall: 10 / ratio,
    ratioToFloor: ratio,
    ratioQuartiles: [ratio - 0.01, ratio + 0.01],
    overheadMicroseconds: 10 / ratio - 10,
  });

  it("one chart per group of every benchmark that has rows, however many groups and rows", () => {
    const results = {
      warm: {
        groups: [
          {
            name: "plain fetch",
            rows: [
              row("floor", 1, { floor: true }),
              row("paytok auth.fetch", 0.98, { paytok: true }),
            ],
          },
          { name: "openapi-fetch client", rows: [row("a", 1, { floor: true }), row("b", 0.9)] },
          { name: "a group added later", rows: [row("c", 1, { floor: true })] },
        ],
      },
      cold: {
        rows: [
          { id: "floor", floor: true },
          { id: "paytok", paytok: true, tokenRequests: 1, failed: 0 },
        ],
      },
      redis: { status: "skipped", note: "skipped" },
      imports: { rows: [{ specifier: "@paytok/core", error: "not built" }] },
    };
    const charts = reportCharts(results, { warm: 0.97 });
    expect(charts.map((chart) => chart.name)).toEqual([
      "warm-plain-fetch",
      "warm-openapi-fetch-client",
      "warm-a-group-added-later",
      "cold-token-requests",
    ]);
    for (const chart of charts) expect(xmlProblems(chart.svg)).toEqual([]);
    expect(charts[0]?.svg).toContain(">goal for paytok ≥ 0.97×</text>");
    expect(charts[0]?.svg).toContain(">0.98× (+0.20 µs/call)</text>");

    const markdown = chartImages(charts, "warm");
    expect(markdown.match(/!\[/g)).toHaveLength(3);
    expect(markdown).toContain(
      `![Warm call, plain fetch: ratio to the floor](${CHART_DIRECTORY}/warm-plain-fetch.svg)`,
    );
    expect(chartImages(charts, "redis")).toBe("");
  });
});
