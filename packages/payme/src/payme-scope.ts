import { PaytokError } from "@paytok/core";
import { type PaymeScope, paymeScopes } from "./generated/constants.js";
import { packageName } from "./payme-endpoint.js";

const MANDATORY_SCOPE: PaymeScope = "create:token";

/**
 * The `scope` string of a token request: `create:token` (the document says it is mandatory)
 * first, then the requested scopes in the given order without duplicates, space-separated.
 * Default: all four documented scopes, as in the document's example. Anything that is not a
 * documented scope is a configuration error.
 */
export function paymeScopeString(scope: readonly PaymeScope[] | undefined): string {
  if (scope === undefined) return paymeScopes.join(" ");
  if (!Array.isArray(scope)) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "scope must be an array of scopes", {
      packageName,
    });
  }
  const known: readonly string[] = paymeScopes;
  const words = new Set<string>([MANDATORY_SCOPE]);
  for (const item of scope as readonly unknown[]) {
    if (typeof item !== "string" || !known.includes(item)) {
      throw new PaytokError(
        "PAYTOK_CONFIGURATION",
        `scope has an unknown entry ${JSON.stringify(String(item)).slice(0, 60)}; expected some of ${paymeScopes.join(", ")}`,
        { packageName },
      );
    }
    words.add(item);
  }
  return [...words].join(" ");
}
