/**
 * Fuzz benchmark: the fuzz test (`test/node/fuzz.test.ts`) at scale. The real server runs in a
 * child process (`bench/hub-server.ts`, dev mode); two legitimate users in one room exchange a
 * signal each way every 20 ms while four fuzz connections in another room (two logged in, two
 * not) send 100,000 seeded WebSocket frames and 50,000 raw TCP cases hit the HTTP server (the
 * test's proportions). Every request must be answered once with a ZEGO code, the server must stay
 * up (`/api/health` after each batch), every legitimate signal must arrive exactly once, in order,
 * unchanged, and nothing else must reach the legitimate users.
 *
 * Measured: frames/s and TCP cases/s, the server's RSS before (after a forced GC), at its peak
 * (sampled every 250 ms), after a forced GC every 20,000 frames and at the end, and the legitimate signals' latency (sent → received).
 * Options: FUZZ_SEED (default 20261201), FUZZ_FRAMES (100000), FUZZ_TCP_CASES (50000).
 * Results: bench/results/fuzz.json. Exits 1 when a check fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomTcpCase } from '../test/node/support/fuzz.js';
import { LegitPair, ServerChild, fuzzConns, fuzzFrames, tcpCases } from '../test/node/support/fuzz-harness.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const TCP_CASES = Number(process.env.FUZZ_TCP_CASES ?? 50_000);
const BATCH = 50;
const TCP_BATCH = 1000;

const started = Date.now();
const log = (line: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 100) / 100;
};

const server = await ServerChild.start({ heartbeatTimeout: 120_000, maxMessagesPerSecond: 1e9 });
const pair = await LegitPair.start(server, 'room-a');
pair.run(20);
const conns = await fuzzConns(server, 'room-b');
const rssBefore = (await server.stats(true)).memory.rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  server
    .stats()
    .then((s) => (rssPeak = Math.max(rssPeak, s.memory.rss)))
    .catch(() => undefined);
}, 250);

const problems: string[] = [];
/** After a batch: the server is up, the legitimate users are undisturbed, nothing was logged. */
async function check(label: string, found: string[]): Promise<void> {
  problems.push(...found);
  if (!(await server.healthy().catch(() => false)))
    problems.push(`${label}: /api/health is not 200 (${server.exited})`);
  problems.push(...(await pair.settle()).map((p) => `${label}: ${p}`));
  problems.push(...server.logged.splice(0).map((l) => `${label}: the server logged ${l}`));
  if (problems.length) throw new Error(`${label}: ${problems.slice(0, 10).join('\n')}`);
}

log(`seed ${SEED}: ${TCP_CASES} raw TCP cases`);
const tcpStart = performance.now();
for (let first = 0; first < TCP_CASES; first += TCP_BATCH) {
  const n = Math.min(TCP_BATCH, TCP_CASES - first);
  await check(
    `seed ${SEED} tcp cases ${first}–${first + n - 1}`,
    await tcpCases(server, SEED, first, n, 16, randomTcpCase),
  );
}
const tcpSeconds = (performance.now() - tcpStart) / 1000;
log(`${TCP_CASES} TCP cases in ${tcpSeconds.toFixed(1)} s; ${FRAMES} WebSocket frames`);

const rssCurve: { frames: number; mb: number }[] = [];
const latencyFrom = pair.latencies.length;
const wsStart = performance.now();
const frames = await fuzzFrames(conns, SEED, FRAMES, BATCH, async (label, found, round) => {
  if (round % 20 === 19) {
    await check(label, found);
    log(`${label}`);
  } else problems.push(...found);
  // RSS after a forced GC every 20,000 frames: it must level off, not grow with the frames.
  if (round % 100 === 99)
    rssCurve.push({ frames: (round + 1) * BATCH * conns.length, mb: mb((await server.stats(true)).memory.rss) });
});
await check(`seed ${SEED} ws: at the end`, []);
const wsSeconds = (performance.now() - wsStart) / 1000;
const latencies = pair.latencies.slice(latencyFrom);
clearInterval(sampler);
const rssAfter = (await server.stats(true)).memory.rss;

const results = {
  name: 'fuzz',
  date: new Date(started).toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  seed: SEED,
  pass: problems.length === 0 && !server.exited,
  tcp: { cases: TCP_CASES, seconds: Math.round(tcpSeconds * 10) / 10, perSecond: Math.round(TCP_CASES / tcpSeconds) },
  ws: { frames, seconds: Math.round(wsSeconds * 10) / 10, framesPerSecond: Math.round(frames / wsSeconds) },
  serverRssMB: { before: mb(rssBefore), peak: mb(rssPeak), after: mb(rssAfter), afterGcByFrames: rssCurve },
  legitimateSignals: {
    sent: pair.signalCount,
    duringFrames: latencies.length,
    latencyMs: { p50: pct(latencies, 50), p99: pct(latencies, 99), max: pct(latencies, 100) },
  },
  problems: problems.slice(0, 20),
};
for (const c of conns) c.close();
pair.stop();
server.stop();
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/fuzz.json', JSON.stringify(results, null, 2) + '\n');
log(
  `${results.pass ? 'pass' : 'FAIL'}: ${frames} frames at ${results.ws.framesPerSecond}/s, RSS ${results.serverRssMB.before} → ${results.serverRssMB.peak} → ${results.serverRssMB.after} MB, signal latency p50 ${results.legitimateSignals.latencyMs.p50} ms p99 ${results.legitimateSignals.latencyMs.p99} ms`,
);
process.exit(results.pass ? 0 : 1);
