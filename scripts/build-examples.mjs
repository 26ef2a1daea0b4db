// `npm run build:examples`: type-checks and builds examples/react and examples/vue into
// examples/*/dist/. The examples import `zego-elements` as an app would (the package's `exports`,
// i.e. the built dist/ and its typings), so `npm run build` must have run first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;

for (const file of ['dist/index.js', 'dist/react.d.ts', 'dist/vue.d.ts']) {
  if (!existsSync(`${root}${file}`)) {
    console.error(`build:examples: ${file} is missing; run \`npm run build\` first.`);
    process.exit(1);
  }
}

const steps = [
  ['react: types', bin('tsc'), ['-p', 'examples/react']],
  ['vue: types', bin('vue-tsc'), ['-p', 'examples/vue']],
  ['react: build', bin('vite'), ['build', 'examples/react', '--logLevel', 'warn']],
  ['vue: build', bin('vite'), ['build', 'examples/vue', '--logLevel', 'warn']],
];

for (const [name, cmd, args] of steps) {
  const started = performance.now();
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`build:examples: ${name} failed (${seconds} s)`);
    process.exit(1);
  }
  console.log(`build:examples: ${name} ok (${seconds} s)`);
}
