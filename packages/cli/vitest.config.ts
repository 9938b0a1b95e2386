import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    // The tests start the built CLI as child processes; a loaded CI machine needs headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
