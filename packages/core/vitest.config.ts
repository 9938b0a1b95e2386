import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup-lazy-modules.ts"],
    // A guard against hangs, not a speed target: CI machines are shared and slow.
    testTimeout: 30_000,
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
