/**
 * The command line as a user runs it: `node bin/zego-elements.js …` on the built dist/.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { WebSocket } from 'ws';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'zego-elements.js');
const SECRET = 'fa94dd0f974cf2e293728a526b028271';
const OTHER_SECRET = '0123456789abcdef0123456789abcdef';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 15_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        ok({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** The JSON log records in `out`, one a line. */
const records = (out: string): Record<string, unknown>[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

interface Serving {
  child: ChildProcess;
  url: string;
  /** The start-up record: url, wsURL, appID, devMode, tls. */
  started: Record<string, unknown>;
  out: () => string;
  exit: Promise<number | null>;
}

/** Starts `serve`, resolves as soon as it logs its URL. */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const started = await new Promise<Record<string, unknown>>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`serve printed no URL; stdout: ${stdout}; stderr: ${stderr}`)),
      10_000,
    );
    child.stdout!.on('data', (d: string) => {
      stdout += d;
      const record = records(stdout.slice(0, stdout.lastIndexOf('\n') + 1)).find((r) => typeof r.url === 'string');
      if (record) {
        clearTimeout(timer);
        ok(record);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
  return { child, url: started.url as string, started, out: () => stdout, exit };
}

/** Stops a `serve` child with SIGTERM; kills it if it does not exit in time. */
async function stop(s: { child: ChildProcess; exit: Promise<number | null> }): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 5000);
  const code = await s.exit;
  clearTimeout(timer);
  return code;
}

before(async () => {
  const r = await new Promise<Result>((ok) => {
    execFile('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) =>
      ok({ code: err ? 1 : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
  // Errors elsewhere in the tree still emit; the CLI tests need the server's output.
  if (r.code !== 0) console.error(`tsc -p tsconfig.build.json reported errors:\n${r.stdout}${r.stderr}`);
  assert.ok(existsSync(join(ROOT, 'dist', 'server', 'cli.js')), 'dist/server/cli.js was not built');
});

describe('zego-elements token', () => {
  for (const variant of ['gcm', 'cbc'] as const) {
    it(`--variant ${variant}: prints a token that --verify accepts`, async () => {
      const gen = await run([
        'token',
        '--app-id',
        '1',
        '--server-secret',
        SECRET,
        '--user-id',
        'u',
        '--room-id',
        'r',
        '--variant',
        variant,
      ]);
      assert.equal(gen.code, 0, gen.stderr);
      const token = gen.stdout.trim();
      assert.match(token, /^04[A-Za-z0-9+/]+={0,2}$/);
      assert.equal(gen.stdout.split('\n').filter(Boolean).length, 1, 'only the token on stdout');

      const ver = await run(['token', '--verify', token, '--app-id', '1', '--server-secret', SECRET]);
      assert.equal(ver.code, 0, ver.stderr);
      const json = JSON.parse(ver.stdout) as Record<string, unknown>;
      assert.equal(json.user_id, 'u');
      assert.equal(json.app_id, 1);
      const payload = JSON.parse(json.payload as string) as { room_id: string; privilege: Record<string, number> };
      assert.equal(payload.room_id, 'r');
      assert.deepEqual(payload.privilege, { 1: 1, 2: 1 });
      const now = Math.floor(Date.now() / 1000);
      assert.ok((json.expire as number) > now + 3500 && (json.expire as number) <= now + 3601, 'default ttl 3600');
      assert.match(ver.stderr, new RegExp(`valid ${variant.toUpperCase()} token`));

      const sameUser = await run([
        'token',
        '--verify',
        token,
        '--app-id',
        '1',
        '--server-secret',
        SECRET,
        '--user-id',
        'u',
      ]);
      assert.equal(sameUser.code, 0);
      const otherUser = await run([
        'token',
        '--verify',
        token,
        '--app-id',
        '1',
        '--server-secret',
        SECRET,
        '--user-id',
        'v',
      ]);
      assert.equal(otherUser.code, 1);
      assert.match(otherUser.stderr, /1002077/);
    });
  }

  it('--ttl and a token without a room (empty payload)', async () => {
    const gen = await run(['token', '--app-id', '7', '--server-secret', SECRET, '--user-id', 'u', '--ttl', '60']);
    assert.equal(gen.code, 0, gen.stderr);
    const ver = await run(['token', '--verify', gen.stdout.trim(), '--app-id=7', `--server-secret=${SECRET}`]);
    assert.equal(ver.code, 0, ver.stderr);
    const json = JSON.parse(ver.stdout) as { payload: string; expire: number; ctime: number };
    assert.equal(json.payload, '');
    assert.equal(json.expire - json.ctime, 60);
  });

  it('--verify with a wrong secret, app or garbage exits 1 with a reason line', async () => {
    const token = (await run(['token', '--app-id', '1', '--server-secret', SECRET, '--user-id', 'u'])).stdout.trim();
    const cases: [string[], RegExp][] = [
      [['--verify', token, '--app-id', '1', '--server-secret', OTHER_SECRET], /^invalid token: .*\(1102016\)$/m],
      [['--verify', token, '--app-id', '2', '--server-secret', SECRET], /^invalid token: .*\(1102016\)$/m],
      [['--verify', 'garbage', '--app-id', '1', '--server-secret', SECRET], /^invalid token: .*\(1102016\)$/m],
    ];
    for (const [args, reason] of cases) {
      const r = await run(['token', ...args]);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, reason);
      assert.equal(r.stdout, '', 'nothing on stdout for an invalid token');
    }
  });

  it('bad command lines exit 2 with the usage', async () => {
    const cases: [string[], RegExp][] = [
      [['token', '--app-id', '1', '--server-secret', SECRET], /--user-id is required/],
      [['token', '--app-id', '1', '--user-id', 'u'], /--server-secret is required/],
      [
        ['token', '--app-id', 'x', '--server-secret', SECRET, '--user-id', 'u'],
        /--app-id must be a non-negative integer/,
      ],
      [
        ['token', '--app-id', '1', '--server-secret', SECRET, '--user-id', 'u', '--variant', 'ecb'],
        /--variant must be gcm or cbc/,
      ],
      [
        ['token', '--app-id', '1', '--server-secret', SECRET, '--user-id', 'u', '--bogus', '1'],
        /unknown option --bogus/,
      ],
      [['token', '--app-id'], /--app-id needs a value/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, why] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why);
      assert.match(r.stderr, /Usage:\n\s+zego-elements serve/);
    }
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage:/);
    const none = await run([]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /Usage:/);
  });

  it('a bad secret (not 32 characters) exits 1 with the ZEGO code', async () => {
    const r = await run(['token', '--app-id', '1', '--server-secret', 'short', '--user-id', 'u']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /1100001/);
  });
});

describe('zego-elements serve', () => {
  it('--port 0 prints its URL, serves /api/health, and shuts down cleanly on SIGTERM', async () => {
    const s = await serve(['--port', '0', '--host', '127.0.0.1']);
    try {
      assert.match(s.out(), /dev server/);
      assert.equal(s.started.level, 'info');
      assert.equal(s.started.devMode, true);
      const res = await fetch(`${s.url}/api/health`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { ok: boolean }).ok, true);
      const tok = await fetch(`${s.url}/api/token?userID=alice&roomID=r`);
      assert.equal(tok.status, 200, 'dev mode issues tokens');
    } finally {
      const code = await stop(s);
      assert.equal(code, 0);
      assert.ok(records(s.out()).some((r) => r.msg === 'SIGTERM: draining'));
    }
    assert.equal(s.started.wsURL, `${s.url.replace('http', 'ws')}/ws`);
    assert.equal(s.started.appID, 1);
    await assert.rejects(fetch(`${s.url}/api/health`), 'the port is closed after exit');
  });

  it('honours the PORT environment variable, and ZEGO_SERVER_SECRET turns dev mode off', async () => {
    const port = await freePort();
    const s = await serve(['--host', '127.0.0.1'], {
      PORT: String(port),
      ZEGO_APP_ID: '5',
      ZEGO_SERVER_SECRET: SECRET,
    });
    try {
      assert.equal(s.url, `http://127.0.0.1:${port}`);
      // SIGTERM right after the URL line is a clean shutdown too (handlers are in place by then).
      const early = await serve(['--port', '0', '--host', '127.0.0.1']);
      assert.equal(await stop(early), 0);
      assert.ok(records(early.out()).some((r) => r.msg === 'SIGTERM: draining'));
      assert.equal(s.started.appID, 5);
      assert.equal(s.started.devMode, false);
      assert.doesNotMatch(s.out(), /dev server/);
      assert.equal((await fetch(`${s.url}/api/health`)).status, 200);
      assert.equal((await fetch(`${s.url}/api/token?userID=alice`)).status, 404, 'no token endpoint with a secret');
    } finally {
      assert.equal(await stop(s), 0);
    }
  });

  it('a port in use: exits 1 with the reason', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', () => ok()));
    const addr = blocker.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    try {
      const r = await run(['serve', '--port', String(port), '--host', '127.0.0.1']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /EADDRINUSE/);
    } finally {
      await new Promise<void>((ok) => blocker.close(() => ok()));
    }
  });
});

/** Opens a WebSocket: resolves with it once open, or with the HTTP status it was refused with. */
function openWS(url: string, options: { ca?: string } = {}): Promise<WebSocket | number> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => ok(ws));
    ws.once('unexpected-response', (_req, res) => {
      ok(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', fail);
  });
}

/**
 * A client that completes the WebSocket handshake over raw TCP and then never answers: not even
 * the server's close frame. It holds a drain open until the drain timeout.
 */
function stuckClient(url: string): Promise<() => void> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET /ws HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    let got = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      got += d;
      if (got.startsWith('HTTP/1.1 101')) ok(() => socket.destroy());
    });
    socket.on('error', () => undefined);
    socket.once('close', () => fail(new Error(`the handshake failed: ${got}`)));
  });
}

describe('zego-elements serve in production', () => {
  it('SIGTERM drains: readyz 503, new upgrades 503, clients told 1012, exit 0 after the drain timeout; no token in the logs', async () => {
    const s = await serve(['--port', '0', '--host', '127.0.0.1', '--drain-timeout', '1500', '--log', 'trace']);
    const wsURL = s.started.wsURL as string;
    let token = '';
    try {
      const tok = (await (await fetch(`${s.url}/api/token?userID=alice&roomID=r`)).json()) as { token: string };
      token = tok.token;
      const ws = (await openWS(wsURL)) as WebSocket;
      const reply = new Promise<Record<string, unknown>>((ok) =>
        ws.on('message', (d) => {
          const m = JSON.parse(String(d)) as Record<string, unknown>;
          if (m.t === 'reply') ok(m);
        }),
      );
      ws.send(JSON.stringify({ t: 'login', v: 1, id: 1, roomID: 'r', token, user: { userID: 'alice' } }));
      assert.equal((await reply).ok, true);
      const closed = new Promise<number>((ok) => ws.once('close', (code) => ok(code)));
      const release = await stuckClient(s.url);
      assert.equal((await fetch(`${s.url}/readyz`)).status, 200);

      s.child.kill('SIGTERM');
      assert.equal(await closed, 1012, 'told to reconnect: service restart');
      // The stuck client holds the drain open: the server says it is not ready and takes nobody new.
      const ready = await fetch(`${s.url}/readyz`);
      assert.equal(ready.status, 503);
      assert.equal(await ready.text(), 'draining\n');
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200, 'alive while draining');
      assert.equal(await openWS(wsURL), 503);
      assert.equal(await s.exit, 0);
      release();
    } finally {
      await stop(s);
    }
    const msgs = records(s.out()).map((r) => r.msg);
    for (const m of ['SIGTERM: draining', 'draining: clients are told to reconnect', 'closed'])
      assert.ok(msgs.includes(m), `${m} in ${JSON.stringify(msgs)}`);
    assert.ok(msgs.some((m) => String(m).startsWith('drain timed out')));
    assert.ok(msgs.includes('login'), 'the login is logged at debug');
    assert.ok(token.length > 20 && !s.out().includes(token), 'the token is never logged');
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it(
    '--tls-cert/--tls-key (a self-signed certificate made with openssl): https and wss on one port',
    { skip: openssl ? false : 'openssl is not installed, and Node cannot make an X.509 certificate by itself' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zego-tls-'));
      const cert = join(dir, 'cert.pem');
      const key = join(dir, 'key.pem');
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
          .concat(['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'])
          .concat(['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']),
        { stdio: 'ignore' },
      );
      const ca = readFileSync(cert, 'utf8');
      const s = await serve(['--port', '0', '--host', '127.0.0.1', '--tls-cert', cert, '--tls-key', key]);
      try {
        assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
        assert.match(String(s.started.wsURL), /^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
        assert.equal(s.started.tls, true);
        const health = await new Promise<{ status: number; body: string }>((ok, fail) => {
          const req = httpsRequest(`${s.url}/healthz`, { ca }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', fail);
          req.end();
        });
        assert.deepEqual(health, { status: 200, body: 'ok\n' });
        const ws = (await openWS(String(s.started.wsURL), { ca })) as WebSocket;
        const hb = new Promise((ok) => ws.once('message', (d) => ok(JSON.parse(String(d)))));
        ws.send('{"t":"hb"}');
        assert.deepEqual(await hb, { t: 'hb' });
        ws.terminate();
        await assert.rejects(fetch(`${s.url.replace('https', 'http')}/healthz`), 'no plain HTTP on the TLS port');
      } finally {
        assert.equal(await stop(s), 0);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('bad production flags exit 2 with the reason', async () => {
    const cases: [string[], RegExp][] = [
      [['--log', 'loud'], /--log must be one of fatal, error, warn, info, debug, trace, silent/],
      [['--tls-cert', 'cert.pem'], /--tls-cert and --tls-key go together/],
      [['--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'], /--tls-cert: cannot read/],
      [['--max-connections-per-ip', '-1'], /--max-connections-per-ip must be a non-negative integer/],
      [['--trust-proxy=yes'], /--trust-proxy takes no value/],
    ];
    for (const [args, why] of cases) {
      const r = await run(['serve', '--port', '0', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why);
    }
  });
});
