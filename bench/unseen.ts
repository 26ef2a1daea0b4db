/**
 * unseen-video benchmark: a 9-person call on one page (`bench/unseen/`: an in-page hub, eight bots
 * publishing moving 320×240 canvases at 15 fps, a viewer whose grid shows four tiles a page). The
 * video bytes the viewer receives per second with the kit as it is (tiles off screen turn their
 * video off: the publisher sends them none) and with `mutePlayStreamVideo` made a no-op (every
 * stream's video received, as before), each in a fresh page, interleaved, three rounds.
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
  streams: number;
}
async function measure(unseenOff: boolean): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/bench/unseen/index.html`);
    await page.waitForFunction('typeof window.run === "function"');
    return (await page.evaluate(`window.run(${unseenOff}, ${SECONDS})`)) as Sample;
  } finally {
    await context.close();
  }
}

const withIt: Sample[] = [];
const without: Sample[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so a slow stretch of the machine does not favour one side.
  for (const off of round % 2 ? [true, false] : [false, true]) {
    const s = await measure(off);
    (off ? without : withIt).push(s);
    console.log(
      `round ${round + 1}, ${off ? 'every video received' : 'unseen video off'}: ${Math.round(s.bytesPerSecond / 1024)} KB/s (${s.shown} of ${s.streams} tiles shown)`,
    );
  }
}
await browser.close();
await server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a = median(withIt.map((s) => s.bytesPerSecond));
const b = median(without.map((s) => s.bytesPerSecond));
const results = {
  name: 'unseen',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, browser: browser.version() },
  seconds: SECONDS,
  rounds: ROUNDS,
  shown: withIt[0]?.shown,
  streams: withIt[0]?.streams,
  with: { median: a, samples: withIt.map((s) => s.bytesPerSecond) },
  without: { median: b, samples: without.map((s) => s.bytesPerSecond) },
  ratio: a / b,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/unseen.json', JSON.stringify(results, null, 2) + '\n');
console.log(
  `video received: ${Math.round(a / 1024)} KB/s with unseen video off, ${Math.round(b / 1024)} KB/s without: ratio ${results.ratio.toFixed(2)}`,
);
