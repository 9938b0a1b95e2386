/** How many tokens an auth object remembers for redaction besides its credentials: the newest. */
const REMEMBERED = 16;

/**
 * The secrets of one auth object: its credentials, and the tokens it has seen (the newest ones),
 * everything its errors and events are scrubbed of. Only the list: the forms a server may echo
 * them in are worked out on the failure path.
 */
export interface Secrets {
  readonly values: readonly string[];
  /** A token seen: remembered among the newest ones. */
  add(secret: string | undefined): void;
  /** A credential (a rotated client secret): kept for the life of the auth object. */
  keep(secret: string): void;
}

export function createSecrets(initial: readonly string[]): Secrets {
  let fixed = initial.length;
  const values = [...initial];
  return {
    values,
    keep(secret) {
      if (secret === "" || values.includes(secret)) return;
      values.splice(fixed, 0, secret);
      fixed += 1;
    },
    add(secret) {
      if (secret === undefined || secret.length < 4 || values.includes(secret)) return;
      values.push(secret);
      if (values.length > fixed + REMEMBERED) values.splice(fixed, 1);
    },
  };
}

/** The failure path (error bodies, redaction, Retry-After), loaded on the first failure. */
let failurePath: Promise<typeof import("./failure.js")> | undefined;
export const failure = () => (failurePath ??= import("./failure.js"));
