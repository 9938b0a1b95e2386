import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The whole demo runs inside one test; on a busy CI machine it needs more than the default.
    testTimeout: 120_000,
  },
});
