/** Largest token response read; a token response is a few KB at most, a JWT included. */
export const TOKEN_RESPONSE_LIMIT_BYTES = 64 * 1024;

/** Only this much of an error body is ever read and examined. */
export const ERROR_BODY_LIMIT_BYTES = 4 * 1024;

export interface BodyText {
  text: string;
  /** The body had more than the limit; the rest was not read. */
  overflow: boolean;
}

/**
 * Reads at most `limit` bytes of a response body and cancels the rest, so a body that never ends
 * costs `limit` bytes of memory and no more. `signal` cancels the read (the caller's deadline): a
 * body that drips a byte at a time cannot keep it going.
 */
export async function readBody(
  response: Response,
  limit: number,
  signal?: AbortSignal,
): Promise<BodyText> {
  const body = response.body;
  if (body === null) return { text: "", overflow: false };
  const reader = body.getReader();
  const cancel = () => {
    reader.cancel().catch(() => undefined);
  };
  signal?.addEventListener("abort", cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  let overflow = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal?.aborted) break;
      const room = limit - size;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        size = limit;
        overflow = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
    // Not awaited: some streams (msw's mocked bodies) never settle a cancel.
    if (overflow || signal?.aborted) cancel();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), overflow };
}
