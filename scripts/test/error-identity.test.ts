// One error identity: isPaytokError recognises an error from any copy of core, the ESM and the CJS
// builds and another installed version alike (a registered Symbol.for brand, not instanceof).
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esm from "@paytok/core";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const cjs = require("@paytok/core") as typeof esm;
const coreDirectory = path.dirname(fileURLToPath(import.meta.resolve("@paytok/core/package.json")));
const copies: string[] = [];
afterAll(() => Promise.all(copies.map((copy) => rm(copy, { recursive: true, force: true }))));

describe("isPaytokError", () => {
  it("the ESM and CJS builds are two classes, and each guard recognises the other's errors", () => {
    expect(cjs.PaytokError).not.toBe(esm.PaytokError);
    const fromCjs = new cjs.PaytokError("PAYTOK_TIMEOUT", "slow");
    const fromEsm = new esm.PaytokError("PAYTOK_TIMEOUT", "slow");
    expect(fromCjs instanceof esm.PaytokError).toBe(false);
    expect(esm.isPaytokError(fromCjs)).toBe(true);
    expect(esm.isPaytokError(fromCjs, "PAYTOK_TIMEOUT")).toBe(true);
    expect(esm.isPaytokError(fromCjs, "PAYTOK_ABORTED")).toBe(false);
    expect(cjs.isPaytokError(fromEsm)).toBe(true);
  });

  it("another installed copy (a second version) is recognised too", async () => {
    const copy = await mkdtemp(path.join(tmpdir(), "paytok-core-copy-"));
    copies.push(copy);
    await cp(path.join(coreDirectory, "dist"), path.join(copy, "dist"), { recursive: true });
    await writeFile(path.join(copy, "package.json"), JSON.stringify({ type: "module" }));
    const other = (await import(
      pathToFileURL(path.join(copy, "dist", "index.js")).href
    )) as typeof esm;
    expect(other.PaytokError).not.toBe(esm.PaytokError);
    expect(
      esm.isPaytokError(new other.PaytokError("PAYTOK_CLOSED", "closed"), "PAYTOK_CLOSED"),
    ).toBe(true);
    expect(other.isPaytokError(new esm.PaytokError("PAYTOK_CLOSED", "closed"))).toBe(true);
  });

  it("is not fooled by look-alikes", () => {
    for (const value of [
      new Error("x"),
      { code: "PAYTOK_TIMEOUT", name: "PaytokError" },
      Object.assign(new Error("x"), { name: "PaytokError", code: "PAYTOK_TIMEOUT" }),
      null,
      "PAYTOK_TIMEOUT",
    ]) {
      expect(esm.isPaytokError(value)).toBe(false);
    }
  });
});
