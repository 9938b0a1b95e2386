import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxControls } from "@paytok/core/testing";
import type { RequestHandler } from "msw";
import { isProviderName, type ProviderName, providerNames, providers } from "./providers.js";

/** The sandbox listens on IPv4 loopback only: it is a stand-in for development, never a server. */
export const SANDBOX_HOST = "127.0.0.1";

export interface StartSandboxOptions<Name extends ProviderName = ProviderName> {
  /** TCP port on 127.0.0.1. Default 0: a free port chosen by the system. */
  port?: number;
  /** Providers to emulate. Default: all of them. */
  providers?: readonly Name[];
  /** Lifetime of issued access tokens. Default: each provider's documented lifetime. */
  tokenLifetimeSeconds?: number;
  /** Credentials the emulators accept. Defaults: `paytok-sandbox-client` / `paytok-sandbox-secret`. */
  clientId?: string;
  clientSecret?: string;
}

/** One emulated provider: where it answers and the controls of its emulator. */
export interface SandboxProvider {
  readonly name: ProviderName;
  readonly title: string;
  /** Pass this as `baseUrl` to `create<Provider>Auth()`. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** Base of the protected echo API: any method and path below it checks the bearer token. */
  readonly apiUrl: string;
  /** Headers the echo API requires besides `Authorization` (as the real API does). */
  readonly apiHeaders: Readonly<Record<string, string>>;
  readonly credentials: { readonly clientId: string; readonly clientSecret: string };
  /** The emulator's controls: recorded requests, issued tokens, `revoke()`, failure injection… */
  readonly controls: SandboxControls;
}

export interface RunningSandbox<Name extends ProviderName = ProviderName> {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly providers: { readonly [Key in Name]: SandboxProvider };
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

interface Route {
  prefix: string;
  handlers: RequestHandler[];
}

/** Headers that describe one hop of the connection, not the request a handler should see. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

function fail(message: string): never {
  throw new TypeError(`@paytok/cli: ${message}`);
}

function checkOptions(options: StartSandboxOptions): readonly ProviderName[] {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    fail("port must be a whole number from 0 to 65535");
  }
  const lifetime = options.tokenLifetimeSeconds;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime <= 0)) {
    fail("tokenLifetimeSeconds must be a whole number of seconds greater than 0");
  }
  const names = options.providers ?? providerNames;
  if (names.length === 0) fail("providers must name at least one provider");
  for (const name of names) {
    if (typeof name !== "string" || !isProviderName(name)) {
      fail(`unknown provider; expected some of ${providerNames.join(", ")}`);
    }
  }
  return [...new Set(names)];
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  // Most calls have no body: no need to wait for one.
  if (request.headers["content-length"] === undefined && !request.headers["transfer-encoding"]) {
    request.resume();
    return Promise.resolve(Buffer.alloc(0));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The incoming request as the Fetch `Request` msw handlers take. */
async function toFetchRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, raw[index + 1] as string);
  }
  const method = incoming.method ?? "GET";
  const body = await readBody(incoming);
  const withBody = method !== "GET" && method !== "HEAD" && body.length > 0;
  // The path is always taken relative to the sandbox's own origin, whatever Host or absolute
  // request target a client sent: the handlers only answer URLs below that origin.
  const target = incoming.url ?? "/";
  const absolute = target.startsWith("/") ? undefined : new URL(target);
  const path = absolute === undefined ? target : `${absolute.pathname}${absolute.search}`;
  return new Request(`${origin}${path}`, {
    method,
    headers,
    ...(withBody ? { body: new Uint8Array(body) } : {}),
  });
}

async function send(outgoing: ServerResponse, response: Response, method: string): Promise<void> {
  // `HttpResponse.error()` (an injected network failure) has no HTTP form: drop the connection.
  if (response.type === "error") {
    outgoing.destroy();
    return;
  }
  const body = method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer());
  outgoing.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === "set-cookie" || HOP_BY_HOP.has(name)) continue;
    outgoing.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader("set-cookie", cookies);
  if (body !== undefined) outgoing.setHeader("content-length", body.length);
  outgoing.end(body);
}

function json(outgoing: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  outgoing.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  outgoing.end(text);
}

function routeOf(routes: readonly Route[], path: string): Route | undefined {
  return routes.find((route) => path === route.prefix || path.startsWith(`${route.prefix}/`));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // A deep backlog: a client opening a thousand connections at once must not see dropped SYNs.
    server.listen({ port, host: SANDBOX_HOST, backlog: 4096 }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts local emulators of the paytok providers on one loopback port, each below its own path
 * prefix (`http://127.0.0.1:PORT/paysway`). They are the providers' own `testing` msw handlers,
 * answering real HTTP through msw's `getResponse`: the same behaviour the packages' tests use.
 */
export async function startSandbox<Name extends ProviderName = ProviderName>(
  options: StartSandboxOptions<Name> = {},
): Promise<RunningSandbox<Name>> {
  const names = checkOptions(options);
  // Loaded here rather than at the top: the `paytok` executable shares this module with commands
  // that never serve anything, and msw takes a while to load.
  const { getResponse } = await import("msw");
  // Loaded before listening, so that routes exist by the time the first request can arrive.
  const factories = await Promise.all(names.map((name) => providers[name].loadHandlers()));
  const routes: Route[] = [];
  let origin = "";

  const answer = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const method = incoming.method ?? "GET";
    const request = await toFetchRequest(incoming, origin);
    const path = new URL(request.url).pathname;
    const route = routeOf(routes, path);
    const response = route === undefined ? undefined : await getResponse(route.handlers, request);
    if (response !== undefined) {
      await send(outgoing, response, method);
      return;
    }
    json(outgoing, 404, {
      error: "not_found",
      error_description: `no sandbox endpoint answers ${method} ${path}`,
      providers: Object.fromEntries(
        routes.map((known) => [known.prefix.slice(1), origin + known.prefix]),
      ),
    });
  };

  const server = createServer((incoming, outgoing) => {
    answer(incoming, outgoing).catch((error: unknown) => {
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      json(outgoing, 500, {
        error: "sandbox_error",
        error_description: error instanceof Error ? error.message : String(error),
      });
    });
  });
  // Idle keep-alive connections stay open a minute (clients reuse them a second less): a burst of
  // calls every few seconds reuses its sockets instead of racing the server's close of them.
  server.keepAliveTimeout = 60_000;
  const port = await listen(server, options.port ?? 0);
  origin = `http://${SANDBOX_HOST}:${port}`;

  const running: Partial<Record<ProviderName, SandboxProvider>> = {};
  for (const [index, name] of names.entries()) {
    const provider = providers[name];
    const baseUrl = `${origin}/${name}`;
    const createHandlers = factories[index] as (typeof factories)[number];
    const handlers = createHandlers({
      baseUrl,
      ...(options.tokenLifetimeSeconds === undefined
        ? {}
        : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
      ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    });
    routes.push({ prefix: `/${name}`, handlers: [...handlers] });
    running[name] = Object.freeze({
      name,
      title: provider.title,
      baseUrl,
      tokenUrl: `${baseUrl}${provider.tokenPath}`,
      apiUrl: handlers.apiUrl,
      apiHeaders: provider.apiHeaders,
      credentials: handlers.credentials,
      controls: handlers,
    });
  }

  let closing: Promise<void> | undefined;
  return Object.freeze({
    url: origin,
    port,
    providers: Object.freeze(running) as RunningSandbox<Name>["providers"],
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  });
}
