/**
 * The server in production: origin checks, per-IP limits, static files over HTTP done properly
 * (compression, ETags, cache lifetimes, HEAD, ranges), health, readiness, Prometheus metrics,
 * structured logs without secrets, and the drain. Real HTTP, real WebSockets, in process.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, mkdir, writeFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { createLogger } from '../../src/server/logger.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const quiet = { log: () => {} };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request with exactly these headers, the body as raw bytes (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Opens a WebSocket: resolves with it once open, or with the HTTP status it was refused with. */
function openWS(url: string, headers: Record<string, string> = {}): Promise<WebSocket | Reply> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => ok(ws));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        ws.terminate();
      });
    });
    ws.once('error', (err) => fail(err));
  });
}

const statusOf = (r: WebSocket | Reply): number => (r instanceof WebSocket ? 101 : r.status);

/** Waits until `check` holds, checking after each turn of the event loop (no fixed sleep). */
async function until(check: () => boolean | Promise<boolean>, what: string, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a request and waits for its reply. */
function requestOn(ws: WebSocket, m: Record<string, unknown>): Promise<Record<string, unknown>> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((ok) => {
    const on = (d: Buffer) => {
      const msg = JSON.parse(String(d)) as Record<string, unknown>;
      if (msg.t === 'reply' && msg.id === id) {
        ws.off('message', on);
        ok(msg);
      }
    };
    ws.on('message', on);
    ws.send(JSON.stringify({ ...m, id }));
  });
}

function nextMessage(ws: WebSocket, pred: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((ok) => {
    const on = (d: Buffer) => {
      const msg = JSON.parse(String(d)) as Record<string, unknown>;
      if (pred(msg)) {
        ws.off('message', on);
        ok(msg);
      }
    };
    ws.on('message', on);
  });
}

async function devToken(server: RunningServer, userID: string, roomID: string): Promise<string> {
  const res = await fetch(`${server.url}/api/token?userID=${userID}&roomID=${roomID}`);
  return ((await res.json()) as { token: string }).token;
}

/** One sample of a metric in Prometheus text: `name{labels} value`. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('origins', () => {
  it('dev mode: loopback origins, its own origin and clients with no Origin get in; other sites get 403', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const open: WebSocket[] = [];
    try {
      const cases: [Record<string, string>, number][] = [
        [{}, 101],
        [{ origin: 'http://localhost:5173' }, 101],
        [{ origin: 'http://127.0.0.1:6006' }, 101],
        [{ origin: 'http://[::1]:8080' }, 101],
        [{ origin: server.url }, 101],
        [{ origin: 'https://evil.example' }, 403],
        [{ origin: 'http://localhost.evil.example' }, 403],
        [{ origin: 'null' }, 403],
        [{ origin: 'not an origin' }, 403],
      ];
      for (const [headers, want] of cases) {
        const r = await openWS(server.wsURL, headers);
        if (r instanceof WebSocket) open.push(r);
        assert.equal(statusOf(r), want, JSON.stringify(headers));
      }
      // The token endpoint's CORS follows the same list.
      const cors = async (origin: string) =>
        (await fetch(`${server.url}/api/token?userID=a&roomID=r`, { headers: { origin } })).headers.get(
          'access-control-allow-origin',
        );
      assert.equal(await cors('http://localhost:5173'), 'http://localhost:5173');
      assert.equal(await cors('https://evil.example'), null);
    } finally {
      for (const ws of open) ws.terminate();
      await server.close();
    }
  });

  it('production on a public host: only its own origin and --allowed-origins; loopback pages too when listed', async () => {
    const server = await startServer({ port: 0, host: '0.0.0.0', appID: 9, serverSecret: SECRET, ...quiet });
    const listed = await startServer({
      port: 0,
      host: '0.0.0.0',
      appID: 9,
      serverSecret: SECRET,
      allowedOrigins: ['https://app.example.com', 'http://localhost:*'],
      ...quiet,
    });
    const open: WebSocket[] = [];
    const ws = (s: RunningServer) => `ws://127.0.0.1:${s.port}/ws`;
    try {
      const cases: [RunningServer, string | undefined, number][] = [
        [server, undefined, 101],
        [server, `http://127.0.0.1:${server.port}`, 101],
        [server, 'http://localhost:5173', 403],
        [server, 'https://app.example.com', 403],
        [listed, 'https://app.example.com', 101],
        [listed, 'https://APP.example.com/', 101],
        [listed, 'https://app.example.com:8443', 403],
        [listed, 'http://app.example.com', 403],
        [listed, 'http://localhost:3000', 101],
        [listed, `http://127.0.0.1:${listed.port}`, 101],
        [listed, 'https://other.example', 403],
      ];
      for (const [s, origin, want] of cases) {
        const r = await openWS(ws(s), origin ? { origin } : {});
        if (r instanceof WebSocket) open.push(r);
        assert.equal(statusOf(r), want, `${s === server ? 'default' : 'listed'} ${origin}`);
      }
    } finally {
      for (const w of open) w.terminate();
      await server.close();
      await listed.close();
    }
  });
});

describe('per-IP limits', () => {
  it('connections per IP: over the limit an upgrade gets 429 with Retry-After; a freed slot can be used again', async () => {
    const server = await startServer({ port: 0, maxConnectionsPerIP: 3, limitLoopback: true, ...quiet });
    const open: WebSocket[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push((await openWS(server.wsURL)) as WebSocket);
      const refused = await openWS(server.wsURL);
      assert.equal(statusOf(refused), 429);
      assert.match(String((refused as Reply).headers['retry-after']), /^\d+$/);
      const first = open.shift()!;
      first.close();
      await until(async () => {
        const r = await openWS(server.wsURL);
        if (r instanceof WebSocket) open.push(r);
        return r instanceof WebSocket;
      }, 'the closed connection to free its slot');
      assert.equal(server.hub.stats().connections, 3);
    } finally {
      for (const ws of open) ws.terminate();
      await server.close();
    }
  });

  it('loopback is exempt by default (tests and a local reverse proxy): 120 connections from 127.0.0.1', async () => {
    const server = await startServer({ port: 0, ...quiet });
    try {
      const all = await Promise.all(Array.from({ length: 120 }, () => openWS(server.wsURL)));
      assert.ok(all.every((r) => r instanceof WebSocket));
      for (const ws of all as WebSocket[]) ws.terminate();
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy the client IP is the last X-Forwarded-For address', async () => {
    const server = await startServer({ port: 0, maxConnectionsPerIP: 2, trustProxy: true, ...quiet });
    const open: WebSocket[] = [];
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.1, ${ip}` });
      for (let i = 0; i < 2; i++) open.push((await openWS(server.wsURL, from('203.0.113.7'))) as WebSocket);
      assert.equal(statusOf(await openWS(server.wsURL, from('203.0.113.7'))), 429);
      const other = await openWS(server.wsURL, from('203.0.113.8'));
      assert.equal(statusOf(other), 101, 'another client behind the same proxy');
      open.push(other as WebSocket);
      // Without trustProxy the header is the client's own word: ignored (here: loopback, exempt).
      const plain = await startServer({ port: 0, maxConnectionsPerIP: 1, ...quiet });
      try {
        const a = await openWS(plain.wsURL, from('203.0.113.9'));
        const b = await openWS(plain.wsURL, from('203.0.113.9'));
        assert.deepEqual([statusOf(a), statusOf(b)], [101, 101]);
        (a as WebSocket).terminate();
        (b as WebSocket).terminate();
      } finally {
        await plain.close();
      }
    } finally {
      for (const ws of open) ws.terminate();
      await server.close();
    }
  });

  it('/api/token: a token bucket per IP; over it 429 with Retry-After, other IPs unaffected', async () => {
    const server = await startServer({
      port: 0,
      tokenRequestsPerSecond: 1,
      tokenRequestBurst: 3,
      trustProxy: true,
      ...quiet,
    });
    try {
      const ask = (ip: string) =>
        fetch(`${server.url}/api/token?userID=u&roomID=r`, { headers: { 'x-forwarded-for': ip } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await ask('203.0.113.7')).status);
      assert.deepEqual(statuses, [200, 200, 200]);
      const over = await ask('203.0.113.7');
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('retry-after'), '1');
      assert.equal(((await over.json()) as { code: number }).code, 429);
      assert.equal((await ask('203.0.113.8')).status, 200);
      // Loopback is exempt by default: a local page may ask as often as it likes.
      const local = await Promise.all(
        Array.from({ length: 30 }, () => fetch(`${server.url}/api/token?userID=u&roomID=r`)),
      );
      assert.ok(local.every((r) => r.status === 200));
    } finally {
      await server.close();
    }
  });
});

describe('static files over HTTP', () => {
  let dir: string;
  let server: RunningServer;
  const big = `export const words = ${JSON.stringify('lorem ipsum dolor sit amet '.repeat(400))};\n`;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zego-http-'));
    await mkdir(join(dir, 'chunks'));
    await writeFile(join(dir, 'app.js'), big);
    await writeFile(join(dir, 'app.mjs'), big);
    await writeFile(join(dir, 'chunks', 'de-OaBUa1xs.js'), big);
    await writeFile(join(dir, 'bundle-a1b2c3d4.js'), big);
    await writeFile(join(dir, 'index.html'), `<!doctype html><title>x</title>${'<p>hello</p>'.repeat(200)}`);
    await writeFile(join(dir, 'small.css'), 'body{margin:0}');
    await writeFile(join(dir, 'data.json'), '{}');
    await writeFile(join(dir, 'app.js.map'), '{}');
    await writeFile(join(dir, 'logo.svg'), '<svg/>');
    await writeFile(join(dir, 'pic.png'), Buffer.alloc(4000, 7));
    await writeFile(join(dir, 'mod.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    server = await startServer({ port: 0, static: { '/': dir }, ...quiet });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('content types', async () => {
    const types: [string, string][] = [
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/app.mjs', 'text/javascript; charset=utf-8'],
      ['/small.css', 'text/css; charset=utf-8'],
      ['/', 'text/html; charset=utf-8'],
      ['/data.json', 'application/json; charset=utf-8'],
      ['/app.js.map', 'application/json; charset=utf-8'],
      ['/logo.svg', 'image/svg+xml'],
      ['/pic.png', 'image/png'],
      ['/mod.wasm', 'application/wasm'],
    ];
    for (const [path, type] of types) assert.equal((await get(server.url + path)).headers['content-type'], type, path);
  });

  it('gzip and brotli by Accept-Encoding, with Vary; the same bytes again from memory; identity otherwise', async () => {
    const br = await get(`${server.url}/app.js`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.equal(brotliDecompressSync(br.body).toString(), big);
    assert.ok(br.body.length < big.length / 5, `${br.body.length} of ${big.length}`);
    assert.equal(Number(br.headers['content-length']), br.body.length);
    const gz = await get(`${server.url}/app.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), big);
    const noBr = await get(`${server.url}/app.js`, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    assert.equal(noBr.headers['content-encoding'], 'gzip');
    const plain = await get(`${server.url}/app.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['accept-ranges'], 'bytes');
    assert.equal(plain.body.toString(), big);
    // Three representations, three strong ETags.
    const tags = [br, gz, plain].map((r) => r.headers.etag);
    assert.equal(new Set(tags).size, 3);
    for (const t of tags) assert.match(String(t), /^"[^"]+"$/);
    const again = await get(`${server.url}/app.js`, { 'accept-encoding': 'br' });
    assert.equal(again.headers.etag, br.headers.etag);
    assert.ok(again.body.equals(br.body));
    // Not worth it (under 1 KiB) or not compressible: as they are.
    const small = await get(`${server.url}/small.css`, { 'accept-encoding': 'gzip, br' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(small.headers.vary, 'Accept-Encoding');
    const png = await get(`${server.url}/pic.png`, { 'accept-encoding': 'gzip, br' });
    assert.equal(png.headers['content-encoding'], undefined);
    assert.equal(png.headers.vary, undefined);
  });

  it('If-None-Match → 304 without a body; a changed file gets a new ETag', async () => {
    const first = await get(`${server.url}/app.js`, { 'accept-encoding': 'gzip' });
    const etag = String(first.headers.etag);
    const hit = await get(`${server.url}/app.js`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    assert.equal(hit.status, 304);
    assert.equal(hit.body.length, 0);
    assert.equal(hit.headers.etag, etag);
    assert.equal(hit.headers['cache-control'], 'no-cache');
    const weak = await get(`${server.url}/app.js`, { 'accept-encoding': 'gzip', 'if-none-match': `"x", W/${etag}` });
    assert.equal(weak.status, 304);
    const otherCoding = await get(`${server.url}/app.js`, { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(otherCoding.status, 200, 'the gzip ETag is not the brotli one');

    await writeFile(join(dir, 'index.html'), '<!doctype html><title>changed</title>');
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'index.html'), later, later);
    const html = await get(`${server.url}/`);
    assert.equal(html.body.toString(), '<!doctype html><title>changed</title>');
    const stale = await get(`${server.url}/app.js`, { 'if-none-match': '"stale"' });
    assert.equal(stale.status, 200);
  });

  it('Cache-Control: immutable for chunks/ and hashed names, no-cache for the rest', async () => {
    const cc = async (p: string) => (await get(server.url + p)).headers['cache-control'];
    assert.equal(await cc('/chunks/de-OaBUa1xs.js'), 'public, max-age=31536000, immutable');
    assert.equal(await cc('/bundle-a1b2c3d4.js'), 'public, max-age=31536000, immutable');
    assert.equal(await cc('/app.js'), 'no-cache');
    assert.equal(await cc('/'), 'no-cache');
  });

  it('HEAD: the same headers as GET, no body', async () => {
    const headers = { 'accept-encoding': 'br' };
    const g = await get(`${server.url}/app.js`, headers);
    const h = await get(`${server.url}/app.js`, headers, 'HEAD');
    assert.equal(h.status, 200);
    assert.equal(h.body.length, 0);
    for (const k of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary'])
      assert.equal(h.headers[k], g.headers[k], k);
  });

  it('Range: 206 with Content-Range, uncompressed; 416 past the end; If-Range of another version gets it all', async () => {
    const size = Buffer.byteLength(big);
    const r = await get(`${server.url}/app.js`, { range: 'bytes=0-9', 'accept-encoding': 'gzip, br' });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], `bytes 0-9/${size}`);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.body.toString(), big.slice(0, 10));
    const tail = await get(`${server.url}/app.js`, { range: 'bytes=-5' });
    assert.equal(tail.status, 206);
    assert.equal(tail.body.toString(), big.slice(-5));
    const open = await get(`${server.url}/app.js`, { range: `bytes=${size - 3}-` });
    assert.equal(open.body.toString(), big.slice(-3));
    const past = await get(`${server.url}/app.js`, { range: `bytes=${size}-` });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], `bytes */${size}`);
    const etag = String((await get(`${server.url}/app.js`)).headers.etag);
    const same = await get(`${server.url}/app.js`, { range: 'bytes=0-0', 'if-range': etag });
    assert.equal(same.status, 206);
    const changed = await get(`${server.url}/app.js`, { range: 'bytes=0-0', 'if-range': '"old"' });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.length, size);
    const many = await get(`${server.url}/app.js`, { range: 'bytes=0-1,5-6' });
    assert.equal(many.status, 200, 'several ranges: the whole file');
  });
});

describe('health, readiness, metrics, logs', () => {
  it('/healthz and /readyz; readyz says 503 once draining, and a drain tells clients 1012', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const h = await fetch(`${server.url}/healthz`);
    assert.equal(h.status, 200);
    assert.equal(await h.text(), 'ok\n');
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    const ws = (await openWS(server.wsURL)) as WebSocket;
    const closed = new Promise<number>((ok) => ws.once('close', (code) => ok(code)));
    const drained = server.drain(5000);
    assert.equal(server.draining, true);
    assert.equal(await closed, 1012);
    await drained;
    await assert.rejects(fetch(`${server.url}/healthz`), 'nothing listens after the drain');
  });

  it('/metrics: gauges, message counters by type, error replies by code, relay latency, process metrics; per server', async () => {
    const server = await startServer({ port: 0, ...quiet });
    const other = await startServer({ port: 0, ...quiet });
    const a = (await openWS(server.wsURL)) as WebSocket;
    const b = (await openWS(server.wsURL)) as WebSocket;
    try {
      const login = (ws: WebSocket, userID: string, token: string) =>
        requestOn(ws, { t: 'login', v: 1, roomID: 'r', token, user: { userID } });
      assert.equal((await login(a, 'alice', await devToken(server, 'alice', 'r'))).ok, true);
      assert.equal((await login(b, 'bob', await devToken(server, 'bob', 'r'))).ok, true);
      assert.equal((await requestOn(a, { t: 'publish', streamID: 's1' })).ok, true);
      const signal = nextMessage(a, (m) => m.t === 'signal');
      b.send(JSON.stringify({ t: 'signal', to: 'alice', streamID: 's1', data: { type: 'offer', sdp: 'v=0' } }));
      await signal;
      const bad = nextMessage(b, (m) => m.t === 'error');
      b.send('not json');
      await bad;

      const res = await fetch(`${server.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(String(res.headers.get('content-type')), /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.equal(sample(text, 'zego_connections'), 2);
      assert.equal(sample(text, 'zego_rooms'), 1);
      assert.equal(sample(text, 'zego_users'), 2);
      assert.equal(sample(text, 'zego_streams'), 1);
      assert.equal(sample(text, 'zego_messages_in_total', 'type="login"'), 2);
      assert.equal(sample(text, 'zego_messages_in_total', 'type="signal"'), 1);
      assert.equal(sample(text, 'zego_messages_in_total', 'type="invalid"'), 1);
      assert.ok(sample(text, 'zego_messages_out_total', 'type="reply"')! >= 3);
      assert.equal(sample(text, 'zego_messages_out_total', 'type="signal"'), 1);
      assert.equal(sample(text, 'zego_error_replies_total', 'code="1102011"'), 1);
      assert.equal(sample(text, 'zego_signal_relay_seconds_count'), 1);
      assert.ok(sample(text, 'zego_signal_relay_seconds_sum')! < 1);
      assert.ok(sample(text, 'process_resident_memory_bytes')! > 0, 'RSS');
      assert.notEqual(sample(text, 'nodejs_eventloop_lag_seconds'), undefined, 'event-loop lag');
      // The other server in this process counts its own.
      const otherText = await (await fetch(`${other.url}/metrics`)).text();
      assert.equal(sample(otherText, 'zego_connections'), 0);
      assert.equal(sample(otherText, 'zego_messages_in_total', 'type="login"'), undefined);
      // Refusals are counted too.
      assert.equal(statusOf(await openWS(server.wsURL, { origin: 'https://evil.example' })), 403);
      const after = await (await fetch(`${server.url}/metrics`)).text();
      assert.equal(sample(after, 'zego_refused_total', 'reason="origin"'), 1);
      assert.ok(sample(after, 'zego_http_responses_total', 'status="200"')! >= 3);
    } finally {
      a.terminate();
      b.terminate();
      await server.close();
      await other.close();
    }
    const off = await startServer({ port: 0, metrics: false, ...quiet });
    try {
      assert.equal((await fetch(`${off.url}/metrics`)).status, 404);
    } finally {
      await off.close();
    }
  });

  it('logs are JSON lines with levels; a login is logged without its token or session', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (l: string) => void lines.push(l) });
    const server = await startServer({ port: 0, logger });
    const ws = (await openWS(server.wsURL)) as WebSocket;
    let token = '';
    let session = '';
    try {
      token = await devToken(server, 'alice', 'standup');
      const reply = await requestOn(ws, { t: 'login', v: 1, roomID: 'standup', token, user: { userID: 'alice' } });
      assert.equal(reply.ok, true);
      session = String(reply.session);
      await requestOn(ws, { t: 'renew', token });
      // The token goes out in /api/token's body and in frames; neither is logged.
      await until(() => lines.some((l) => l.includes('"msg":"login"')), 'the login record');
    } finally {
      ws.terminate();
      await server.close();
    }
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) {
      assert.ok(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(String(r.level)), String(r.level));
      assert.match(String(r.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(typeof r.msg, 'string');
    }
    const login = records.find((r) => r.msg === 'login')!;
    assert.equal(login.userID, 'alice');
    assert.equal(login.roomID, 'standup');
    assert.ok(records.some((r) => r.msg === 'http' && r.path === '/api/token' && r.status === 200));
    assert.ok(
      records.some((r) => typeof r.url === 'string' && r.devMode === true),
      'the start-up record',
    );
    const all = lines.join('');
    assert.ok(token.length > 20 && !all.includes(token), 'the token is never logged');
    assert.ok(session.length > 10 && !all.includes(session), 'nor the session ID');
    assert.ok(!all.includes(server.hub.options.serverSecret!), 'nor the secret');
  });
});
