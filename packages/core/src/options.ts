import { PaytokError } from "./errors.js";

type Check = [test: (value: unknown) => boolean, expected: string];

const isFunction = (value: unknown) => typeof value === "function";
const number =
  (min: number, open = false) =>
  (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) && (open ? value > min : value >= min);
const object = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
const functions = (value: unknown, names: string[]) =>
  object(value) && names.every((name) => typeof value[name] === "function");

const RETRY: Record<string, Check> = {
  retries: [(value) => Number.isInteger(value) && (value as number) >= 0, "a whole number ≥ 0"],
  baseDelayMs: [number(0), "a number ≥ 0"],
  maxDelayMs: [number(0), "a number ≥ 0"],
  maxRetryAfterMs: [number(0), "a number ≥ 0"],
  random: [isFunction, "a function returning a number in [0, 1)"],
};

/** Every core option, what it must be, checked once at creation. */
const OPTIONS: Record<string, Check> = {
  fetch: [isFunction, "a function like fetch"],
  store: [
    (value) => {
      if (!functions(value, ["get", "set", "delete"])) return false;
      const { lock, setBackoff, getBackoff } = value as Record<string, unknown>;
      const optional = (member: unknown) => member === undefined || isFunction(member);
      return (
        optional(lock) &&
        optional(setBackoff) &&
        optional(getBackoff) &&
        (setBackoff === undefined) === (getBackoff === undefined)
      );
    },
    "a TokenStore: an object with get, set and delete functions (and lock, and both setBackoff and getBackoff, if any)",
  ],
  refreshWindowMs: [number(0), "a number ≥ 0"],
  timeoutMs: [number(0, true), "a number > 0"],
  totalTimeoutMs: [number(0, true), "a number > 0"],
  retry: [(value) => value === false || object(value), "false, or an object of retry options"],
  onEvent: [isFunction, "a function"],
  logger: [
    (value) => functions(value, ["debug", "info", "warn", "error"]),
    "an object with debug, info, warn and error functions (console, pino, winston)",
  ],
  allowInsecureHttp: [(value) => typeof value === "boolean", "a boolean"],
  allowedHosts: [Array.isArray, "a list of host names (api.example.com, *.example.com)"],
  clock: [(value) => functions(value, ["now"]), "an object with a now() function"],
  lockTimeoutMs: [number(0, true), "a number > 0"],
  unauthorizedCooldownMs: [number(0), "a number ≥ 0"],
  signal: [
    (value) =>
      object(value) && typeof value.aborted === "boolean" && isFunction(value.addEventListener),
    "an AbortSignal",
  ],
};

/** Names a known option that looks like `name`: one of them contains the other, or starts alike. */
function suggestion(name: string, known: string[]): string {
  const lower = name.toLowerCase();
  const near = known.find((candidate) => {
    const other = candidate.toLowerCase();
    return (
      other.includes(lower) || lower.includes(other) || other.slice(0, 4) === lower.slice(0, 4)
    );
  });
  return near === undefined ? "" : `; did you mean ${near}?`;
}

/**
 * Checks core options as passed from JavaScript: every known one against what it must be, and, when
 * `allowed` is given, that no other key is there (a typo such as `timeout` for `timeoutMs`).
 * Throws `PAYTOK_CONFIGURATION` naming the option; values are never echoed.
 */
export function checkOptions(
  options: Record<string, unknown>,
  packageName: string,
  allowed?: readonly string[],
  table: Record<string, Check> = OPTIONS,
  prefix = "",
): void {
  for (const [name, value] of Object.entries(options)) {
    const check = table[name];
    if (check === undefined) {
      if (table === OPTIONS && (allowed === undefined || allowed.includes(name))) continue;
      const known = [...(table === OPTIONS ? (allowed ?? []) : []), ...Object.keys(table)];
      throw new PaytokError(
        "PAYTOK_CONFIGURATION",
        `unknown option ${prefix}${JSON.stringify(name.slice(0, 40))}${suggestion(name, known)}`,
        { packageName },
      );
    }
    if (value !== undefined && !check[0](value)) {
      throw new PaytokError("PAYTOK_CONFIGURATION", `${prefix}${name} must be ${check[1]}`, {
        packageName,
      });
    }
    if (name === "retry" && table === OPTIONS && object(value)) {
      checkOptions(value, packageName, undefined, RETRY, "retry.");
    }
  }
}
