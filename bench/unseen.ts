/**
 * unseen-video benchmark: a 9-person call on one page (`bench/unseen/`: an in-page hub, eight bots
 * publishing Chromium's fake camera at 640×480 and 15 fps, a viewer). The video bytes the viewer receives per
 * second, each in a fresh page, interleaved, three rounds:
 * - pages: its grid shows four tiles a page; the kit as it is (tiles off screen turn their video
 *   off: the publisher sends them none) against `mutePlayStreamVideo` made a no-op;
 * - thumbnails: its grid shows everyone in the speaker layout; the kit as it is (the strip's
 *   thumbnails are sent at half size) against `setPlayStreamVideoType` made a no-op.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from 'playwright';
import { startServer } from '../src/server/server.js';
import { chromeArgs, findChromium } from '../scripts/chromium.mjs';

const ROUNDS = Number(process.env.UNSEEN_ROUNDS ?? 3);
const SECONDS = Number(process.env.UNSEEN_SECONDS ?? 10);
const server = await startServer({ port: 0, static: { '/dist/': 'dist', '/bench/': 'bench' }, log: () => {} });
const browser = await chromium.launch({
  executablePath: findChromium({ install: false }),
  headless: true,
  args: chromeArgs,
});

interface Sample {
  bytesPerSecond: number;
  shown: number;
  small: number;
  streams: number;
}
type Mode = 'pages' | 'thumbnails';
async function measure(mode: Mode, off: boolean): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/bench/unseen/index.html`);
    await page.waitForFunction('typeof window.run === "function"');
    return (await page.evaluate(`window.run('${mode}', ${off}, ${SECONDS})`)) as Sample;
  } finally {
    await context.close();
  }
}

const samples: Record<Mode, { with: Sample[]; without: Sample[] }> = {
  pages: { with: [], without: [] },
  thumbnails: { with: [], without: [] },
};
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of ['pages', 'thumbnails'] as const) {
    // Alternate which goes first, so a slow stretch of the machine does not favour one side.
    for (const off of round % 2 ? [true, false] : [false, true]) {
      const s = await measure(mode, off);
      samples[mode][off ? 'without' : 'with'].push(s);
      console.log(
        `round ${round + 1}, ${mode}, ${off ? 'without' : 'with'}: ${Math.round(s.bytesPerSecond / 1024)} KB/s (${s.shown} of ${s.streams} tiles shown, ${s.small} small)`,
      );
    }
  }
}
await browser.close();
await server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (mode: Mode) => {
  const a = median(samples[mode].with.map((s) => s.bytesPerSecond));
  const b = median(samples[mode].without.map((s) => s.bytesPerSecond));
  return {
    shown: samples[mode].with[0]?.shown,
    small: samples[mode].with[0]?.small,
    with: { median: a, samples: samples[mode].with.map((s) => s.bytesPerSecond) },
    without: { median: b, samples: samples[mode].without.map((s) => s.bytesPerSecond) },
    ratio: a / b,
  };
};
const pages = summary('pages');
const results = {
  name: 'unseen',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, browser: browser.version() },
  seconds: SECONDS,
  rounds: ROUNDS,
  streams: 8,
  ...pages,
  thumbnails: summary('thumbnails'),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/unseen.json', JSON.stringify(results, null, 2) + '\n');
for (const [mode, r] of [
  ['pages', pages],
  ['thumbnails', results.thumbnails],
] as const)
  console.log(
    `${mode}: ${Math.round(r.with.median / 1024)} KB/s with, ${Math.round(r.without.median / 1024)} KB/s without: ratio ${r.ratio.toFixed(2)}`,
  );
