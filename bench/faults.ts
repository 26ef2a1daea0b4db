/**
 * Faults benchmark: how fast a call made of the demo page gets back after a failure, as the people
 * in it would see it. Real Chromium pages (`/?room=R&user=U&name=N` joins at once) against the real
 * server in a child process (test/support/faults.mjs), with a TCP proxy in front of the server for
 * the page whose network is cut. Five scenarios: the server killed and started again, a 3 s cut, a
 * 30 s cut, a silent link, a closed tab. Fresh pages and a fresh room for every run.
 *
 * Every time is taken from timestamps recorded in the pages (`Date.now()`, the same clock as this
 * process): the `state` attribute of `<zego-room>` by a MutationObserver, each remote video's
 * presented frames by `requestVideoFrameCallback` (through the shadow roots: zego-stream-grid →
 * zego-remote-stream → video), the grid's tiles by a 10 ms poll. Polling from here (every 50 ms)
 * only decides when a run is over.
 *
 * A run whose recovery never happens is recorded as failed with what the pages showed, and the
 * benchmark goes on; it exits 0 once the results are written (failures are results), 1 if it could
 * not run at all. Bounded: per-step timeouts, a time budget after which remaining runs are skipped,
 * and a watchdog that kills everything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { chromeArgs, findChromium } from '../scripts/chromium.mjs';
import { ChildServer, Proxy, freePort } from '../test/support/faults.mjs';

/** Runs of each short scenario, and of the 30 s cut. */
const RUNS = Number(process.env.FAULTS_RUNS ?? 5);
const LONG_RUNS = Number(process.env.FAULTS_LONG_RUNS ?? 3);
/** After this long, remaining runs are skipped (and said to be). */
const BUDGET_MS = 5.5 * 60 * 1000;
/** After this long, everything is killed and the process exits 1. */
const WATCHDOG_MS = 8 * 60 * 1000;
/** How long a recovery may take before the run counts as failed. */
const RECOVERY_TIMEOUT = 20000;
/** Frames that must be presented after the recovery to say the video is advancing. */
const FRAMES = 3;
/** A gap between presented frames longer than this is a stall (the camera sends 20 fps: 50 ms). */
const STALL_MS = 500;
/** The machine goes quiet between runs. */
const SETTLE_MS = 500;

const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- what the pages record

/**
 * Installed in every page before its scripts (a string, so that the TypeScript runner's helpers
 * never end up in the page). `window.__faults` keeps the room's states, the grid's remote tiles and
 * each remote stream's presented frames, all with `Date.now()` timestamps.
 */
const MONITOR = `(() => {
  const z = (window.__faults = { states: [], tiles: [], frames: {} });
  const hooked = new WeakSet();
  let room;
  let lastTiles;
  const tilesNow = () =>
    [...(document.querySelector('zego-stream-grid')?.shadowRoot?.querySelectorAll('zego-remote-stream') ?? [])];
  const tick = () => {
    const r = document.querySelector('zego-room');
    if (r && r !== room) {
      room = r;
      const note = () => z.states.push({ t: Date.now(), s: r.getAttribute('state') });
      note();
      new MutationObserver(note).observe(r, { attributes: true, attributeFilter: ['state'] });
    }
    const tiles = tilesNow();
    const ids = tiles.map((t) => t.getAttribute('stream-id')).sort().join(' ');
    if (ids !== lastTiles) {
      lastTiles = ids;
      z.tiles.push({ t: Date.now(), ids: ids ? ids.split(' ') : [] });
    }
    for (const tile of tiles) {
      const video = tile.shadowRoot?.querySelector('video');
      if (!video || hooked.has(video)) continue;
      hooked.add(video);
      const onFrame = () => {
        const id = tile.getAttribute('stream-id');
        (z.frames[id] ??= []).push(Date.now());
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    }
  };
  setInterval(tick, 10);

  /** The state now, and since when it has been that (the first of its run of entries). */
  const stateNow = () => {
    const s = z.states;
    if (!s.length) return { state: undefined, since: undefined };
    let i = s.length - 1;
    while (i > 0 && s[i - 1].s === s[i].s) i--;
    return { state: s[i].s, since: s[i].t };
  };
  const currentTiles = () => (z.tiles.length ? z.tiles[z.tiles.length - 1].ids : []);

  /** Up, with \`n\` remote tiles each presenting frames in the last second. */
  z.steady = (n) => {
    const now = Date.now();
    const ids = currentTiles();
    return (
      stateNow().state === 'connected' &&
      ids.length === n &&
      ids.every((id) => (z.frames[id] ?? []).filter((t) => t > now - 1000).length >= 5)
    );
  };

  /**
   * Back after \`t0\`? Connected (since when, at the earliest t0), \`n\` remote tiles, and for each
   * the first frame presented since then and how many.
   */
  z.recovery = (t0, n) => {
    const { state, since } = stateNow();
    const from = Math.max(since ?? t0, t0);
    const ids = currentTiles();
    const frames = ids.map((id) => {
      const f = (z.frames[id] ?? []).filter((t) => t >= from);
      return { id, first: f[0], count: f.length };
    });
    return { state, connectedAt: state === 'connected' ? from : undefined, tiles: ids, n, frames };
  };

  /** The first time at or after \`t0\` the room's state was \`s\`. */
  z.firstState = (s, t0) => z.states.find((e) => e.t >= t0 && e.s === s)?.t;

  /** The first time at or after \`t0\` the grid showed no tile \`id\`. */
  z.tileGone = (id, t0) => z.tiles.find((e) => e.t >= t0 && !e.ids.includes(id))?.t;

  /** Whether the grid dropped tile \`id\` at some time between \`t0\` and \`t1\`. */
  z.tileDropped = (id, t0, t1) => z.tiles.some((e) => e.t >= t0 && e.t <= t1 && !e.ids.includes(id));

  /** Per remote stream, the longest time between presented frames within [from, to] (edges included). */
  z.longestGap = (from, to) =>
    Object.entries(z.frames).map(([id, all]) => {
      const points = [from, ...all.filter((t) => t > from && t < to), to];
      let gap = 0;
      for (let i = 1; i < points.length; i++) gap = Math.max(gap, points[i] - points[i - 1]);
      return { id, gap, frames: points.length - 2 };
    });

  /** A short account for a failed run. */
  z.describe = () => ({
    states: z.states.slice(-8).map((e) => e.s + '@' + e.t),
    tiles: currentTiles(),
    frames: Object.fromEntries(Object.entries(z.frames).map(([id, f]) => [id, { count: f.length, last: f[f.length - 1] }])),
  });
})();`;

interface Recovery {
  state: string | undefined;
  connectedAt: number | undefined;
  tiles: string[];
  n: number;
  frames: { id: string; first: number | undefined; count: number }[];
}

// ---------------------------------------------------------------- processes, kept for cleanup

const servers: ChildServer[] = [];
const proxies: Proxy[] = [];
let browser: Browser | undefined;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  for (const s of servers.splice(0)) await s.kill().catch(() => undefined);
  for (const p of proxies.splice(0)) await p.close().catch(() => undefined);
}

/** Last resort: kill the servers at once (the browser is killed by playwright when this process exits). */
function killNow(why: string): never {
  console.error(`faults: ${why}; killing the servers and the browser`);
  for (const s of servers) s.child?.kill('SIGKILL');
  process.exit(1);
}
setTimeout(() => killNow(`still running after ${WATCHDOG_MS / 60000} min`), WATCHDOG_MS).unref();
process.once('SIGINT', () => killNow('interrupted'));
process.once('SIGTERM', () => killNow('terminated'));

async function startServer(heartbeatTimeout: number): Promise<ChildServer> {
  const server = new ChildServer(await freePort(), heartbeatTimeout, 1000);
  servers.push(server);
  await server.start();
  return server;
}

async function startProxy(target: number): Promise<{ proxy: Proxy; port: number }> {
  const proxy = new Proxy(target);
  proxies.push(proxy);
  return { proxy, port: await proxy.listen() };
}

// ---------------------------------------------------------------- pages

interface Party {
  user: string;
  context: BrowserContext;
  page: Page;
}

let roomSeq = 0;
const roomID = (name: string) => `faults-${name}-${Date.now().toString(36)}-${++roomSeq}`;

/** Waits for `probe` to give a value (not undefined/false), polling every 50 ms, at most `timeout` ms. */
async function until<T>(what: string, timeout: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeout} ms`);
    await sleep(50);
  }
}

const evaluate = <T>(party: Party, expr: string) => party.page.evaluate(expr) as Promise<T>;

/** One page per user, each joining `room` through its base URL; resolves when all see each other's video move. */
async function call(room: string, users: { user: string; base: string }[]): Promise<Party[]> {
  const parties: Party[] = [];
  try {
    for (const { user, base } of users) {
      const context = await browser!.newContext({ viewport: { width: 640, height: 480 } });
      const party = { user, context, page: undefined as unknown as Page };
      parties.push(party);
      await context.addInitScript(MONITOR);
      party.page = await context.newPage();
      await party.page.goto(`${base}/?room=${room}&user=${user}&name=${user}`);
    }
    for (const p of parties)
      await until(`${p.user} connected and sees ${parties.length - 1} moving videos`, 20000, () =>
        evaluate<boolean>(p, `__faults.steady(${parties.length - 1})`),
      );
    return parties;
  } catch (err) {
    await hangUp(parties);
    throw err;
  }
}

async function hangUp(parties: Party[]): Promise<void> {
  for (const p of parties) await p.context.close().catch(() => undefined);
}

/**
 * Waits until every party is connected with all its remote tiles presenting frames again after
 * `t0`; resolves with, per party, ms from `t0` to connected and to the later of that and the first
 * new frame of every remote video.
 */
async function recovered(parties: Party[], t0: number): Promise<{ connected: number; frames: number }[]> {
  const n = parties.length - 1;
  return Promise.all(
    parties.map((p) =>
      until(`${p.user} connected with ${n} remote videos advancing`, RECOVERY_TIMEOUT, async () => {
        const r = await evaluate<Recovery>(p, `__faults.recovery(${t0}, ${n})`);
        if (r.state !== 'connected' || r.tiles.length !== n || r.frames.some((f) => f.count < FRAMES)) return;
        const firstFrame = Math.max(...r.frames.map((f) => f.first!));
        return { connected: r.connectedAt! - t0, frames: Math.max(r.connectedAt!, firstFrame) - t0 };
      }).catch(async (err: Error) => {
        const seen = await evaluate<unknown>(p, '__faults.describe()').catch(() => 'page gone');
        throw new Error(`${err.message}; ${p.user} showed ${JSON.stringify(seen)}`);
      }),
    ),
  );
}

// ---------------------------------------------------------------- scenarios

type Sample = Record<string, number | boolean | string>;
interface Run {
  ok: boolean;
  error?: string;
  skipped?: boolean;
  sample?: Sample;
}
interface Scenario {
  name: string;
  title: string;
  server: { heartbeatInterval: number; heartbeatTimeout: number };
  pages: number;
  method: string;
  runs: Run[];
}

const scenarios: Scenario[] = [];

async function scenario(
  name: string,
  title: string,
  heartbeatTimeout: number,
  pages: number,
  runs: number,
  method: string,
  body: (server: ChildServer, i: number) => Promise<Sample>,
): Promise<void> {
  const s: Scenario = {
    name,
    title,
    server: { heartbeatInterval: 1000, heartbeatTimeout },
    pages,
    method,
    runs: [],
  };
  scenarios.push(s);
  console.log(`\n== ${name}: ${title}`);
  let server: ChildServer | undefined;
  try {
    server = await startServer(heartbeatTimeout);
  } catch (err) {
    s.runs.push({ ok: false, error: `the server did not start: ${(err as Error).message}` });
    console.log(`${name}: FAILED, the server did not start`);
    return;
  }
  for (let i = 0; i < runs; i++) {
    if (Date.now() - started > BUDGET_MS) {
      s.runs.push({ ok: false, skipped: true, error: 'skipped: time budget spent' });
      console.log(`${name} run ${i + 1}: skipped (time budget)`);
      continue;
    }
    try {
      const sample = await body(server, i);
      s.runs.push({ ok: true, sample });
      console.log(`${name} run ${i + 1}: ${JSON.stringify(sample)}`);
    } catch (err) {
      const error = (err as Error).message.slice(0, 1500);
      s.runs.push({ ok: false, error });
      console.log(`${name} run ${i + 1}: FAILED ${error}`);
      // A killed server stays down after a failed restart: bring it back for the next run.
      if (!server.child) await server.start().catch(() => undefined);
    }
    await sleep(SETTLE_MS);
  }
  await server.kill();
}

const direct = (server: ChildServer) => `http://127.0.0.1:${server.port}`;

async function restart(server: ChildServer): Promise<Sample> {
  const users = ['ann', 'ben', 'cat'];
  const parties = await call(
    roomID('restart'),
    users.map((user) => ({ user, base: direct(server) })),
  );
  try {
    await sleep(SETTLE_MS);
    const killed = Date.now();
    await server.kill();
    const spawned = Date.now();
    await server.start();
    const listening = Date.now();
    const back = await recovered(parties, listening);
    const reconnecting = await Promise.all(
      parties.map((p) => evaluate<number | undefined>(p, `__faults.firstState('reconnecting', ${killed})`)),
    );
    return {
      backMs: Math.max(...back.map((b) => b.frames)),
      connectedMs: Math.max(...back.map((b) => b.connected)),
      pagesBackMs: back.map((b) => b.frames).join(' '),
      startMs: listening - spawned,
      killToBackMs: Math.max(...back.map((b) => b.frames)) + listening - killed,
      allShowedReconnecting: reconnecting.every((t) => t !== undefined),
    };
  } finally {
    await hangUp(parties);
  }
}

/** alice through a proxy (her network is the one that fails), bob straight to the server. */
async function pair(name: string, server: ChildServer) {
  const { proxy, port } = await startProxy(server.port);
  try {
    const parties = await call(roomID(name), [
      { user: 'alice', base: `http://127.0.0.1:${port}` },
      { user: 'bob', base: direct(server) },
    ]);
    return { proxy, parties, alice: parties[0]!, bob: parties[1]! };
  } catch (err) {
    await proxy.close();
    throw err;
  }
}

async function dropPair(p: { proxy: Proxy; parties: Party[] }) {
  await hangUp(p.parties);
  await p.proxy.close();
  proxies.splice(proxies.indexOf(p.proxy), 1);
}

/** Longest frame gap over both pages' remote videos within [from, to]. */
async function longestGap(parties: Party[], from: number, to: number): Promise<number> {
  const gaps = await Promise.all(
    parties.map((p) => evaluate<{ gap: number }[]>(p, `__faults.longestGap(${from}, ${to})`)),
  );
  return Math.max(...gaps.flat().map((g) => g.gap));
}

async function cut3(server: ChildServer): Promise<Sample> {
  const p = await pair('cut3', server);
  try {
    // The 3 s before the cut are the control: the same measure with nothing failing.
    const control = Date.now();
    await sleep(3000);
    const cut = Date.now();
    p.proxy.cut(3000);
    const end = cut + 3000;
    await sleep(end - Date.now() + 100);
    const back = await recovered(p.parties, end);
    const reconnecting = await evaluate<number | undefined>(p.alice, `__faults.firstState('reconnecting', ${cut})`);
    return {
      longestGapMs: await longestGap(p.parties, cut, end),
      controlGapMs: await longestGap(p.parties, control, cut),
      connectedMs: back[0]!.connected,
      backMs: Math.max(...back.map((b) => b.frames)),
      reconnectingMs: reconnecting === undefined ? -1 : reconnecting - cut,
      bobDroppedAlice: await evaluate<boolean>(p.bob, `__faults.tileDropped('alice_main', ${cut}, ${Date.now()})`),
    };
  } finally {
    await dropPair(p);
  }
}

async function cut30(server: ChildServer): Promise<Sample> {
  const p = await pair('cut30', server);
  try {
    const cut = Date.now();
    p.proxy.cut(30000);
    const end = cut + 30000;
    await sleep(end - Date.now() + 100);
    const back = await recovered(p.parties, end);
    return {
      backMs: Math.max(...back.map((b) => b.frames)),
      aliceConnectedMs: back[0]!.connected,
      aliceBackMs: back[0]!.frames,
      bobBackMs: back[1]!.frames,
      bobDroppedAlice: await evaluate<boolean>(p.bob, `__faults.tileDropped('alice_main', ${cut}, ${end})`),
    };
  } finally {
    await dropPair(p);
  }
}

const SILENCE_MS = 5000;

async function silent(server: ChildServer): Promise<Sample> {
  const p = await pair('silent', server);
  try {
    const quiet = Date.now();
    p.proxy.silent = true;
    await sleep(SILENCE_MS);
    p.proxy.silent = false;
    const end = Date.now();
    const back = await recovered(p.parties, end);
    const reconnecting = await evaluate<number | undefined>(p.alice, `__faults.firstState('reconnecting', ${quiet})`);
    if (reconnecting === undefined) throw new Error('alice never showed reconnecting');
    return {
      reconnectingMs: reconnecting - quiet,
      backMs: Math.max(...back.map((b) => b.frames)),
      aliceConnectedMs: back[0]!.connected,
      aliceBackMs: back[0]!.frames,
      bobBackMs: back[1]!.frames,
      bobDroppedAlice: await evaluate<boolean>(p.bob, `__faults.tileDropped('alice_main', ${quiet}, ${end})`),
    };
  } finally {
    await dropPair(p);
  }
}

async function tabClose(server: ChildServer): Promise<Sample> {
  const [alice, dave] = await call(roomID('tab'), [
    { user: 'alice', base: direct(server) },
    { user: 'dave', base: direct(server) },
  ]);
  try {
    await sleep(SETTLE_MS);
    const closed = Date.now();
    await dave!.page.close();
    const gone = await until('dave’s tile gone from alice’s grid', 10000, () =>
      evaluate<number | undefined>(alice!, `__faults.tileGone('dave_main', ${closed})`),
    );
    return { goneMs: gone - closed };
  } finally {
    await hangUp([alice!, dave!]);
  }
}

// ---------------------------------------------------------------- run

let exitCode = 0;
try {
  browser = await chromium.launch({
    executablePath: findChromium({ install: false }),
    headless: true,
    args: chromeArgs,
  });
  const browserVersion = browser.version();

  await scenario(
    'restart',
    'the server is SIGKILLed and started again on the same port at once; three pages',
    3000,
    3,
    RUNS,
    'server listening again → every page `connected` and every remote video presenting new frames',
    (server) => restart(server),
  );
  await scenario(
    'cut3',
    'one page’s connections cut for 3 s (the proxy refuses new ones meanwhile); the session is resumed',
    12000,
    2,
    RUNS,
    'longest gap between presented frames of the remote videos on both pages during the cut; cut end → `connected`',
    (server) => cut3(server),
  );
  await scenario(
    'cut30',
    'one page’s connections cut for 30 s; the hub drops the session after 3 s, the page rejoins',
    3000,
    2,
    LONG_RUNS,
    'cut end → both pages `connected` and each remote video presenting new frames',
    (server) => cut30(server),
  );
  await scenario(
    'silent',
    `one page’s link silent for ${SILENCE_MS / 1000} s (sockets open, bytes dropped both ways)`,
    3000,
    2,
    RUNS,
    'silence → `reconnecting`; silence end → both pages `connected` and each remote video presenting new frames',
    (server) => silent(server),
  );
  await scenario(
    'tab',
    'one of two pages closed normally (`page.close()`: pagehide)',
    3000,
    2,
    RUNS,
    'close → its tile gone from the other page’s grid',
    (server) => tabClose(server),
  );

  await cleanup();

  const median = (xs: number[]) => {
    const s = [...xs].sort((p, q) => p - q);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const stat = (sc: Scenario, key: string) => {
    const xs = sc.runs.filter((r) => r.ok).map((r) => r.sample![key] as number);
    return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs } : undefined;
  };
  const get = (name: string) => scenarios.find((s) => s.name === name)!;
  /** The figures the report shows, each with its goal (ms) where it has one. */
  const figures = [
    {
      scenario: 'restart',
      key: 'backMs',
      what: 'server listening again → all connected, frames advancing',
      goal: 2000,
    },
    { scenario: 'restart', key: 'startMs', what: 'server start (spawn → listening), for reference' },
    { scenario: 'cut3', key: 'longestGapMs', what: 'longest frame gap during the cut', goal: STALL_MS },
    { scenario: 'cut3', key: 'controlGapMs', what: 'longest frame gap in the 3 s before the cut, for reference' },
    { scenario: 'cut3', key: 'connectedMs', what: 'cut end → connected', goal: 2000 },
    { scenario: 'cut30', key: 'backMs', what: 'cut end → both connected, frames advancing', goal: 2000 },
    { scenario: 'silent', key: 'reconnectingMs', what: 'silence → reconnecting', goal: 2000 },
    { scenario: 'silent', key: 'backMs', what: 'silence end → both connected, frames advancing', goal: 2000 },
    { scenario: 'tab', key: 'goneMs', what: 'close → tile gone', goal: 1000 },
  ].map((f) => {
    const s = stat(get(f.scenario), f.key);
    const runs = s?.runs ?? [];
    return {
      ...f,
      stat: s,
      withinGoal: f.goal === undefined ? undefined : runs.filter((x) => x <= f.goal!).length,
      met: f.goal === undefined || !s ? undefined : s.median <= f.goal,
    };
  });
  const failed = scenarios.flatMap((s) => s.runs.filter((r) => !r.ok && !r.skipped).map(() => s.name));
  const skipped = scenarios.flatMap((s) => s.runs.filter((r) => r.skipped).map(() => s.name));
  const results = {
    name: 'faults',
    date: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, browser: browserVersion },
    method:
      'demo pages against `zego-elements serve` in a child process (TCP proxy in front for the failing page); times from Date.now() stamps in the pages: room state by MutationObserver, frames by requestVideoFrameCallback, tiles by a 10 ms poll',
    parameters: { framesAfterRecovery: FRAMES, stallMs: STALL_MS, silenceMs: SILENCE_MS, settleMs: SETTLE_MS },
    scenarios,
    figures,
    failedRuns: failed.length,
    skippedRuns: skipped.length,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/faults.json', JSON.stringify(results, null, 2) + '\n');

  console.log(`\nfaults, ${results.seconds} s:`);
  for (const f of figures) {
    const s = f.stat;
    console.log(
      `  ${f.scenario}: ${f.what}: ` +
        (s
          ? `median ${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)}, ${s.runs.length} runs)` +
            (f.goal === undefined
              ? ''
              : `; goal ≤ ${f.goal} ms: ${f.met ? 'met' : 'NOT met'}, ${f.withinGoal}/${s.runs.length} runs within`)
          : 'no successful run'),
    );
  }
  if (failed.length) console.log(`  FAILED runs: ${failed.join(', ')} (see bench/results/faults.json)`);
  if (skipped.length) console.log(`  skipped runs (time budget): ${skipped.join(', ')}`);
} catch (err) {
  console.error(`faults: could not run: ${(err as Error).stack ?? err}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
