import { createToken, type Token, type TokenFields } from "@paytok/core";

/**
 * The only value format this version writes and reads. A value with any other `v` is a miss, so a
 * future format never gets misread by an old reader (nor an old one by a new reader).
 */
export const VALUE_VERSION = 1;

/** The name written in `alg` of encrypted values. */
const ALGORITHM = "AES-GCM";

/** What decoding found; anything but `token` reads as a miss. */
export type DecodeResult =
  | { kind: "token"; token: Token }
  | { kind: "unknown-version" }
  | { kind: "malformed" }
  | { kind: "encrypted-without-key" }
  | { kind: "plain-with-key" }
  | { kind: "undecryptable" };

/**
 * Core tokens hide `accessToken` and `refreshToken` from `JSON.stringify`, so every field is
 * copied by name. Nothing else is ever written: the store never sees the client secret.
 */
function tokenFields(token: Token): TokenFields {
  const fields: TokenFields = { accessToken: token.accessToken, expiresAt: token.expiresAt };
  if (token.scope !== undefined) fields.scope = token.scope;
  if (token.refreshToken !== undefined) fields.refreshToken = token.refreshToken;
  if (token.refreshExpiresAt !== undefined) fields.refreshExpiresAt = token.refreshExpiresAt;
  return fields;
}

function readFields(record: Record<string, unknown>): Token | undefined {
  const { accessToken, expiresAt, scope, refreshToken, refreshExpiresAt } = record;
  if (typeof accessToken !== "string" || accessToken === "") return undefined;
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) return undefined;
  if (scope !== undefined && typeof scope !== "string") return undefined;
  if (refreshToken !== undefined && typeof refreshToken !== "string") return undefined;
  if (
    refreshExpiresAt !== undefined &&
    (typeof refreshExpiresAt !== "number" || !Number.isFinite(refreshExpiresAt))
  ) {
    return undefined;
  }
  return createToken({ accessToken, expiresAt, scope, refreshToken, refreshExpiresAt });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * Encodes a token as the stored value. With a key the token fields are sealed with AES-GCM under
 * a fresh random 96-bit IV, and the Redis key is bound in as additional data, so a value copied to
 * another key does not decrypt.
 */
export async function encodeToken(
  token: Token,
  redisKey: string,
  key: CryptoKey | undefined,
): Promise<string> {
  const fields = tokenFields(token);
  if (key === undefined) return JSON.stringify({ v: VALUE_VERSION, ...fields });
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const encoder = new TextEncoder();
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: ALGORITHM, iv, additionalData: encoder.encode(redisKey) },
    key,
    encoder.encode(JSON.stringify(fields)),
  );
  return JSON.stringify({
    v: VALUE_VERSION,
    alg: ALGORITHM,
    iv: toBase64(iv),
    data: toBase64(new Uint8Array(sealed)),
  });
}

/** Reads a stored value back into a core token; never throws. */
export async function decodeToken(
  text: string,
  redisKey: string,
  key: CryptoKey | undefined,
): Promise<DecodeResult> {
  const record = parseObject(text);
  if (record === undefined) return { kind: "malformed" };
  if (record.v !== VALUE_VERSION) return { kind: "unknown-version" };
  const encrypted = record.alg !== undefined;
  if (!encrypted) {
    // With a key configured, plain values are refused: anyone who can write to Redis could
    // otherwise plant a token of their choosing.
    if (key !== undefined) return { kind: "plain-with-key" };
    const token = readFields(record);
    return token === undefined ? { kind: "malformed" } : { kind: "token", token };
  }
  if (key === undefined) return { kind: "encrypted-without-key" };
  if (
    record.alg !== ALGORITHM ||
    typeof record.iv !== "string" ||
    typeof record.data !== "string"
  ) {
    return { kind: "malformed" };
  }
  const iv = fromBase64(record.iv);
  const data = fromBase64(record.data);
  if (iv === undefined || data === undefined || iv.length !== 12) return { kind: "malformed" };
  let plain: ArrayBuffer;
  try {
    plain = await globalThis.crypto.subtle.decrypt(
      { name: ALGORITHM, iv, additionalData: new TextEncoder().encode(redisKey) },
      key,
      data,
    );
  } catch {
    return { kind: "undecryptable" };
  }
  const inner = parseObject(new TextDecoder().decode(plain));
  const token = inner === undefined ? undefined : readFields(inner);
  return token === undefined ? { kind: "malformed" } : { kind: "token", token };
}
