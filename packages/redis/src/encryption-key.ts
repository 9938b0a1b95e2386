import { PaytokError } from "@paytok/core";

const packageName = "@paytok/redis";

/**
 * An AES-GCM key: a Web Crypto `CryptoKey` (algorithm AES-GCM, usages encrypt and decrypt), its
 * 16 or 32 raw bytes, or those bytes in base64 (standard or URL-safe).
 */
export type EncryptionKey = CryptoKey | Uint8Array | ArrayBuffer | string;

function configurationError(message: string): PaytokError {
  return new PaytokError("PAYTOK_CONFIGURATION", message, { packageName });
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const standard = text.trim().replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) {
    throw configurationError("encryptionKey string must be base64 of 16 or 32 random bytes");
  }
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return (
    typeof value === "object" &&
    value !== null &&
    "algorithm" in value &&
    "usages" in value &&
    "type" in value
  );
}

/**
 * Checks the key at once (a wrong key must fail at start-up, not at the first token) and imports
 * it lazily, since Web Crypto's import is asynchronous.
 */
export function prepareEncryptionKey(key: EncryptionKey): () => Promise<CryptoKey> {
  if (isCryptoKey(key)) {
    const usages = key.usages as readonly string[];
    if (
      key.algorithm.name !== "AES-GCM" ||
      !usages.includes("encrypt") ||
      !usages.includes("decrypt")
    ) {
      throw configurationError(
        "encryptionKey must be an AES-GCM CryptoKey with the usages encrypt and decrypt",
      );
    }
    const ready = Promise.resolve(key);
    return () => ready;
  }
  let bytes: Uint8Array<ArrayBuffer>;
  if (typeof key === "string") bytes = decodeBase64(key);
  else if (key instanceof Uint8Array) bytes = new Uint8Array(key);
  else if (key instanceof ArrayBuffer) bytes = new Uint8Array(key.slice(0));
  else throw configurationError("encryptionKey must be a CryptoKey, bytes or a base64 string");
  if (bytes.length !== 16 && bytes.length !== 32) {
    throw configurationError(
      `encryptionKey must be 16 or 32 bytes (AES-128 or AES-256); got ${bytes.length}`,
    );
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw configurationError("encryptionKey needs Web Crypto (globalThis.crypto.subtle)");
  }
  let imported: Promise<CryptoKey> | undefined;
  return () => {
    imported ??= subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    return imported;
  };
}
