/**
 * `npm run bench`: runs the nine benchmarks one after another (each in its own process, so one's
 * browser or server never overlaps another's), records how long each took in
 * bench/results/run.json, and regenerates BENCHMARKS.md. Stops at the first benchmark that fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const names = ['size', 'join', 'ui-cost', 'leaks', 'hub', 'fuzz', 'faults', 'unseen', 'capacity'];
const steps: { name: string; seconds: number }[] = [];
const started = Date.now();
for (const name of names) {
  console.log(`\n== bench:${name}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`bench:${name} failed (exit ${r.status ?? r.signal}); BENCHMARKS.md not regenerated`);
    process.exit(1);
  }
  steps.push({ name, seconds: Math.round((Date.now() - t0) / 100) / 10 });
}
const totalSeconds = Math.round((Date.now() - started) / 1000);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/run.json',
  JSON.stringify({ name: 'run', date: new Date(started).toISOString(), totalSeconds, steps }, null, 2) + '\n',
);
console.log(`\nall nine in ${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`);
const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/report.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
