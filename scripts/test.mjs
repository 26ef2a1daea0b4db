// `npm test`: finds (or installs) Chromium, Firefox, coturn and redis-server, builds the package, type-checks, lints, builds the
// showcase and the framework examples, then runs every Node test and every browser test. Ends with
// one line: `N passed, M failed` (`, K skipped` if any), counting each test plus each static check
// (build, types, lint, format, size, storybook, examples) as one test each.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { findChromium } from './chromium.mjs';
import { findFirefox } from './firefox.mjs';
import { findTurnserver } from './coturn.mjs';
import { findRedisServer } from './redis.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function check(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const { code } = await run(cmd, args);
  if (code === 0) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  return code === 0;
}

const npx = (bin) => `node_modules/.bin/${bin}`;

let chrome;
let firefox;
if (only !== 'node') {
  try {
    chrome = findChromium();
    firefox = findFirefox();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
// coturn and Redis, for the Node tests that call through a TURN relay and through a cluster of
// server nodes (they start their own on loopback).
if (only !== 'browser') {
  try {
    findTurnserver();
    findRedisServer();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

// The build comes first: stories, examples and tests type-check against the built package.
const built = await check('build', 'npm', ['run', '--silent', 'build']);
if (!only) {
  await check('types', npx('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  await check('lint', npx('eslint'), ['.']);
  await check('format', npx('prettier'), ['--check', '.']);
}
// Size budgets (deterministic, so enforced here): see "size-limit" in package.json.
if (!only) {
  if (built) await check('size', npx('size-limit'), []);
  else {
    totals.failed++;
    failures.push('size (the build failed)');
  }
}
// The showcase, built for the smoke test among the Node tests.
if (only !== 'browser') {
  if (built) await check('storybook', 'npm', ['run', '--silent', 'build-storybook']);
  else {
    totals.failed++;
    failures.push('storybook (the build failed)');
  }
}
// The examples (type-checked, then built by Vite) import the built package; the browser tests load them.
if (only !== 'node') {
  if (built) await check('examples', 'npm', ['run', '--silent', 'build:examples']);
  else {
    totals.failed++;
    failures.push('examples (the build failed)');
  }
}

if (only !== 'browser') {
  const files = readdirSync('test/node')
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/node/${f}`);
  console.log(`\n=== node tests (${files.length} files)`);
  const { code, out } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
  const count = (label) => Number(out.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const pass = count('pass');
  const fail = count('fail') + count('cancelled');
  totals.passed += pass;
  totals.failed += fail;
  totals.skipped += count('skipped') + count('todo');
  if (code !== 0 && fail === 0) {
    totals.failed++;
    failures.push('node test runner');
  } else if (fail) failures.push(`${fail} node test(s)`);
}

/** Runs web-test-runner with `config`; its summary line's counts join the totals. */
async function browserTests(name, config, env) {
  console.log(`\n=== browser tests (${name})`);
  if (!built) {
    totals.failed++;
    failures.push(`${name} tests (the build failed)`);
    return;
  }
  const { code, out } = await run(npx('web-test-runner'), ['--config', config], env);
  const last = [...out.matchAll(/(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/g)].at(-1);
  if (!last) {
    totals.failed++;
    failures.push(`${name} test runner (no summary)`);
    return;
  }
  totals.passed += Number(last[1]);
  totals.failed += Number(last[2]);
  totals.skipped += Number(last[3] ?? 0);
  if (Number(last[2])) failures.push(`${last[2]} ${name} test(s)`);
  else if (code !== 0) {
    totals.failed++;
    failures.push(`${name} test runner`);
  }
}

if (only !== 'node') {
  await browserTests('Chromium', 'web-test-runner.config.mjs', { CHROME_PATH: chrome });
  // The element tests and the browser-capability tests again in Firefox.
  await browserTests('Firefox', 'web-test-runner.firefox.config.mjs', { FIREFOX_PATH: firefox });
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed ? 1 : 0);
