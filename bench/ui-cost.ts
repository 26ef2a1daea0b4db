/**
 * ui-cost benchmark: one page, an in-page hub, N = 1…36 bot streams added one by one. Per ADD: the
 * time from the session applying it to the grid and the new tile having rendered; and at each N,
 * the median cost of one quality update for one stream. Goal: flat (N=36 ≤ 1.5× N=2).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { chromium } from 'playwright';
import { startServer } from '../src/server/server.js';
import { chromeArgs, findChromium } from '../scripts/chromium.mjs';

const MAX_N = Number(process.env.UI_MAX_N ?? 36);
const server = await startServer({ port: 0, static: { '/dist/': 'dist', '/bench/': 'bench' }, log: () => {} });
const browser = await chromium.launch({
  executablePath: findChromium({ install: false }),
  headless: true,
  args: chromeArgs,
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(`${server.url}/bench/ui-cost/index.html`);
await page.waitForFunction('typeof window.run === "function"');
const rows = (await page.evaluate(`window.run(${MAX_N})`)) as {
  n: number;
  addMs: number;
  addSamples: number[];
  qualityMs: number;
  gridRendersDuringQualityUpdates: number;
}[];
await browser.close();
await server.close();

/**
 * Medians over N in [from, to], of every ADD measured there (each N measures the new bot's ADD and
 * a probe stream's, published and stopped again): single events are noisy, and N=1 includes
 * first-use warm-up.
 */
const window_ = (from: number, to: number) => {
  const xs = rows.filter((r) => r.n >= from && r.n <= to);
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  return { addMs: med(xs.flatMap((r) => r.addSamples)), qualityMs: med(xs.map((r) => r.qualityMs)) };
};
const low = window_(2, 6);
const high = window_(MAX_N - 4, MAX_N);
const ratios = { add: high.addMs / low.addMs, quality: high.qualityMs / low.qualityMs };
const results = {
  name: 'ui-cost',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, browser: browser.version() },
  rows,
  low: { n: '2–6', ...low },
  high: { n: `${MAX_N - 4}–${MAX_N}`, ...high },
  ratios,
  goal: 'N=36 ≤ 1.5 × N=2',
  gridRendersDuringQualityUpdates: rows.reduce((a, r) => a + r.gridRendersDuringQualityUpdates, 0),
  met: ratios.add <= 1.5 && ratios.quality <= 1.5,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/ui-cost.json', JSON.stringify(results, null, 2) + '\n');
for (const r of rows)
  console.log(
    `N=${r.n}: ADD → tile ${r.addMs.toFixed(2)} ms; quality update ${r.qualityMs.toFixed(3)} ms; grid renders during them ${r.gridRendersDuringQualityUpdates}`,
  );
console.log(
  `ADD cost N=${MAX_N - 4}–${MAX_N} / N=2–6 = ${ratios.add.toFixed(2)}, quality update ${ratios.quality.toFixed(2)} (goal ≤ 1.5: ${results.met ? 'met' : 'NOT met'})`,
);
