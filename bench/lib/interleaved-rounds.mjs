// Runs every row in each of many short rounds, rotating their order, so that a noisy neighbour
// slows all rows alike: a round takes milliseconds, and each round's rows are compared with each
// other. Figures are medians over the rounds.
import { Bench } from "tinybench";

/**
 * CPU time of this process (all its threads, so garbage collection counts), in milliseconds. On
 * a shared machine wall time also counts the time other processes held the core; CPU time counts
 * only the work of the rows themselves.
 */
export function processCpuMilliseconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * @typedef {{ id: string, call: () => Promise<unknown> }} TimedRow
 * @param {TimedRow[]} rows
 * @param {{ rounds: number, iterations: number, batch: number, warmupRounds: number, clock: "cpu" | "wall" }} options
 *   Each round times `iterations` iterations of every row; an iteration makes `batch` calls one
 *   after another, so timer overhead stays out. `warmupRounds` untimed rounds come first.
 *   `clock` picks process CPU time or `performance.now()`.
 * @returns {Promise<Map<string, number[]>>} per row, µs per call in each round
 */
export async function runInterleavedRounds(
  rows,
  { rounds, iterations, batch, warmupRounds, clock },
) {
  const now = clock === "cpu" ? processCpuMilliseconds : () => performance.now();
  const microsecondsPerCall = new Map(rows.map((row) => [row.id, []]));
  for (let round = -warmupRounds; round < rounds; round++) {
    const offset = ((round % rows.length) + rows.length) % rows.length;
    const order = [...rows.slice(offset), ...rows.slice(0, offset)];
    const bench = new Bench({ time: 0, iterations, warmup: false, throws: true, now });
    for (const row of order) {
      bench.add(row.id, async () => {
        for (let index = 0; index < batch; index++) await row.call();
      });
    }
    await bench.run();
    if (round < 0) continue;
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
      microsecondsPerCall.get(task.name).push((result.latency.p50 * 1000) / batch);
    }
  }
  return microsecondsPerCall;
}

export function quantile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export const median = (values) => quantile(values, 0.5);
