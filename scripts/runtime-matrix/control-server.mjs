// The host harness's control endpoint on 127.0.0.1: how a client in another runtime (another
// process, or a Worker inside workerd) reads the sandbox's counters, asks for a revoke and
// reports its results. Plain JSON over HTTP, the one thing every runtime of the matrix can do.
//
//   GET  /row/<row>/config             the sandbox's providers (URLs, headers, credentials), Redis URL
//   POST /row/<row>/hello              { name, version } of the runtime, as it reports itself
//   GET  /row/<row>/state/<provider>   counters of the provider's emulator
//   POST /row/<row>/revoke/<provider>  { accessToken }: revokes it, then answers the counters
//   POST /row/<row>/report             { provider, check, ok, detail? }: one result
//   *    /row/<row>/not-intercepted/…  what the peers checks' handlers answer, should msw miss it
import { createServer } from "node:http";

const MAX_BODY_BYTES = 64 * 1024;

function readJson(request) {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) request.destroy(new Error("body too large"));
    });
    request.on("end", () => {
      try {
        resolve(body === "" ? {} : JSON.parse(body));
      } catch (error) {
        reject(error);
      }
    });
    request.on("error", reject);
  });
}

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

/** Counters of one provider's emulator; `lastIssued` is the newest access token it issued. */
export function stateOf(controls) {
  return {
    tokenRequests: controls.tokenRequests.length,
    issued: controls.issued.length,
    apiRequests: controls.apiRequests.length,
    lastIssued: controls.issued.at(-1)?.accessToken ?? null,
  };
}

/**
 * Starts the control server for `sandbox`. `rows` maps a row id to its record: `config` (extra
 * fields of the config answer), and `hello` / `results` that the server fills in.
 */
export async function startControlServer({ sandbox, rows }) {
  const providers = Object.values(sandbox.providers).map((provider) => ({
    name: provider.name,
    baseUrl: provider.baseUrl,
    apiUrl: provider.apiUrl,
    apiHeaders: provider.apiHeaders,
    credentials: provider.credentials,
  }));

  const answer = async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const [, prefix, rowId, action, name] = url.pathname.split("/");
    const row = prefix === "row" ? rows.get(rowId) : undefined;
    if (row === undefined) return send(response, 404, { error: `no row at ${url.pathname}` });
    const provider = name === undefined ? undefined : sandbox.providers[name];
    const route = `${request.method} ${action}`;
    if (route === "GET config") {
      return send(response, 200, { row: rowId, providers, ...row.config });
    }
    if (route === "POST hello") {
      row.hello = await readJson(request);
      return send(response, 200, {});
    }
    if (route === "POST report") {
      const result = await readJson(request);
      row.results.set(`${result.provider} ${result.check}`, result);
      return send(response, 200, {});
    }
    if (action === "not-intercepted") {
      // The peers checks' handlers answer below this path: a request here was not intercepted.
      row.notIntercepted = (row.notIntercepted ?? 0) + 1;
      return send(response, 404, { error: "msw did not intercept this request" });
    }
    if (provider === undefined) return send(response, 404, { error: `no provider ${name}` });
    if (route === "GET state") return send(response, 200, stateOf(provider.controls));
    if (route === "POST revoke") {
      const { accessToken } = await readJson(request);
      if (typeof accessToken !== "string") return send(response, 400, { error: "accessToken" });
      provider.controls.revoke(accessToken);
      return send(response, 200, stateOf(provider.controls));
    }
    return send(response, 404, { error: `no route ${route}` });
  };

  const listener = (request, response) => {
    answer(request, response).catch((error) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
      else response.destroy();
    });
  };
  // The same routes on two ports: the second origin is the peers checks', which no client has
  // a connection to, so that its requests reach the network only if msw does not intercept them.
  const servers = [createServer(listener), createServer(listener)];
  const origins = await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve, reject) => {
          server.once("error", reject);
          server.listen({ port: 0, host: "127.0.0.1" }, () =>
            resolve(`http://127.0.0.1:${server.address().port}`),
          );
        }),
    ),
  );
  return {
    urlOf: (rowId) => `${origins[0]}/row/${rowId}`,
    trapUrlOf: (rowId) => `${origins[1]}/row/${rowId}/not-intercepted`,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      ),
  };
}
