/**
 * The Node server around the hub: WebSocket signalling at `/ws`, static files (the demo page and
 * `dist/`), in dev mode `GET /api/token` issuing token04s, health, readiness and Prometheus metrics,
 * origin checks and per-IP limits, TLS, and a graceful drain. Node only.
 */
import { iceServersFor, type TurnOptions } from './ice.js';
import type { IceServer } from '../hub/protocol.js';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { Hub, type HubObserver, type HubOptions, type HubPeer } from '../hub/hub.js';
import { generateToken04 } from '../hub/token04.js';
import { checkRoomID, checkUserID } from '../hub/ids.js';
import { ZegoError } from '../core/errors.js';
import { MESSAGE_INVALID, PARAM_INVALID } from '../core/codes.js';
import { StaticFiles } from './static.js';
import { ConnectionCounter, LOOPBACK_ORIGINS, OriginPolicy, RateLimiter, clientIP, isLoopback } from './limits.js';
import { ServerMetrics } from './metrics.js';
import { createLogger, lineLogger, type LogLevel, type Logger } from './logger.js';
import type { Cluster, ClusterOptions } from './cluster.js';

export { MIME } from './static.js';
export type { LogLevel, Logger };

export interface ServerOptions {
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1 in dev mode. Required with a server secret. */
  appID?: number;
  /**
   * 32 characters. Without one the server runs in dev mode: an ephemeral secret, `/api/token`, and
   * loopback origins allowed by default.
   */
  serverSecret?: string;
  /** STUN/TURN servers handed to every client at login (`RTCIceServer`s). Default: none. */
  iceServers?: IceServer[];
  /** A TURN server with coturn's `use-auth-secret`: each client gets credentials of its own that expire. */
  turn?: TurnOptions;
  /** Folders served as static files, by URL prefix. Default: nothing. */
  static?: Record<string, string>;
  /** Lifetime of dev-mode tokens, seconds. Default 3600. */
  devTokenTTL?: number;
  /** Most WebSocket connections at once. Default 10000. */
  maxConnections?: number;
  /** PEM certificate (chain) and private key: the server then speaks https and wss on its port. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Browser origins that may open the WebSocket (an upgrade with another `Origin` gets 403; one
   * with no `Origin`, a non-browser client, is let in) and read `/api/token` across origins:
   * `https://app.example.com`, `http://localhost:*` (any port) or `*`. Pages of this server itself
   * (their origin's host is the request's `Host`) always may. Default: none besides those, plus the
   * loopback origins (`http(s)://localhost:*`, `127.0.0.1:*`, `[::1]:*`) in dev mode or when the
   * server listens on a loopback host.
   */
  allowedOrigins?: string[];
  /** Most WebSocket connections at once from one IP address; more get 429. Default 100; 0: no limit. */
  maxConnectionsPerIP?: number;
  /** Requests to `/api/token` per second per IP, sustained (token bucket); more get 429. Default 2; 0: no limit. */
  tokenRequestsPerSecond?: number;
  /** How many `/api/token` requests one IP may make at once before the rate applies. Default 20. */
  tokenRequestBurst?: number;
  /** Whether loopback clients (127.0.0.0/8, ::1) are held to the per-IP limits too. Default false. */
  limitLoopback?: boolean;
  /**
   * Behind a reverse proxy: take the client's IP from the last `X-Forwarded-For` address, the one
   * the proxy appended (for the per-IP limits and the logs). Default false: the socket's peer.
   */
  trustProxy?: boolean;
  /** Serve `GET /metrics` (Prometheus text). Default true. */
  metrics?: boolean;
  /**
   * Share rooms with other server nodes through Redis: `redis://host:6379`, or the cluster's options.
   * Default: none (one process, rooms in memory). See `Cluster`.
   */
  redis?: string | Omit<ClusterOptions, 'logger'>;
  /** Options for the hub (heartbeats, limits). */
  hub?: Omit<HubOptions, 'appID' | 'serverSecret' | 'observer'>;
  /** Structured logs go to this pino logger. Default: JSON lines on stdout at `logLevel`. */
  logger?: Logger;
  /** Level of the default logger. Default `info` (`warn` when `log` is given). */
  logLevel?: LogLevel;
  /**
   * Log records as text lines (the message, then its fields as JSON), instead of JSON on stdout:
   * warnings and errors unless `logLevel` says otherwise. Pass `() => {}` to silence.
   */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** `http://host:port` (`https://` with TLS) */
  url: string;
  /** `ws://host:port/ws` (`wss://` with TLS) */
  wsURL: string;
  port: number;
  host: string;
  appID: number;
  /** No server secret: tokens from `/api/token`, loopback origins allowed. */
  devMode: boolean;
  hub: Hub;
  /** With `redis`: this node of the cluster. */
  cluster?: Cluster;
  logger: Logger;
  /** Whether it has stopped taking new clients (`drain` or `close` was called). */
  readonly draining: boolean;
  /**
   * Stops taking new clients (`/readyz` 503, upgrades 503), tells every client to reconnect (close
   * code 1012, no kick), waits until their sockets have closed or `timeout` ms have passed (those
   * still open are cut), then closes. Default 10000 ms.
   */
  drain(timeout?: number): Promise<void>;
  /** Closes at once: clients are told 1012 and cut, the port is freed. */
  close(): Promise<void>;
}

/** What a client is answered when Node's HTTP parser refuses its request, by error code. */
const CLIENT_ERRORS: Record<string, string> = {
  '': 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
};

/** Outbound bytes a WebSocket may have queued before the server drops it as not reading. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Answers an upgrade request with an HTTP status instead, and closes the socket. */
function refuseUpgrade(socket: Duplex, status: string, headers: Record<string, string | number> = {}): void {
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`);
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger =
    options.logger ??
    (options.log ? lineLogger(options.log, options.logLevel ?? 'warn') : createLogger(options.logLevel ?? 'info'));
  const host = options.host ?? '127.0.0.1';
  const devMode = options.serverSecret === undefined;
  const appID = options.appID ?? (devMode ? 1 : NaN);
  if (!Number.isSafeInteger(appID) || appID <= 0)
    throw new ZegoError(PARAM_INVALID, 'app ID must be a positive integer');
  const serverSecret = options.serverSecret ?? randomBytes(16).toString('hex');
  if (serverSecret.length !== 32) throw new ZegoError(PARAM_INVALID, 'server secret must be 32 characters');
  const metrics = (options.metrics ?? true) ? new ServerMetrics(() => hub.stats()) : undefined;
  const observer: HubObserver = {
    ...metrics?.observer,
    loggedIn: (user, roomID) => logger.debug({ userID: user.userID, roomID }, 'login'),
  };
  const iceServers = iceServersFor(options.iceServers ?? [], options.turn);
  // In a cluster, the hub's rooms are mirrored in Redis (for another node to carry them on).
  const node: { cluster?: Cluster } = {};
  const mirror: HubOptions['mirror'] = options.redis
    ? { changed: (id, state) => node.cluster?.roomChanged(id, state), ended: (id) => node.cluster?.roomEnded(id) }
    : undefined;
  const hub = new Hub({
    ...options.hub,
    appID,
    serverSecret,
    observer,
    ...(iceServers ? { iceServers } : {}),
    ...(mirror ? { mirror } : {}),
  });
  if (options.redis && devMode)
    throw new ZegoError(PARAM_INVALID, 'a cluster needs a server secret: every node verifies the same tokens');
  // ioredis is loaded only for a cluster.
  const cluster = (node.cluster = options.redis
    ? await (
        await import('./cluster.js')
      ).Cluster.start(hub, {
        ...(typeof options.redis === 'string' ? { url: options.redis } : options.redis),
        logger,
      })
    : undefined);
  const devTokenTTL = options.devTokenTTL ?? 3600;
  const maxConnections = options.maxConnections ?? 10000;
  const maxPerIP = options.maxConnectionsPerIP ?? 100;
  const tokenRate = options.tokenRequestsPerSecond ?? 2;
  const tokenLimiter = tokenRate > 0 ? new RateLimiter(tokenRate, options.tokenRequestBurst ?? 20) : undefined;
  const trustProxy = options.trustProxy ?? false;
  const limitLoopback = options.limitLoopback ?? false;
  const limited = (ip: string) => limitLoopback || !isLoopback(ip);
  const perIP = new ConnectionCounter();
  const origins = new OriginPolicy(options.allowedOrigins ?? (devMode || isLoopback(host) ? LOOPBACK_ORIGINS : []));
  const files = new StaticFiles(options.static ?? {});
  let draining = false;

  async function issueToken(res: ServerResponse, query: URLSearchParams): Promise<void> {
    const userID = query.get('userID');
    const roomID = query.get('roomID');
    const userProblem = checkUserID(userID ?? '');
    if (userProblem) return sendJSON(res, 400, { code: userProblem[0], msg: userProblem[1] });
    if (roomID !== null) {
      const roomProblem = checkRoomID(roomID);
      if (roomProblem) return sendJSON(res, 400, { code: roomProblem[0], msg: roomProblem[1] });
    }
    const payload =
      roomID === null ? '' : JSON.stringify({ room_id: roomID, privilege: { 1: 1, 2: 1 }, stream_id_list: null });
    const token = await generateToken04(appID, userID as string, serverSecret, devTokenTTL, payload);
    sendJSON(res, 200, { token, appID, userID, roomID, expiresIn: devTokenTTL });
  }

  /** Answers one request. A throw in here is caught by the request listener. */
  function route(req: IncomingMessage, res: ServerResponse): void {
    const url = parseTarget(req.url);
    if (!url) return sendJSON(res, 400, { code: 400, msg: 'malformed request target' });
    const path = url.pathname;
    if (path === '/api/token' && tokenLimiter) {
      const ip = clientIP(req, trustProxy);
      const wait = limited(ip) ? tokenLimiter.take(ip) : 0;
      if (wait > 0) {
        metrics?.refusedBecause('token_rate');
        logger.debug({ ip, retryAfter: wait }, 'token requests over the rate limit: 429');
        res.setHeader('retry-after', String(wait));
        return sendJSON(res, 429, { code: 429, msg: 'too many token requests; retry later' });
      }
    }
    if (path === '/api/leave' && req.method === 'POST') return leaveByBeacon(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJSON(res, 405, { code: 405, msg: 'method not allowed' });
    if (path === '/healthz') return sendText(res, 200, 'ok\n');
    if (path === '/readyz') {
      if (draining) return sendText(res, 503, 'draining\n');
      return cluster && !cluster.ready ? sendText(res, 503, 'no Redis\n') : sendText(res, 200, 'ready\n');
    }
    if (path === '/metrics' && metrics) {
      const m = metrics;
      m.text().then(
        (text) => sendText(res, 200, text, m.contentType),
        (err: unknown) => internalError(res, err),
      );
      return;
    }
    if (path === '/api/token') {
      if (!devMode) return sendJSON(res, 404, { code: 404, msg: 'tokens are issued by your app server in production' });
      // Pages served by another local dev server (a bundler's, say) may ask too; other sites may not.
      const origin = req.headers.origin;
      res.setHeader('vary', 'Origin');
      if (origin && origins.allows(origin, req.headers.host)) res.setHeader('access-control-allow-origin', origin);
      issueToken(res, url.searchParams).catch((err: unknown) => internalError(res, err));
      return;
    }
    if (path === '/api/health') return sendJSON(res, 200, { ok: true, ...hub.stats() });
    files.serve(req, res, path).then(
      (served) => {
        if (served === 'bad')
          sendJSON(res, 400, { code: 400, msg: 'malformed URL' }); // a client error, not a 500
        else if (!served) sendJSON(res, 404, { code: 404, msg: 'not found' });
      },
      (err: unknown) => internalError(res, err),
    );
  }

  /** A bug, not the client's fault: 500 if nothing was sent yet, else the connection is cut. Never throws. */
  function internalError(res: ServerResponse, err: unknown): void {
    logger.error({ err: String(err) }, 'internal error');
    try {
      if (res.headersSent) res.destroy();
      else sendJSON(res, 500, { code: 500, msg: 'internal error' });
    } catch {
      res.destroy();
    }
  }

  // Every listener below is guarded: nothing a client sends can throw out of one into the process.
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.once('finish', () => {
      metrics?.responded(res.statusCode);
      if (logger.isLevelEnabled('debug'))
        logger.debug(
          {
            method: req.method,
            path: parseTarget(req.url)?.pathname,
            status: res.statusCode,
            ms: Math.round((performance.now() - started) * 10) / 10,
            ip: clientIP(req, trustProxy),
          },
          'http',
        );
    });
    try {
      route(req, res);
    } catch (err) {
      internalError(res, err);
    }
  };
  const http = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest)
    : createHttpServer(onRequest);
  // A request Node's parser refused (request line, header, method, size, timeout): answer 4xx, drop the socket.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (socket.writable && err.code !== 'ECONNRESET') socket.write(CLIENT_ERRORS[err.code ?? ''] ?? CLIENT_ERRORS['']);
    socket.destroy();
  });

  /**
   * `POST /api/leave` with a session ID as the body: a closing page's last word
   * (`navigator.sendBeacon`), in case its logout frame never left. The ID is the session's secret.
   */
  function leaveByBeacon(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 256) req.destroy();
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const id = body.trim();
      (cluster ? cluster.logoutSession(id) : Promise.resolve(hub.logoutSession(id))).then(
        (known) => {
          res.writeHead(known ? 204 : 404, { 'cache-control': 'no-store' });
          res.end();
        },
        (err: unknown) => internalError(res, err),
      );
    });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  wss.on('error', (err) => logger.error({ err: String(err) }, 'WebSocket server error'));
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's own error listener is gone from an upgraded socket: without this one a reset kills the process.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseTarget(req.url);
      if (target?.pathname !== '/ws') {
        refuseUpgrade(socket, target ? '404 Not Found' : '400 Bad Request');
        return;
      }
      if (draining) {
        metrics?.refusedBecause('draining');
        refuseUpgrade(socket, '503 Service Unavailable', { 'Retry-After': 1 });
        return;
      }
      const ip = clientIP(req, trustProxy);
      const origin = req.headers.origin;
      if (!origins.allows(origin, req.headers.host)) {
        metrics?.refusedBecause('origin');
        // Info, not a warning: a client's doing, one line each (the origin cut short: it is the client's text).
        logger.info({ ip, origin: origin?.slice(0, 200) }, 'WebSocket from an origin not allowed: 403');
        refuseUpgrade(socket, '403 Forbidden');
        return;
      }
      if (maxPerIP > 0 && limited(ip) && perIP.count(ip) >= maxPerIP) {
        metrics?.refusedBecause('connections_per_ip');
        logger.info({ ip, limit: maxPerIP }, 'too many WebSocket connections from one IP: 429');
        refuseUpgrade(socket, '429 Too Many Requests', { 'Retry-After': 10 });
        return;
      }
      // Counted from now until the socket closes, however the handshake ends.
      socket.once('close', perIP.add(ip));
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (wss.clients.size > maxConnections) {
          metrics?.refusedBecause('full');
          ws.close(1013, 'server is full');
          return;
        }
        attach(ws, ip);
      });
    } catch (err) {
      logger.error({ err: String(err) }, 'upgrade failed');
      socket.destroy();
    }
  });

  function attach(ws: WebSocket, ip: string): void {
    logger.debug({ ip }, 'WebSocket open');
    const peer: HubPeer = {
      send: (m) => {
        if (ws.readyState !== ws.OPEN) return;
        // A client that does not read what it is sent would make the server buffer without bound.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
        metrics?.sent(m);
        ws.send(JSON.stringify(m));
      },
      close: (code, reason) => ws.close(code, reason.slice(0, 120)),
    };
    const client = cluster ? cluster.connect(peer) : hub.connect(peer);
    ws.on('message', (data, isBinary) => {
      try {
        if (isBinary) {
          metrics?.observer.received?.('invalid');
          client.send({
            t: 'error',
            code: MESSAGE_INVALID,
            msg: 'binary frames are not accepted; send JSON text',
          });
        } else client.receive(data.toString());
      } catch (err) {
        logger.error({ err: String(err) }, 'message handler failed');
        ws.terminate();
      }
    });
    ws.on('close', (code) => {
      logger.debug({ ip, code }, 'WebSocket closed');
      client.disconnect();
    });
    ws.on('error', () => client.disconnect());
  }

  const sweeper = setInterval(
    () => {
      try {
        hub.sweep();
        tokenLimiter?.prune();
      } catch (err) {
        logger.error({ err: String(err) }, 'sweep failed');
      }
    },
    Math.max(50, Math.min(1000, hub.options.heartbeatTimeout / 4)),
  );
  sweeper.unref();

  await new Promise<void>((ok, fail) => {
    http.once('error', (err) => {
      clearInterval(sweeper);
      void cluster?.end();
      fail(err);
    });
    http.listen(options.port ?? 8000, host, () => {
      http.removeAllListeners('error');
      // Once listening, an error of the listening socket (EMFILE on accept, say) is logged; the server carries on.
      http.on('error', (err) => logger.error({ err: String(err) }, 'server error'));
      ok();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8000);
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const scheme = options.tls ? 'https' : 'http';
  const url = `${scheme}://${urlHost}:${port}`;
  const wsURL = `${options.tls ? 'wss' : 'ws'}://${urlHost}:${port}/ws`;
  if (devMode && !isLoopback(host)) {
    logger.warn(
      `WARNING: dev mode (no --server-secret) on non-loopback host ${host}: anyone who can reach ` +
        `${url}/api/token can get a login token. Give --server-secret for anything but local development.`,
    );
  }
  logger.info(
    { url, wsURL, appID, devMode, tls: !!options.tls, allowedOrigins: origins.entries },
    `zego-elements ${devMode ? 'dev server (tokens from /api/token)' : 'server'} on ${url}`,
  );

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      draining = true;
      clearInterval(sweeper);
      await cluster?.leave();
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
      await cluster?.end();
      logger.info('closed');
    })();
    return closing;
  }
  let drained: Promise<void> | undefined;
  function drain(timeout = 10_000): Promise<void> {
    if (closing) return closing;
    drained ??= (async () => {
      draining = true;
      const open = [...wss.clients];
      logger.info({ connections: open.length, timeout }, 'draining: clients are told to reconnect');
      const gone = Promise.all(
        open.map((ws) =>
          ws.readyState === ws.CLOSED ? undefined : new Promise<void>((ok) => ws.once('close', () => ok())),
        ),
      );
      // 1012 to every client, no kick: its engine comes back by itself (to this server's successor,
      // or in a cluster to another node: this one's rooms are let go first).
      await cluster?.leave();
      hub.close();
      http.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        gone.then(() => false),
        new Promise<boolean>((ok) => (timer = setTimeout(() => ok(true), timeout))),
      ]);
      clearTimeout(timer);
      if (late) logger.warn({ open: wss.clients.size }, 'drain timed out: cutting the connections still open');
      await close();
    })();
    return drained;
  }

  return {
    url,
    wsURL,
    port,
    host,
    appID,
    devMode,
    hub,
    ...(cluster ? { cluster } : {}),
    logger,
    get draining() {
      return draining;
    },
    drain,
    close,
  };
}

/** The request target as a URL, or undefined when it cannot be one (`//[`, say): never throws. */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

function sendJSON(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
