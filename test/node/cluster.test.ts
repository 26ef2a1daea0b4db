/**
 * Several server nodes sharing rooms through a real Redis (Debian's redis-server, started here on
 * loopback): clients on different nodes are in one room; a node that leaves or is killed sends its
 * clients to another node, where they resume (or, when the room's own node is gone, log in again).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Page } from 'playwright';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';
import { generateToken04 } from '../../src/hub/token04.js';
import { findRedisServer } from '../../scripts/redis.mjs';
import { freePort, listening } from './support/ports.js';
import { WsClient, type Msg } from './support/ws-client.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'zego-elements.js');
const APP_ID = 24682468;
const SECRET = 'clustertestserversecret000000001';
const quiet = { log: () => undefined };
const token = (userID: string) => generateToken04(APP_ID, userID, SECRET, 3600, '');

/** A redis-server of the test's own, on a free loopback port, with nothing saved to disk. */
async function startRedis(port?: number): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const p = port ?? (await freePort());
  const child = spawn(
    findRedisServer(),
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await listening(p, 'redis-server');
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A node of the cluster, in this process. */
const node = (url: string, hub: { heartbeatTimeout?: number } = {}) =>
  startServer({
    port: 0,
    appID: APP_ID,
    serverSecret: SECRET,
    redis: { url, aliveTTL: 900 },
    hub: { heartbeatInterval: 500, heartbeatTimeout: 4000, ...hub },
    ...quiet,
  });

/** A node of the cluster as its own process (`zego-elements serve --redis`), to kill. */
async function nodeProcess(url: string): Promise<{ child: ChildProcess; wsURL: string; exit: Promise<void> }> {
  const args = ['serve', '--port', '0', '--redis', url, '--app-id', String(APP_ID), '--server-secret', SECRET];
  const child = spawn(process.execPath, [BIN, ...args, '--heartbeat-interval', '500', '--heartbeat-timeout', '4000'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  let out = '';
  child.stdout!.setEncoding('utf8');
  const wsURL = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve printed no URL: ${out}`)), 15_000);
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /"wsURL":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
  });
  return { child, wsURL, exit };
}

const login = async (c: WsClient, roomID: string, userID: string): Promise<Msg> => {
  const reply = await c.login(roomID, userID, await token(userID));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply;
};
const users = (m: Msg) => (m.users as { userID: string }[]).map((u) => u.userID).sort();
const streamIDs = (m: Msg) => (m.streams as { streamID: string }[]).map((st) => st.streamID).sort();
/** Who is in the room on that node's hub (nobody on a node that does not hold it). */
const members = (server: RunningServer, roomID: string) =>
  server.hub
    .roomView(roomID)
    .users.map((u) => u.userID)
    .sort();

describe('a cluster of server nodes sharing rooms through Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const clients: WsClient[] = [];
  /** A client that sends heartbeats, as an engine does, until its connection closes. */
  const open = async (url: string) => {
    const c = await WsClient.open(url);
    clients.push(c);
    const beat = setInterval(() => c.ws.readyState === c.ws.OPEN && c.ws.send('{"t":"hb"}'), 400);
    void c.closed.then(() => clearInterval(beat));
    return c;
  };

  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await redis.stop();
  });

  it('clients on different nodes share one room: users, streams, signals, chat and its history cross nodes', async () => {
    const [one, two] = await Promise.all([node(redis.url), node(redis.url)]);
    try {
      const ada = await open(one.wsURL);
      const bob = await open(two.wsURL);
      await login(ada, 'r1', 'ada');
      const joined = await login(bob, 'r1', 'bob');
      assert.deepEqual(users(joined), ['ada'], 'bob, on the other node, sees ada in the room');
      await ada.waitFor((m) => m.t === 'users' && m.type === 'ADD', 'ada told of bob');

      assert.equal((await bob.request({ t: 'publish', streamID: 'bob-main' })).ok, true);
      const added = await ada.waitFor((m) => m.t === 'streams' && m.type === 'ADD', 'stream ADD');
      assert.deepEqual(streamIDs(added), ['bob-main']);

      ada.ws.send(JSON.stringify({ t: 'signal', to: 'bob', streamID: 'bob-main', data: { type: 'offer', sdp: 'x' } }));
      const offer = await bob.waitFor((m) => m.t === 'signal', 'signal at bob');
      assert.deepEqual(offer, { t: 'signal', from: 'ada', streamID: 'bob-main', data: { type: 'offer', sdp: 'x' } });
      bob.ws.send(JSON.stringify({ t: 'signal', to: 'ada', streamID: 'bob-main', data: { type: 'answer', sdp: 'y' } }));
      await ada.waitFor((m) => m.t === 'signal' && (m.data as { type: string }).type === 'answer', 'signal at ada');

      assert.equal((await bob.request({ t: 'broadcast', message: 'hello from node two' })).ok, true);
      await ada.waitFor((m) => m.t === 'broadcast' && m.message === 'hello from node two', 'chat at ada');
      // A late joiner on either node gets the room's history.
      const cy = await open(one.wsURL);
      await login(cy, 'r1', 'cy');
      await cy.waitFor((m) => m.t === 'broadcast' && m.message === 'hello from node two', 'history at cy');

      // The room lives on one node: the other holds no copy of it.
      assert.deepEqual([members(one, 'r1').length, members(two, 'r1').length].sort(), [0, 3]);

      // One userID logging in through the other node replaces the first session, as on one node.
      const ada2 = await open(two.wsURL);
      await login(ada2, 'r1', 'ada');
      await ada.waitFor((m) => m.t === 'kicked' && m.code === 1002050, 'the first ada kicked as a duplicate');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('a node that leaves (SIGTERM drain) sends its clients elsewhere: they resume, nobody sees them go', async () => {
    const [one, two] = await Promise.all([node(redis.url), node(redis.url)]);
    try {
      const ada = await open(one.wsURL);
      await login(ada, 'r2', 'ada');
      const bob = await open(two.wsURL);
      const first = await login(bob, 'r2', 'bob');
      await bob.request({ t: 'publish', streamID: 'bob-main' });
      await ada.waitFor((m) => m.t === 'streams' && m.type === 'ADD', 'stream ADD');

      await two.drain(2000);
      const closed = await bob.closed;
      assert.equal(closed.code, 1012, 'told to reconnect');

      const back = await open(one.wsURL);
      const resumed = await back.request({ t: 'resume', v: 1, session: first.session });
      assert.equal(resumed.ok, true, JSON.stringify(resumed));
      assert.deepEqual(users(resumed), ['ada']);
      ada.ws.send(JSON.stringify({ t: 'signal', to: 'bob', streamID: 'bob-main', data: { type: 'offer', sdp: 'z' } }));
      await back.waitFor((m) => m.t === 'signal', 'signal reaches the resumed bob');
      assert.ok(
        !ada.messages.some((m) => (m.t === 'users' || m.t === 'streams') && m.type === 'DELETE'),
        'ada saw no user or stream go',
      );
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('a killed node that relayed clients: the room’s node drops them when its key expires; resumed on a live node they carry on, a session nobody resumes ends with reason 2', async () => {
    const one = await node(redis.url);
    const killed = await nodeProcess(redis.url);
    try {
      const ada = await open(one.wsURL);
      await login(ada, 'r3', 'ada');
      const bob = await open(killed.wsURL);
      const bobSession = (await login(bob, 'r3', 'bob')).session;
      await bob.request({ t: 'publish', streamID: 'bob-main' });
      const cy = await open(killed.wsURL);
      await login(cy, 'r3', 'cy');
      await cy.request({ t: 'publish', streamID: 'cy-main' });
      await ada.waitFor(
        (m) => m.t === 'streams' && m.type === 'ADD' && JSON.stringify(m).includes('cy-main'),
        'cy ADD',
      );

      killed.child.kill('SIGKILL');
      await killed.exit;
      // Bob comes back through the live node and resumes; cy does not come back.
      const back = await open(one.wsURL);
      const resumed = await back.request({ t: 'resume', v: 1, session: bobSession });
      assert.equal(resumed.ok, true, JSON.stringify(resumed));
      const gone = await ada.waitFor(
        (m) => m.t === 'streams' && m.type === 'DELETE',
        'cy’s stream deleted after the heartbeat timeout',
        10_000,
      );
      assert.deepEqual(streamIDs(gone), ['cy-main']);
      assert.equal(gone.reason, 2, 'heartbeat timeout');
      assert.deepEqual(members(one, 'r3'), ['ada', 'bob']);
    } finally {
      killed.child.kill('SIGKILL');
      await one.close();
    }
  });

  it('a killed node that held the room: another node carries it on from Redis — everyone resumes there, nobody sees anyone leave; who does not come back ends with reason 2', async () => {
    const killed = await nodeProcess(redis.url);
    const two = await node(redis.url);
    const r = new Redis(redis.url);
    try {
      const ada = await open(killed.wsURL);
      const adaSession = (await login(ada, 'r4', 'ada')).session;
      await ada.request({ t: 'publish', streamID: 'ada-main' });
      assert.equal((await ada.request({ t: 'broadcast', message: 'before the crash' })).ok, true);
      const bob = await open(two.wsURL);
      const bobSession = (await login(bob, 'r4', 'bob')).session;
      const cy = await open(killed.wsURL);
      await login(cy, 'r4', 'cy');
      await cy.request({ t: 'publish', streamID: 'cy-main' });
      await bob.waitFor((m) => m.t === 'streams' && JSON.stringify(m).includes('cy-main'), 'cy’s stream at bob');
      // The room's state reaches Redis within 50 ms of a change; the node dies after that.
      await waitFor(
        async () => (await r.get('zego:state:r4'))?.includes('cy-main') ?? false,
        'the room’s state, with cy’s stream, in Redis',
      );

      killed.child.kill('SIGKILL');
      await killed.exit;
      const closed = await bob.closed;
      assert.equal(closed.code, 1012, 'bob, relayed to the dead node, is told to reconnect');

      // Bob and Ada come back through the live node: their sessions resume, the room as it was.
      const bobBack = await open(two.wsURL);
      const resumed = await bobBack.request({ t: 'resume', v: 1, session: bobSession });
      assert.equal(resumed.ok, true, JSON.stringify(resumed));
      assert.deepEqual(users(resumed), ['ada', 'cy']);
      assert.deepEqual(streamIDs(resumed), ['ada-main', 'cy-main']);
      const adaBack = await open(two.wsURL);
      assert.equal((await adaBack.request({ t: 'resume', v: 1, session: adaSession })).ok, true);
      // Signals flow between the resumed sessions; a late joiner gets the chat from before the crash.
      bobBack.ws.send(JSON.stringify({ t: 'signal', to: 'ada', streamID: 'ada-main', data: { type: 'play' } }));
      await adaBack.waitFor((m) => m.t === 'signal' && m.from === 'bob', 'a signal at the resumed ada');
      const dee = await open(two.wsURL);
      await login(dee, 'r4', 'dee');
      await dee.waitFor((m) => m.t === 'broadcast' && m.message === 'before the crash', 'the chat carried over');
      // Cy never comes back: her session ends after the heartbeat timeout, her stream with reason 2.
      const gone = await bobBack.waitFor(
        (m) => m.t === 'streams' && m.type === 'DELETE',
        'cy’s stream deleted',
        10_000,
      );
      assert.deepEqual(streamIDs(gone), ['cy-main']);
      assert.equal(gone.reason, 2);
      assert.ok(
        !bobBack.messages.some((m) => m.t === 'users' && m.type === 'DELETE' && JSON.stringify(m).includes('ada')),
        'nobody saw ada leave',
      );
    } finally {
      r.disconnect();
      killed.child.kill('SIGKILL');
      await two.close();
    }
  });

  it('a drained node that held the room hands it over: its clients resume on the other node', async () => {
    const [one, two] = await Promise.all([node(redis.url), node(redis.url)]);
    const r = new Redis(redis.url);
    try {
      const ada = await open(one.wsURL);
      const adaSession = (await login(ada, 'r6', 'ada')).session;
      const bob = await open(two.wsURL);
      const bobSession = (await login(bob, 'r6', 'bob')).session;
      await bob.request({ t: 'publish', streamID: 'bob-main' });
      assert.equal(await r.get('zego:room:r6'), one.cluster!.nodeID);
      await one.drain(2000);
      assert.equal(await r.get('zego:room:r6'), null, 'let go');
      assert.equal((await ada.closed).code, 1012);
      assert.equal((await bob.closed).code, 1012);
      const adaBack = await open(two.wsURL);
      const resumed = await adaBack.request({ t: 'resume', v: 1, session: adaSession });
      assert.equal(resumed.ok, true, JSON.stringify(resumed));
      assert.deepEqual(streamIDs(resumed), ['bob-main']);
      const bobBack = await open(two.wsURL);
      assert.equal((await bobBack.request({ t: 'resume', v: 1, session: bobSession })).ok, true);
      assert.equal(await r.get('zego:room:r6'), two.cluster!.nodeID);
    } finally {
      r.disconnect();
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('a node that closes lets go of its rooms in Redis, so their next logins may land on any node', async () => {
    const [one, two] = await Promise.all([node(redis.url), node(redis.url)]);
    const r = new Redis(redis.url);
    try {
      const ada = await open(one.wsURL);
      await login(ada, 'r5', 'ada');
      assert.equal(await r.get('zego:room:r5'), one.cluster!.nodeID);
      await one.close();
      assert.equal(await r.get('zego:room:r5'), null, 'a node that closes lets go of its rooms');
    } finally {
      r.disconnect();
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('without Redis the node is not ready and says why at start; /readyz follows the Redis link', async () => {
    const own = await startRedis();
    const deadPort = await freePort();
    await assert.rejects(node(`redis://127.0.0.1:${deadPort}`), /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
    await assert.rejects(
      startServer({ port: 0, redis: own.url, ...quiet }),
      /a cluster needs a server secret/,
      'dev mode (a secret of its own) cannot share tokens with other nodes',
    );
    const one = await node(own.url);
    try {
      assert.equal((await fetch(`${one.url}/readyz`)).status, 200);
      await own.stop();
      await waitFor(async () => (await fetch(`${one.url}/readyz`)).status === 503, 'readyz 503 without Redis');
      const again = await startRedis(own.port);
      try {
        await waitFor(async () => (await fetch(`${one.url}/readyz`)).status === 200, 'readyz 200 with Redis back');
      } finally {
        await again.stop();
      }
    } finally {
      await one.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, timeout = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeout) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The page: the mesh engine bundle, a canvas published, the other's stream played, frames counted. */
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
const { MeshEngine } = await import('/dist/browser/mesh.min.js');
let engine;
const states = [];
const streams = new Set();
let frames = 0;
window.t = {
  async join(ws, room, userID, token) {
    engine = new MeshEngine(${APP_ID}, ws, { playTimeout: 8000 });
    engine.on('roomStateChanged', (_room, reason) => states.push(reason));
    engine.on('roomStreamUpdate', (_room, type, list) => {
      for (const { streamID } of list) type === 'ADD' ? streams.add(streamID) : streams.delete(streamID);
    });
    await engine.loginRoom(room, token, { userID });
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const ctx = canvas.getContext('2d');
    setInterval(() => { ctx.fillStyle = 'hsl(' + (Date.now() % 360) + ' 80% 50%)'; ctx.fillRect(0, 0, 160, 120); }, 50);
    engine.startPublishingStream(userID + '-main', canvas.captureStream(15));
  },
  async play(streamID) {
    while (!streams.has(streamID)) await new Promise((r) => setTimeout(r, 50));
    const video = Object.assign(document.createElement('video'), { muted: true });
    video.srcObject = await engine.startPlayingStream(streamID);
    document.body.append(video);
    await video.play();
    const next = () => (frames++, video.requestVideoFrameCallback(next));
    video.requestVideoFrameCallback(next);
  },
  frames: () => frames,
  states: () => states,
};
</script>`;

interface InPage {
  join(ws: string, room: string, userID: string, token: string): Promise<void>;
  play(streamID: string): Promise<void>;
  frames(): number;
  states(): string[];
}
type W = { t: InPage };

/**
 * A load balancer in front of the nodes, as nginx's upstream with failover: each connection goes
 * to the first node that accepts it.
 */
async function front(ports: number[]): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.pause();
    const tryNext = (i: number) => {
      if (i >= ports.length) return client.destroy();
      const upstream = connect(ports[i]!, '127.0.0.1');
      upstream.once('error', () => tryNext(i + 1));
      upstream.once('connect', () => {
        sockets.add(upstream);
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryNext(0);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('a call across server nodes (real Chromium, real Redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'zego-cluster-'));
  writeFileSync(join(dir, 'index.html'), PAGE);

  before(async () => {
    redis = await startRedis();
    browser = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs,
    });
  });
  after(async () => {
    await browser?.close();
    await redis?.stop();
  });

  it('two pages on two nodes call each other; the room’s node is killed: both come back through the other node and frames flow again', async () => {
    const one = await startServer({
      port: 0,
      appID: APP_ID,
      serverSecret: SECRET,
      redis: { url: redis.url, aliveTTL: 900 },
      static: { '/dist/': join(ROOT, 'dist'), '/': dir },
      ...quiet,
    });
    const killed = await nodeProcess(redis.url);
    const killedPort = Number(new URL(killed.wsURL).port);
    // Ada reaches the service through the balancer (the node to be killed first); Bob, node one.
    const balancer = await front([killedPort, one.port]);
    try {
      const page = async (userID: string, ws: string) => {
        const p = await (await browser.newContext()).newPage();
        await p.goto(`${one.url}/`);
        await p.waitForFunction(() => 't' in window);
        const tok = await token(userID);
        await p.evaluate(([w, u, k]) => (globalThis as unknown as W).t.join(w!, 'call', u!, k!), [ws, userID, tok]);
        return p;
      };
      const ada = await page('ada', `ws://127.0.0.1:${balancer.port}/ws`);
      const bob = await page('bob', one.wsURL);
      await ada.evaluate(() => (globalThis as unknown as W).t.play('bob-main'));
      await bob.evaluate(() => (globalThis as unknown as W).t.play('ada-main'));
      const frames = (p: Page) => p.evaluate(() => (globalThis as unknown as W).t.frames());
      const advancing = async (p: Page, by: number) => {
        const from = await frames(p);
        await p.waitForFunction((n) => (globalThis as unknown as W).t.frames() >= n, from + by, { timeout: 20_000 });
      };
      await Promise.all([advancing(ada, 10), advancing(bob, 10)]);
      assert.deepEqual(members(one, 'call'), [], 'the room lives on the other node');

      killed.child.kill('SIGKILL');
      await killed.exit;
      // Both engines reconnect (Ada through the balancer to node one, Bob told by node one that the
      // room's node is gone), log in again, publish again, and the room is node one's.
      for (const p of [ada, bob])
        await p.waitForFunction(
          () => {
            const s = (globalThis as unknown as W).t.states();
            return s.includes('RECONNECTING') && s.at(-1) === 'RECONNECTED';
          },
          undefined,
          { timeout: 30_000 },
        );
      await waitFor(
        async () => one.hub.roomView('call').streams.length === 2,
        'both streams published again on node one',
        20_000,
      );
      assert.deepEqual(members(one, 'call'), ['ada', 'bob']);
      await Promise.all([advancing(ada, 10), advancing(bob, 10)]);
    } finally {
      balancer.close();
      killed.child.kill('SIGKILL');
      await one.close();
    }
  });
});
