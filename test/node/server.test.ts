/**
 * The Node server: lifecycle, /api/token, static files, the WebSocket endpoint, shutdown.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { generateToken04, verifyToken04, parseToken04Privileges } from '../../src/hub/token04.js';
import { ZegoErrorCode } from '../../src/core/errors.js';
import { WsClient } from './support/ws-client.js';

/** GET (or another method) with the path sent exactly as written: fetch would normalise `..`. */
function raw(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function getToken(
  server: RunningServer,
  query: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/token?${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const SECRET = '0123456789abcdef0123456789abcdef';
const quiet = { log: () => {} };

describe('server lifecycle', () => {
  it('starts on a free port, serves /api/health, and frees the port on close', async () => {
    const s1 = await startServer({ port: 0, ...quiet });
    assert.ok(s1.port > 0);
    assert.equal(s1.host, '127.0.0.1');
    assert.equal(s1.url, `http://127.0.0.1:${s1.port}`);
    assert.equal(s1.wsURL, `ws://127.0.0.1:${s1.port}/ws`);
    assert.equal(s1.devMode, true);
    const res = await fetch(`${s1.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, connections: 0, rooms: 0, users: 0, streams: 0 });
    await s1.close();
    await s1.close(); // idempotent
    await assert.rejects(fetch(`${s1.url}/api/health`), 'nothing listens after close');
    const s2 = await startServer({ port: s1.port, ...quiet });
    try {
      assert.equal(s2.port, s1.port);
      assert.equal((await fetch(`${s2.url}/api/health`)).status, 200);
    } finally {
      await s2.close();
    }
  });

  it('refuses a port in use, a bad secret, and a secret without an app ID', async () => {
    const s = await startServer({ port: 0, ...quiet });
    try {
      await assert.rejects(startServer({ port: s.port, ...quiet }), /EADDRINUSE/);
    } finally {
      await s.close();
    }
    await assert.rejects(startServer({ port: 0, appID: 5, serverSecret: 'short', ...quiet }), {
      code: ZegoErrorCode.PARAM_INVALID,
    });
    await assert.rejects(startServer({ port: 0, serverSecret: SECRET, ...quiet }), {
      code: ZegoErrorCode.PARAM_INVALID,
    });
  });

  it('dev mode on a non-loopback host logs a WARNING; on loopback it does not', async () => {
    const lines: string[] = [];
    const open = await startServer({ port: 0, host: '0.0.0.0', log: (l) => lines.push(l) });
    await open.close();
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^WARNING: dev mode/);
    assert.match(lines[0]!, /\/api\/token/);

    const local: string[] = [];
    const s = await startServer({ port: 0, log: (l) => local.push(l) });
    await s.close();
    const prod: string[] = [];
    const p = await startServer({ port: 0, host: '0.0.0.0', appID: 9, serverSecret: SECRET, log: (l) => prod.push(l) });
    await p.close();
    assert.deepEqual(local, []);
    assert.deepEqual(prod, [], 'production mode has nothing to warn about');
  });
});

describe('/api/token', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, devTokenTTL: 120, ...quiet });
  });
  after(() => server.close());

  it('dev mode: issues a token that verifies for that user and room', async () => {
    const { status, body } = await getToken(server, 'userID=alice&roomID=standup');
    assert.equal(status, 200);
    assert.equal(body.userID, 'alice');
    assert.equal(body.roomID, 'standup');
    assert.equal(body.appID, server.appID);
    assert.equal(body.expiresIn, 120);
    const token = body.token as string;
    assert.match(token, /^04[A-Za-z0-9+/]+={0,2}$/);
    const secret = server.hub.options.serverSecret!;
    const plain = await verifyToken04(token, server.appID, secret, { userID: 'alice' });
    assert.equal(plain.user_id, 'alice');
    const now = Math.floor(Date.now() / 1000);
    assert.ok(plain.expire > now + 100 && plain.expire <= now + 121);
    assert.equal(parseToken04Privileges(plain.payload).room_id, 'standup');
    await assert.rejects(verifyToken04(token, server.appID, secret, { userID: 'bob' }), {
      code: ZegoErrorCode.TOKEN_USER_MISMATCH,
    });
  });

  it('lets pages from other local origins fetch a token (CORS), but not other sites', async () => {
    const ask = (origin: string) =>
      fetch(`${server.url}/api/token?userID=alice&roomID=r`, { headers: { origin } }).then((r) =>
        r.headers.get('access-control-allow-origin'),
      );
    assert.equal(await ask('http://localhost:5173'), 'http://localhost:5173');
    assert.equal(await ask('http://127.0.0.1:6006'), 'http://127.0.0.1:6006');
    assert.equal(await ask('https://evil.example'), null);
    assert.equal(await ask('http://localhost.evil.example'), null);
  });

  it('answers 400 with the ZEGO code for a bad userID or roomID', async () => {
    const cases: [string, number][] = [
      ['userID=a%2Fb', ZegoErrorCode.USER_ID_ILLEGAL],
      ['userID=', ZegoErrorCode.USER_ID_EMPTY],
      ['roomID=r', ZegoErrorCode.USER_ID_EMPTY],
      [`userID=${'u'.repeat(65)}`, ZegoErrorCode.USER_ID_TOO_LONG],
      ['userID=alice&roomID=a%3Ab', ZegoErrorCode.ROOM_ID_ILLEGAL],
      ['userID=alice&roomID=', ZegoErrorCode.ROOM_ID_EMPTY],
      [`userID=alice&roomID=${'r'.repeat(129)}`, ZegoErrorCode.ROOM_ID_TOO_LONG],
    ];
    for (const [q, code] of cases) {
      const { status, body } = await getToken(server, q);
      assert.equal(status, 400, q);
      assert.equal(body.code, code, q);
      assert.equal(typeof body.msg, 'string');
      assert.equal(body.token, undefined);
    }
  });

  it('is 404 when the server has a secret; tokens from the app server log in', async () => {
    const prod = await startServer({ port: 0, appID: 77, serverSecret: SECRET, ...quiet });
    const clients: WsClient[] = [];
    try {
      assert.equal(prod.devMode, false);
      const res = await fetch(`${prod.url}/api/token?userID=alice&roomID=r`);
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { token?: string }).token, undefined);
      const a = await WsClient.open(prod.wsURL);
      clients.push(a);
      const good = await a.login('r', 'alice', await generateToken04(77, 'alice', SECRET, 600));
      assert.equal(good.ok, true);
      const b = await WsClient.open(prod.wsURL);
      clients.push(b);
      const devToken = (await getToken(server, 'userID=bob&roomID=r')).body.token as string;
      const bad = await b.login('r', 'bob', devToken);
      assert.equal(bad.ok, false);
      assert.equal(bad.code, ZegoErrorCode.TOKEN_ERROR, 'a token signed with another secret is refused');
    } finally {
      for (const c of clients) c.ws.terminate();
      await prod.close();
    }
  });
});

describe('static files', () => {
  let dir: string;
  let server: RunningServer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zego-static-'));
    const pub = join(dir, 'public');
    const dist = join(dir, 'dist');
    await mkdir(join(pub, 'sub'), { recursive: true });
    await mkdir(dist);
    await writeFile(join(dir, 'package.json'), '{"secret":"TOP-SECRET"}');
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET');
    await writeFile(join(pub, 'index.html'), '<!doctype html><title>home</title>');
    await writeFile(join(pub, 'sub', 'index.html'), '<p>sub</p>');
    await writeFile(join(pub, 'style.css'), 'body{}');
    await writeFile(join(pub, 'data.json'), '{"a":1}');
    await writeFile(join(pub, 'logo.svg'), '<svg/>');
    await writeFile(join(pub, 'blob.bin'), 'bytes');
    await writeFile(join(dist, 'app.js'), 'export const x = 1;');
    await writeFile(join(dist, 'app.js.map'), '{}');
    server = await startServer({ port: 0, static: { '/': pub, '/dist/': dist }, ...quiet });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves files from the static map with the right content-type', async () => {
    const cases: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', '<!doctype html><title>home</title>'],
      ['/index.html', 'text/html; charset=utf-8', '<!doctype html><title>home</title>'],
      ['/sub/', 'text/html; charset=utf-8', '<p>sub</p>'],
      ['/style.css', 'text/css; charset=utf-8', 'body{}'],
      ['/data.json', 'application/json; charset=utf-8', '{"a":1}'],
      ['/logo.svg', 'image/svg+xml', '<svg/>'],
      ['/blob.bin', 'application/octet-stream', 'bytes'],
      ['/dist/app.js', 'text/javascript; charset=utf-8', 'export const x = 1;'],
      ['/dist/app.js.map', 'application/json; charset=utf-8', '{}'],
    ];
    for (const [path, type, body] of cases) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      assert.equal(await res.text(), body, path);
    }
    const head = await raw(server.port, '/style.css', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal((await fetch(`${server.url}/missing.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/dist/`)).status, 404, 'no index.html in dist');
    assert.equal((await fetch(`${server.url}/style.css`, { method: 'POST' })).status, 405);
  });

  it('refuses path traversal, plain or percent-encoded', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/..%2fpackage.json',
      '/%2e%2e%2fsecret.txt',
      '/dist/..%2f..%2fsecret.txt',
      '/dist/%2e%2e%2f%2e%2e%2fpackage.json',
      '/sub/..%2f..%2fsecret.txt',
      '/..%5c..%5csecret.txt',
      '/%00secret.txt',
    ];
    for (const path of attempts) {
      const res = await raw(server.port, path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.ok(!res.body.includes('TOP-SECRET'), `${path} leaked a file`);
    }
  });

  it('a malformed percent-encoding is a client error (400), not a server error', async () => {
    const res = await raw(server.port, '/%E0%A4%A.js');
    assert.equal(res.status, 400);
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });
});

/** Sends bytes exactly as written over raw TCP and resolves with the status line of the answer. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (got += d));
    socket.on('error', fail);
    socket.on('close', () => ok(got.split('\r\n')[0] ?? ''));
  });
}

describe('hostile request targets', () => {
  it('a target no URL can be made of (`//[`) gets 400, plain or as an upgrade, and the server stays up', async () => {
    const server = await startServer({ port: 0, ...quiet });
    try {
      const c = await WsClient.open(server.wsURL);
      const plain = await rawRequest(server.port, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      assert.match(plain, /^HTTP\/1\.1 400/);
      const upgrade = await rawRequest(
        server.port,
        'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      assert.match(upgrade, /^HTTP\/1\.1 400/);
      // The server and the call already on it carry on.
      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
      c.ws.send(JSON.stringify({ t: 'hb' }));
      await c.waitFor((m) => m.t === 'hb', 'hb after the hostile requests');
      c.ws.terminate();
    } finally {
      await server.close();
    }
  });
});

describe('WebSocket endpoint', () => {
  it('upgrades /ws; other paths are refused', async () => {
    const server = await startServer({ port: 0, ...quiet });
    try {
      const c = await WsClient.open(server.wsURL);
      c.ws.send(JSON.stringify({ t: 'hb' }));
      await c.waitFor((m) => m.t === 'hb', 'hb');
      c.ws.terminate();
      for (const path of ['/', '/wss', '/ws/x', '/api/token']) {
        const status = await new Promise<number>((ok, fail) => {
          const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
          ws.once('unexpected-response', (_req, res) => {
            ok(res.statusCode ?? 0);
            ws.terminate();
          });
          ws.once('open', () => fail(new Error(`${path} upgraded`)));
          ws.once('error', () => ok(-1));
        });
        assert.ok(status === 404 || status === -1, `${path}: ${status}`);
      }
    } finally {
      await server.close();
    }
  });

  it('POST /api/leave with a session logs it out at once (a closing page’s beacon); anything else is 404', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const a = await WsClient.open(server.wsURL);
    const b = await WsClient.open(server.wsURL);
    try {
      const ta = (await getToken(server, 'userID=alice&roomID=r')).body.token as string;
      const tb = (await getToken(server, 'userID=bob&roomID=r')).body.token as string;
      const ra = await a.login('r', 'alice', ta);
      await b.login('r', 'bob', tb);
      const leave = (body: string) => fetch(`${server.url}/api/leave`, { method: 'POST', body });
      assert.equal((await leave('not-a-session')).status, 404);
      assert.equal((await leave(ra.session as string)).status, 204);
      const gone = await b.waitFor((m) => m.t === 'users' && m.type === 'DELETE', 'users DELETE');
      assert.deepEqual(gone.users, [{ userID: 'alice' }]);
      assert.equal((await leave(ra.session as string)).status, 404, 'only once');
      assert.equal((await fetch(`${server.url}/api/leave`)).status, 404, 'GET is not a leave');
    } finally {
      a.ws.terminate();
      b.ws.terminate();
      await server.close();
    }
  });

  it('a login with a token from /api/token succeeds and another client sees the user', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const a = await WsClient.open(server.wsURL);
    const b = await WsClient.open(server.wsURL);
    try {
      const ta = (await getToken(server, 'userID=alice&roomID=standup')).body.token as string;
      const tb = (await getToken(server, 'userID=bob&roomID=standup')).body.token as string;
      const ra = await a.login('standup', 'alice', ta);
      assert.equal(ra.ok, true, JSON.stringify(ra));
      assert.equal(typeof ra.session, 'string');
      const rb = await b.login('standup', 'bob', tb);
      assert.equal(rb.ok, true);
      assert.deepEqual(rb.users, [{ userID: 'alice' }]);
      const add = await a.waitFor((m) => m.t === 'users' && m.type === 'ADD', 'users ADD');
      assert.deepEqual(add.users, [{ userID: 'bob' }]);
      const pub = await b.request({ t: 'publish', streamID: 'bob-cam' });
      assert.equal(pub.ok, true);
      const s = await a.waitFor((m) => m.t === 'streams', 'streams ADD');
      assert.equal((s.streams as { streamID: string }[])[0]!.streamID, 'bob-cam');
      // A token for another room does not open this one.
      const c = await WsClient.open(server.wsURL);
      const tc = (await getToken(server, 'userID=carol&roomID=other')).body.token as string;
      const rc = await c.login('standup', 'carol', tc);
      assert.equal(rc.code, ZegoErrorCode.TOKEN_ERROR);
      c.ws.terminate();
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, number>;
      assert.equal(health.users, 2);
      assert.equal(health.streams, 1);
    } finally {
      a.ws.terminate();
      b.ws.terminate();
      await server.close();
    }
  });

  it('a closed socket without logout keeps the user until the heartbeat timeout', async () => {
    const server = await startServer({ port: 0, hub: { heartbeatTimeout: 300 }, ...quiet });
    const a = await WsClient.open(server.wsURL);
    const b = await WsClient.open(server.wsURL);
    try {
      await a.login('r', 'alice', (await getToken(server, 'userID=alice&roomID=r')).body.token as string);
      await b.login('r', 'bob', (await getToken(server, 'userID=bob&roomID=r')).body.token as string);
      await a.request({ t: 'publish', streamID: 'a1' });
      a.ws.terminate();
      const hb = setInterval(() => b.ws.send('{"t":"hb"}'), 50);
      try {
        const del = await b.waitFor((m) => m.t === 'streams' && m.type === 'DELETE', 'DELETE', 3000);
        assert.equal(del.reason, 2);
        await b.waitFor((m) => m.t === 'users' && m.type === 'DELETE', 'users DELETE');
      } finally {
        clearInterval(hb);
      }
      assert.equal(b.ws.readyState, WebSocket.OPEN, 'the live client is kept');
    } finally {
      b.ws.terminate();
      await server.close();
    }
  });

  it('maxConnections: a connection over the limit is closed with 1013', async () => {
    const server = await startServer({ port: 0, maxConnections: 1, ...quiet });
    const a = await WsClient.open(server.wsURL);
    try {
      const b = await WsClient.open(server.wsURL);
      const { code } = await b.closed;
      assert.equal(code, 1013);
      a.ws.send('{"t":"hb"}');
      await a.waitFor((m) => m.t === 'hb', 'hb on the first connection');
    } finally {
      a.ws.terminate();
      await server.close();
    }
  });

  it('close() disconnects every client without a kick, as a restart would', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const a = await WsClient.open(server.wsURL);
    const b = await WsClient.open(server.wsURL);
    await a.login('r', 'alice', (await getToken(server, 'userID=alice&roomID=r')).body.token as string);
    await server.close();
    await Promise.all([a.closed, b.closed]);
    assert.equal(a.ws.readyState, WebSocket.CLOSED);
    assert.equal(b.ws.readyState, WebSocket.CLOSED);
    for (const c of [a, b])
      assert.equal(
        c.messages.find((m) => m.t === 'kicked'),
        undefined,
      );
    assert.deepEqual(server.hub.stats(), { connections: 0, rooms: 0, users: 0, streams: 0 });
    await assert.rejects(WsClient.open(server.wsURL), 'no new connections after close');
  });
});
