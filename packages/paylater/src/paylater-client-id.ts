import { PaytokError, requireCredential } from "@paytok/core";
import { packageName } from "./paylater-endpoint.js";

/**
 * PayLater documents `client_id` as a "Long". Ids can be larger than 2^53, which a JavaScript
 * number cannot hold exactly, so the option takes the string of digits or a `bigint`; a plain
 * number is refused by the type and, from JavaScript, accepted only while it is a safe integer.
 * The id always travels as its string of digits.
 */
export function normalizePaylaterClientId(value: unknown): string {
  if (typeof value === "bigint") {
    if (value < 0n) {
      throw new PaytokError("PAYTOK_CONFIGURATION", "clientId must not be negative", {
        packageName,
      });
    }
    return value.toString();
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new PaytokError(
        "PAYTOK_CONFIGURATION",
        "clientId given as a number must be a non-negative safe integer; pass larger ids as a string of digits or a bigint",
        { packageName },
      );
    }
    return String(value);
  }
  return requireCredential(value, "clientId", packageName);
}
