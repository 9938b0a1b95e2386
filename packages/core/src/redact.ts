const REDACTED = "[redacted]";

/** Shorter values are left alone: they would mangle ordinary words and are no real credential. */
const MIN_SECRET_LENGTH = 4;

/** How many tokens a redactor remembers besides the credentials: the newest ones. */
const REMEMBERED_TOKENS = 16;

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function utf8(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The parts of the base64 text of *any* string that contains `bytes` which depend on those bytes
 * alone, for each of the three alignments the secret can have: a server that base64-encodes what
 * it echoes (a whole header, a body) shows one of them.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const text = base64(padded).replace(/=+$/, "");
    // The first group mixes in the padding bytes, the last one the bytes that follow.
    const start = offset === 0 ? 0 : 4;
    const whole = Math.floor(padded.length / 3) * 4;
    const core = text.slice(start, offset === 0 && padded.length % 3 === 0 ? text.length : whole);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

/**
 * Every form a server could echo `secret` back in: as is, percent-encoded (either hex case, `%20`
 * or `+` for spaces), JSON-escaped (with and without `\u` escapes and `\/`), HTML-escaped, hex and
 * base64 (standard and URL alphabets, at every alignment).
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set<string>([secret]);
  const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  for (const encoded of [percent, form, escape(secret)]) {
    forms.add(encoded);
    forms.add(lowerHex(encoded));
  }
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replaceAll("/", "\\/"));
  forms.add(
    json.replace(
      /[^\x20-\x7e]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
    ),
  );
  forms.add(secret.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character));
  const bytes = utf8(secret);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  forms.add(hex);
  forms.add(hex.toUpperCase());
  const whole = base64(bytes);
  for (const encoded of [whole, whole.replace(/=+$/, ""), ...base64Cores(bytes)]) {
    forms.add(encoded);
    forms.add(encoded.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...forms].filter((candidate) => candidate.length >= MIN_SECRET_LENGTH);
}

function replaceForms(text: string, forms: Iterable<string>): string {
  let result = text;
  for (const form of forms) {
    if (result.includes(form)) result = result.split(form).join(REDACTED);
  }
  return result;
}

/**
 * Replaces every known secret in `text`, in every form {@link secretForms} lists. Short values
 * (under 4 characters) are left alone.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) {
      result = replaceForms(result, secretForms(secret));
    }
  }
  return result;
}

/**
 * The one redaction point of an auth object: it knows its credentials and the tokens it has seen,
 * each in every echo form, and scrubs text, nested values (keys too) and errors with their causes.
 */
export interface Redactor {
  /** Learns another secret (a token just issued or read from a store). */
  add(secret: string | undefined): void;
  text(value: string): string;
  /** Strings anywhere in `value`, object keys included, at most 6 levels deep. */
  value(value: unknown): unknown;
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  /** Forms longest first, so a form that contains another is replaced whole. */
  let forms: string[] = [];
  const fixed = new Set<string>();
  const tokens: string[] = [];
  const rebuild = () => {
    const all = new Set<string>();
    for (const secret of [...fixed, ...tokens])
      for (const form of secretForms(secret)) all.add(form);
    forms = [...all].sort((left, right) => right.length - left.length);
  };
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) fixed.add(secret);
  }
  rebuild();

  const text = (value: string) => replaceForms(value, forms);
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === "string") return text(input);
    if (depth > 5 || typeof input !== "object" || input === null) return input;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) result[text(key)] = value(item, depth + 1);
    return result;
  };
  return {
    add(secret) {
      if (!secret || secret.length < MIN_SECRET_LENGTH) return;
      if (fixed.has(secret) || tokens.includes(secret)) return;
      tokens.push(secret);
      if (tokens.length > REMEMBERED_TOKENS) tokens.shift();
      rebuild();
    },
    text,
    value: (input) => value(input),
  };
}
