// Where a suite finds the provider's emulator: its msw handlers in this process, or the sandbox
// (`paytok sandbox`) over real HTTP. Both expose the same controls, so one suite serves both.
import type { SandboxControls, SandboxHandlers } from "@paytok/core/testing";
import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export interface Transport {
  readonly kind: "msw" | "sandbox";
  /** The emulator's controls: its base URL, credentials, recorded requests, failure injection. */
  controls(): SandboxControls;
  /** Extra msw handlers for one test (msw only; reset after each test). */
  use(...handlers: HttpHandler[]): void;
}

/** The provider's msw handlers in this process, on its default environment's host. */
export function useMswTransport(handlers: SandboxHandlers): Transport {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    handlers.reset();
  });
  afterAll(() => server.close());
  return { kind: "msw", controls: () => handlers, use: (...extra) => server.use(...extra) };
}

/** A running sandbox's emulator of the provider, over real HTTP on 127.0.0.1. */
export function useSandboxTransport(controls: () => SandboxControls): Transport {
  afterEach(() => controls().reset());
  return {
    kind: "sandbox",
    controls,
    use() {
      throw new Error("msw handlers cannot change a sandbox served over HTTP");
    },
  };
}
