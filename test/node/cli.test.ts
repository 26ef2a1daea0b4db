/**
 * The command line as a user runs it: `node bin/zego-elements.js …` on the built dist/.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
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

/** Starts `serve`, resolves as soon as it prints its URL line. */
async function serve(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; out: () => string; exit: Promise<number | null> }> {
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
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`serve printed no URL; stdout: ${stdout}; stderr: ${stderr}`)),
      10_000,
    );
    child.stdout!.on('data', (d: string) => {
      stdout += d;
      const m = / on (http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
  return { child, url, out: () => stdout, exit };
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
      const res = await fetch(`${s.url}/api/health`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { ok: boolean }).ok, true);
      const tok = await fetch(`${s.url}/api/token?userID=alice&roomID=r`);
      assert.equal(tok.status, 200, 'dev mode issues tokens');
    } finally {
      const code = await stop(s);
      assert.equal(code, 0);
      assert.match(s.out(), /SIGTERM: shutting down/);
    }
    assert.match(
      s.out(),
      new RegExp(`signalling: ${s.url.replace('http', 'ws').replace(/\./g, '\\.')}/ws   app ID: 1`),
    );
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
      assert.match(early.out(), /SIGTERM: shutting down/);
      assert.match(s.out(), /app ID: 5/);
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
