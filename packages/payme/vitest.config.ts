import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The hostile-endpoint suite runs garbage collections on purpose (see the test kit).
    execArgv: ["--expose-gc"],
    include: ["test/**/*.test.ts"],
    // A guard against hangs, not a speed target: CI machines are shared and slow.
    testTimeout: 30_000,
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
