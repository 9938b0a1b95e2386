const REDACTED = "[redacted]";

/**
 * Replaces every known secret in `text`, in the forms a server could echo it back in: as is,
 * percent-encoded and form-encoded. Short values are left alone: they would mangle ordinary words
 * and cannot be a real credential anyway.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ]);
    for (const form of forms) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
  }
  return result;
}
