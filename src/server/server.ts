/**
 * The Node server around the hub: WebSocket signalling at `/ws`, static files (the demo page and
 * `dist/`), and in dev mode `GET /api/token` issuing token04s. Node only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { Hub, type HubOptions } from '../hub/hub.js';
import { generateToken04 } from '../hub/token04.js';
import { checkRoomID, checkUserID } from '../hub/ids.js';
import { ZegoError } from '../core/errors.js';
import { MESSAGE_INVALID, PARAM_INVALID } from '../core/codes.js';

export interface ServerOptions {
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1 in dev mode. Required with a server secret. */
  appID?: number;
  /** 32 characters. Without one the server runs in dev mode with an ephemeral secret and `/api/token`. */
  serverSecret?: string;
  /** Folders served as static files, by URL prefix. Default: nothing. */
  static?: Record<string, string>;
  /** Lifetime of dev-mode tokens, seconds. Default 3600. */
  devTokenTTL?: number;
  /** Most WebSocket connections at once. Default 10000. */
  maxConnections?: number;
  /** Options for the hub (heartbeats, limits). */
  hub?: Omit<HubOptions, 'appID' | 'serverSecret'>;
  /** Where notices go. Default `console.error`; pass `() => {}` to silence. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  /** `ws://host:port/ws` */
  wsURL: string;
  port: number;
  host: string;
  appID: number;
  devMode: boolean;
  hub: Hub;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && isLoopback(hostname);
  } catch {
    return false;
  }
}

/** What a client is answered when Node's HTTP parser refuses its request, by error code. */
const CLIENT_ERRORS: Record<string, string> = {
  '': 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
  HPE_HEADER_OVERFLOW: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
};

/** Outbound bytes a WebSocket may have queued before the server drops it as not reading. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const host = options.host ?? '127.0.0.1';
  const devMode = options.serverSecret === undefined;
  const appID = options.appID ?? (devMode ? 1 : NaN);
  if (!Number.isSafeInteger(appID) || appID <= 0)
    throw new ZegoError(PARAM_INVALID, 'app ID must be a positive integer');
  const serverSecret = options.serverSecret ?? randomBytes(16).toString('hex');
  if (serverSecret.length !== 32) throw new ZegoError(PARAM_INVALID, 'server secret must be 32 characters');
  const hub = new Hub({ ...options.hub, appID, serverSecret });
  const devTokenTTL = options.devTokenTTL ?? 3600;
  const maxConnections = options.maxConnections ?? 10000;
  const statics = Object.entries(options.static ?? {})
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)] as const)
    .sort((a, b) => b[0].length - a[0].length);

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    for (const [prefix, dir] of statics) {
      if (!(pathname + '/').startsWith(prefix)) continue;
      let rel: string;
      try {
        rel = decodeURIComponent(pathname.slice(prefix.length));
      } catch {
        return sendJSON(res, 400, { code: 400, msg: 'malformed URL' }); // a client error, not a 500
      }
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(dir, rel));
      if (file !== dir && !file.startsWith(dir + sep)) break;
      try {
        const info = await stat(file);
        if (!info.isFile()) continue;
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
          'cache-control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      } catch {
        continue;
      }
    }
    sendJSON(res, 404, { code: 404, msg: 'not found' });
  }

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
    if (url.pathname === '/api/leave' && req.method === 'POST') return leaveByBeacon(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJSON(res, 405, { code: 405, msg: 'method not allowed' });
    if (url.pathname === '/api/token') {
      if (!devMode) return sendJSON(res, 404, { code: 404, msg: 'tokens are issued by your app server in production' });
      // Pages served by another local dev server (a bundler's, say) may ask too; other sites may not.
      const origin = req.headers.origin;
      if (origin && isLoopbackOrigin(origin)) res.setHeader('access-control-allow-origin', origin);
      issueToken(res, url.searchParams).catch((err: unknown) => internalError(res, err));
      return;
    }
    if (url.pathname === '/api/health') return sendJSON(res, 200, { ok: true, ...hub.stats() });
    serveStatic(req, res, url.pathname).catch((err: unknown) => internalError(res, err));
  }

  /** A bug, not the client's fault: 500 if nothing was sent yet, else the connection is cut. Never throws. */
  function internalError(res: ServerResponse, err: unknown): void {
    log(`internal error: ${String(err)}`);
    try {
      if (res.headersSent) res.destroy();
      else sendJSON(res, 500, { code: 500, msg: 'internal error' });
    } catch {
      res.destroy();
    }
  }

  // Every listener below is guarded: nothing a client sends can throw out of one into the process.
  const http = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      internalError(res, err);
    }
  });
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
      const known = hub.logoutSession(body.trim());
      res.writeHead(known ? 204 : 404, { 'cache-control': 'no-store' });
      res.end();
    });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  wss.on('error', (err) => log(`WebSocket server error: ${String(err)}`));
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's own error listener is gone from an upgraded socket: without this one a reset kills the process.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseTarget(req.url);
      if (target?.pathname !== '/ws') {
        socket.end(target ? 'HTTP/1.1 404 Not Found\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (wss.clients.size > maxConnections) {
          ws.close(1013, 'server is full');
          return;
        }
        attach(ws);
      });
    } catch (err) {
      log(`upgrade failed: ${String(err)}`);
      socket.destroy();
    }
  });

  function attach(ws: WebSocket): void {
    const client = hub.connect({
      send: (m) => {
        if (ws.readyState !== ws.OPEN) return;
        // A client that does not read what it is sent would make the server buffer without bound.
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
        ws.send(JSON.stringify(m));
      },
      close: (code, reason) => ws.close(code, reason.slice(0, 120)),
    });
    ws.on('message', (data, isBinary) => {
      try {
        if (isBinary)
          client.send({
            t: 'error',
            code: MESSAGE_INVALID,
            msg: 'binary frames are not accepted; send JSON text',
          });
        else client.receive(data.toString());
      } catch (err) {
        log(`message handler: ${String(err)}`);
        ws.terminate();
      }
    });
    ws.on('close', () => client.disconnect());
    ws.on('error', () => client.disconnect());
  }

  const sweeper = setInterval(
    () => {
      try {
        hub.sweep();
      } catch (err) {
        log(`sweep failed: ${String(err)}`);
      }
    },
    Math.max(50, Math.min(1000, hub.options.heartbeatTimeout / 4)),
  );
  sweeper.unref();

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(options.port ?? 8000, host, () => {
      http.off('error', fail);
      // Once listening, an error of the listening socket (EMFILE on accept, say) is logged; the server carries on.
      http.on('error', (err) => log(`server error: ${String(err)}`));
      ok();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8000);
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (devMode && !isLoopback(host)) {
    log(
      `WARNING: dev mode (no --server-secret) on non-loopback host ${host}: anyone who can reach ` +
        `http://${urlHost}:${port}/api/token can get a login token. Give --server-secret for anything but local development.`,
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    wsURL: `ws://${urlHost}:${port}/ws`,
    port,
    host,
    appID,
    devMode,
    hub,
    close() {
      closing ??= new Promise<void>((done) => {
        clearInterval(sweeper);
        hub.close();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => done());
        http.closeAllConnections();
      });
      return closing;
    },
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
