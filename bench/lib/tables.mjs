// One table, two renderings: aligned plain text for the terminal, Markdown for the docs.

/** @param {string[]} header @param {string[][]} rows */
export function textTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) =>
    cells.map((cell, column) => String(cell).padEnd(widths[column])).join("  ");
  return [
    line(header),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...rows.map(line),
  ].join("\n");
}

/** @param {string[]} header @param {string[][]} rows */
export function markdownTable(header, rows) {
  const escapeCell = (cell) => String(cell).replaceAll("|", "\\|");
  return [
    `| ${header.map(escapeCell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}

export const formatInteger = (value) => Math.round(value).toLocaleString("en-US");
export const formatFixed = (value, digits = 2) => value.toFixed(digits);
export const formatBytes = (bytes) => `${formatInteger(bytes)} B`;
