/**
 * Join benchmark: time from clicking Join to the first remote video frame
 * (`requestVideoFrameCallback`) in a second page, through the real server, for (a) the kit's demo
 * page and (b) a raw baseline page doing the same call with plain RTCPeerConnection and the same
 * server (bench/raw/). Runs are interleaved, in three rounds of ten; medians and the kit/raw ratio come
 * from one invocation, overall and per round.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium, type Page } from 'playwright';
import { startServer } from '../src/server/server.js';
import { chromeArgs, findChromium } from '../scripts/chromium.mjs';

/** Interleaved runs of each page per round; rounds show how much the ratio itself moves. */
const RUNS = Number(process.env.JOIN_RUNS ?? 10);
const ROUNDS = Number(process.env.JOIN_ROUNDS ?? 3);
const server = await startServer({
  port: 0,
  static: { '/dist/': 'dist', '/bench/': 'bench', '/': 'demo' },
  log: () => {},
});
const browser = await chromium.launch({
  executablePath: findChromium({ install: false }),
  headless: true,
  args: chromeArgs,
});

type Variant = 'kit' | 'raw';

/** Lets the machine go quiet between steps, so one run's start-up work does not land in another's timing. */
const SETTLE_MS = 400;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/**
 * Clicks Join in the page and resolves with ms until the first remote frame is presented. Kept as a
 * string so the TypeScript runner's helpers never end up inside the page.
 */
const IN_PAGE = `(variant) => {
  const findVideo = () =>
    variant === 'kit'
      ? document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-stream-grid')?.shadowRoot?.querySelector('zego-remote-stream')?.shadowRoot?.querySelector('video') ?? null
      : document.querySelector('#videos video');
  return new Promise((resolve, reject) => {
    const button =
      variant === 'kit'
        ? document.querySelector('zego-call').shadowRoot.querySelector('zego-prejoin').shadowRoot.querySelector('[part~="join"]')
        : document.querySelector('#join');
    const t0 = performance.now();
    button.click();
    const timeout = setTimeout(() => reject(new Error('no remote frame in 20 s')), 20000);
    const look = () => {
      const video = findVideo();
      if (!video || !video.srcObject) return void requestAnimationFrame(look);
      video.requestVideoFrameCallback(() => {
        clearTimeout(timeout);
        resolve(performance.now() - t0);
      });
    };
    look();
  });
}`;

function clickAndTime(page: Page, variant: Variant): Promise<number> {
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify(variant)})`) as Promise<number>;
}

async function run(variant: Variant, i: number): Promise<number> {
  const room = `join-${variant}-${i}-${Date.now().toString(36)}`;
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  try {
    const a = await ctxA.newPage();
    if (variant === 'kit') await a.goto(`${server.url}/?room=${room}&user=pub&name=Pub`);
    else {
      await a.goto(`${server.url}/bench/raw/index.html?room=${room}&user=pub`);
      await a.click('#join');
    }
    for (let t = 0; t < 400 && !server.hub.roomView(room).streams.length; t++)
      await new Promise((r) => setTimeout(r, 25));
    if (!server.hub.roomView(room).streams.length) throw new Error('the publisher did not publish');
    await settle(); // the publisher's capture and page are up and idle
    const b = await ctxB.newPage();
    if (variant === 'kit') {
      // The demo's pre-join screen, the camera already previewing, as a person clicks Join.
      await b.goto(`${server.url}/?room=${room}`);
      await b.fill('zego-prejoin [part~="name"]', 'Viewer');
      await b.waitForFunction(
        () => !!document.querySelector('zego-call')?.shadowRoot?.querySelector('zego-prejoin')?.stream,
      );
    } else await b.goto(`${server.url}/bench/raw/index.html?room=${room}&user=viewer`);
    await b.waitForLoadState('load');
    await settle(); // modules the page loads after 'load' (the demo's engine preload) are in
    return await clickAndTime(b, variant);
  } finally {
    await ctxA.close();
    await ctxB.close();
    await settle(); // the closed pages' processes are gone before the next run starts
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const times: Record<Variant, number[]> = { kit: [], raw: [] };
const rounds: { kit: number; raw: number; ratio: number }[] = [];
await run('kit', -1); // warm-up (browser and server caches), not counted
await run('raw', -1);
for (let r = 0; r < ROUNDS; r++) {
  const round: Record<Variant, number[]> = { kit: [], raw: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const v of (i % 2 ? ['raw', 'kit'] : ['kit', 'raw']) as Variant[]) {
      const ms = await run(v, r * RUNS + i);
      round[v].push(ms);
      times[v].push(ms);
      console.log(`round ${r + 1} run ${i + 1} ${v}: ${ms.toFixed(0)} ms`);
    }
  }
  const k = median(round.kit);
  const w = median(round.raw);
  rounds.push({ kit: k, raw: w, ratio: k / w });
  console.log(`round ${r + 1}: kit ${k.toFixed(0)} ms, raw ${w.toFixed(0)} ms, kit/raw ${(k / w).toFixed(2)}`);
}
await browser.close();
await server.close();

const summary = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
const kit = summary(times.kit);
const raw = summary(times.raw);
const ratio = kit.median / raw.median;
const results = {
  name: 'join',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, browser: browser.version() },
  method:
    'click Join → first remote frame (requestVideoFrameCallback) in a second page; publisher already publishing; fresh contexts per run; interleaved',
  runs: RUNS,
  roundsOf: ROUNDS,
  settleMs: SETTLE_MS,
  rounds,
  kit,
  raw,
  ratio,
  goal: 1.2,
  met: ratio <= 1.2,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/join.json', JSON.stringify(results, null, 2) + '\n');
console.log(
  `join → first remote frame, median of ${RUNS * ROUNDS}: kit ${kit.median.toFixed(0)} ms (${kit.min.toFixed(0)}–${kit.max.toFixed(0)}), ` +
    `raw ${raw.median.toFixed(0)} ms (${raw.min.toFixed(0)}–${raw.max.toFixed(0)}); kit/raw ${ratio.toFixed(2)}, rounds ${rounds.map((x) => x.ratio.toFixed(2)).join(' ')} (goal ≤ 1.2: ${results.met ? 'met' : 'NOT met'})`,
);
