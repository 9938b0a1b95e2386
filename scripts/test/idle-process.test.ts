// A finished script must not be kept alive by paytok: a background refresh against a token
// endpoint that never answers ends with its one attempt (timeoutMs), and at once with close().
// Real child processes, the built packages, a loopback server that hangs on the refresh.
import { spawn } from "node:child_process";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let baseUrl = "";
const hanging = new Set<ServerResponse>();
let requests = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    requests += 1;
    // The first token of each child lives 2 s; every later request (the refresh) hangs.
    if (request.headers["x-attempt"] === "first") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ access_token: `at-${requests}`, token_type: "Bearer", expires_in: 2 }),
      );
    } else {
      hanging.add(response);
    }
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const response of hanging) response.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs a script that gets a token, starts a background refresh, then ends; resolves with the ms from its end to the exit. */
function runScript(close: boolean): Promise<{ afterDoneMs: number; output: string }> {
  const script = `
    import { createPayswayAuth } from "@paytok/paysway";
    let first = true;
    const auth = createPayswayAuth({
      baseUrl: ${JSON.stringify(baseUrl)},
      clientId: "c",
      clientSecret: "s3cr3t",
      timeoutMs: 3000,
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set("x-attempt", first ? "first" : "refresh");
        first = false;
        return fetch(request);
      },
    });
    await auth.getToken();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // into the refresh window
    await auth.getToken(); // served at once; the refresh starts in the background
    await new Promise((resolve) => setTimeout(resolve, 100));
    ${close ? "await auth.close();" : ""}
    console.log("done");
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let doneAt = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("done") && doneAt === 0) doneAt = performance.now();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ afterDoneMs: performance.now() - doneAt, output }));
  });
}

describe("an idle process never waits on paytok", () => {
  it("with close(), the process exits at once, the background refresh ended", async () => {
    const { afterDoneMs, output } = await runScript(true);
    expect(output.trim()).toBe("done");
    expect(afterDoneMs).toBeLessThan(1_000);
  }, 30_000);

  it("without close(), one attempt at most (timeoutMs 3 s), not three attempts and their waits", async () => {
    const { afterDoneMs, output } = await runScript(false);
    expect(output.trim()).toBe("done");
    expect(afterDoneMs).toBeLessThan(3_000 + 2_000);
  }, 30_000);
});
