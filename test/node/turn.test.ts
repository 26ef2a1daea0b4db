/**
 * Calls through a real TURN server: Debian's coturn, started here on loopback with a test secret
 * (coturn's `use-auth-secret`). The server hands each client TURN credentials of its own at login;
 * two Chromium pages that may only use relayed candidates (`iceTransportPolicy: 'relay'`) call
 * each other, frames arrive, and `getStats` shows a relay candidate pair. A server whose secret is
 * not coturn's hands out credentials coturn refuses: playing fails and says so.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { generateToken04 } from '../../src/hub/token04.js';
import { turnCredentials } from '../../src/server/ice.js';
import { chromeArgs, findChromium } from '../../scripts/chromium.mjs';
import { findTurnserver } from '../../scripts/coturn.mjs';
import { freePort, listening } from './support/ports.js';

const APP_ID = 7654321;
const SECRET = 'turntestserversecret012345678901';
const TURN_SECRET = 'turn-test-secret';

/**
 * The page: the mesh engine bundle, every RTCPeerConnection kept (to read its stats), and what the
 * test does in it, as plain script.
 */
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
const Native = RTCPeerConnection;
const pcs = [];
window.RTCPeerConnection = class extends Native { constructor(c) { super(c); pcs.push(this); } };
const { MeshEngine } = await import('/dist/browser/mesh.min.js');
let engine;
const failures = [];
const streams = new Set();
// Resolves once the room lists the stream (its ADD has arrived).
const listed = (streamID) => new Promise((resolve) => {
  const check = () => (streams.has(streamID) ? resolve() : setTimeout(check, 50));
  check();
});
window.t = {
  async join(ws, room, userID, token) {
    engine = new MeshEngine(${APP_ID}, ws, { iceTransportPolicy: 'relay', playTimeout: 8000 });
    engine.on('playerStateUpdate', (r) => r.errorCode && failures.push(r.state + ' ' + r.errorCode + ' ' + r.extendedData));
    engine.on('roomStreamUpdate', (_room, type, list) => {
      for (const { streamID } of list) type === 'ADD' ? streams.add(streamID) : streams.delete(streamID);
    });
    await engine.loginRoom(room, token, { userID });
  },
  publishCanvas(streamID) {
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const ctx = canvas.getContext('2d');
    setInterval(() => { ctx.fillStyle = 'hsl(' + (Date.now() % 360) + ' 80% 50%)'; ctx.fillRect(0, 0, 160, 120); }, 50);
    return engine.startPublishingStream(streamID, canvas.captureStream(15));
  },
  async frames(streamID, count) {
    await listed(streamID);
    const video = Object.assign(document.createElement('video'), { muted: true });
    video.srcObject = await engine.startPlayingStream(streamID);
    document.body.append(video);
    await video.play();
    return new Promise((resolve) => {
      let n = 0;
      const next = () => (++n >= count ? resolve(n) : video.requestVideoFrameCallback(next));
      video.requestVideoFrameCallback(next);
    });
  },
  async relayTypes() {
    const out = [];
    for (const pc of pcs) {
      const stats = await pc.getStats();
      for (const r of stats.values())
        if (r.type === 'candidate-pair' && r.state === 'succeeded' && r.nominated)
          out.push(stats.get(r.localCandidateId)?.candidateType, stats.get(r.remoteCandidateId)?.candidateType);
    }
    return out;
  },
  async tryPlay(streamID) {
    await listed(streamID);
    try {
      await engine.startPlayingStream(streamID);
      return 'played';
    } catch (err) {
      return err.code + ' ' + (err.msg ?? String(err));
    }
  },
  failures: () => failures,
};
</script>`;

interface InPage {
  join(ws: string, room: string, userID: string, token: string): Promise<void>;
  publishCanvas(streamID: string): boolean;
  frames(streamID: string, count: number): Promise<number>;
  relayTypes(): Promise<string[]>;
  tryPlay(streamID: string): Promise<string>;
  failures(): string[];
}
type W = { t: InPage };

describe('TURN through a real coturn (relay only)', () => {
  let turn: ChildProcess;
  let turnPort: number;
  let good: RunningServer;
  let wrong: RunningServer;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'zego-turn-'));
  writeFileSync(join(dir, 'index.html'), PAGE);

  before(async () => {
    turnPort = await freePort();
    turn = spawn(
      findTurnserver({ install: false }),
      [
        '-n',
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${turnPort}`,
        '--min-port=49160',
        '--max-port=49400',
        '--use-auth-secret',
        `--static-auth-secret=${TURN_SECRET}`,
        '--realm=zego-test',
        '--allow-loopback-peers',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--log-file=stdout',
        `--pidfile=${join(dir, 'turn.pid')}`,
        `--userdb=${join(dir, 'turndb')}`,
      ],
      { stdio: 'ignore' },
    );
    await listening(turnPort, 'turnserver');
    const common = {
      port: 0,
      appID: APP_ID,
      serverSecret: SECRET,
      static: { '/dist/': 'dist', '/': dir },
      log: () => {},
    };
    const urls = [`turn:127.0.0.1:${turnPort}?transport=udp`];
    good = await startServer({ ...common, turn: { urls, secret: TURN_SECRET, ttl: 600 } });
    wrong = await startServer({ ...common, turn: { urls, secret: 'not-the-turn-secret' } });
    browser = await chromium.launch({
      executablePath: findChromium({ install: false }),
      headless: true,
      args: chromeArgs,
    });
  });

  after(async () => {
    await browser?.close();
    await good?.close();
    await wrong?.close();
    turn?.kill('SIGKILL');
  });

  /** A page logged in as `userID` to `roomID` on `server`, its engine relay-only. */
  async function party(server: RunningServer, roomID: string, userID: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => 't' in window);
    const token = await generateToken04(
      APP_ID,
      userID,
      SECRET,
      600,
      JSON.stringify({ room_id: roomID, privilege: { 1: 1, 2: 1 }, stream_id_list: null }),
    );
    await page.evaluate(
      ([ws, room, user, tok]) => (globalThis as unknown as W).t.join(ws!, room!, user!, tok!),
      [server.wsURL, roomID, userID, token],
    );
    return page;
  }

  it('hands each client TURN credentials of its own that coturn accepts: frames arrive over a relay pair', async () => {
    const alice = await party(good, 'relay', 'alice');
    const bob = await party(good, 'relay', 'bob');
    assert.equal(await alice.evaluate(() => (globalThis as unknown as W).t.publishCanvas('alice_main')), true);
    assert.equal(await bob.evaluate(() => (globalThis as unknown as W).t.frames('alice_main', 5)), 5);
    // The pair carrying the media is relayed on both sides.
    const types = await bob.evaluate(() => (globalThis as unknown as W).t.relayTypes());
    assert.ok(types.length >= 2, `a succeeded pair: ${JSON.stringify(types)}`);
    assert.ok(
      types.every((type) => type === 'relay'),
      `only relay candidates: ${JSON.stringify(types)}`,
    );
  });

  it('credentials from the wrong secret: coturn refuses them and playing fails saying so (no media, no hang)', async () => {
    const alice = await party(wrong, 'refused', 'alice');
    const bob = await party(wrong, 'refused', 'bob');
    await alice.evaluate(() => (globalThis as unknown as W).t.publishCanvas('alice_main'));
    // The tracks are announced at once (the offer/answer went through); no media ever flows.
    await bob.evaluate(() => (globalThis as unknown as W).t.tryPlay('alice_main'));
    const failure = await bob.waitForFunction(
      () => (globalThis as unknown as W).t.failures().find((f) => f.startsWith('NO_PLAY')),
      undefined,
      { timeout: 20000, polling: 200 },
    );
    const said = String(await failure.jsonValue());
    assert.match(said, /^NO_PLAY 1104031 /);
    assert.match(said, /401/);
  });

  it('the credentials are coturn’s REST scheme: "<expiry>:<userID>" and the base64 HMAC-SHA1 of it', () => {
    const { username, credential } = turnCredentials('secret', 'alice', 600, 1_700_000_000_000);
    assert.equal(username, '1700000600:alice');
    // openssl: printf '1700000600:alice' | openssl dgst -sha1 -hmac secret -binary | base64
    assert.equal(credential, '5PrY1fcLQr5jls8N4ZU7fEnmVNE=');
  });
});
