import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    // The whole demo runs inside one test. A hang guard, not a speed check: at a load average of
    // 15-20 on two cores the demo was seen to take over two minutes, and a refresh try that the
    // machine could not keep to its timing runs again with longer tokens (up to 24 s).
    testTimeout: 300_000,
  },
});
