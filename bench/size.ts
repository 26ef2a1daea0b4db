/**
 * Size benchmark: minified and gzipped bytes of what a browser downloads, as rollup builds it
 * (`npm run build` first). Each figure follows the static imports of a file to every chunk it
 * loads with it. An app on the mesh engine downloads the elements entry (and its chunks) and, at
 * join, the mesh engine chunk and the chunks it imports that the page does not have yet; an app on
 * ZEGO's cloud downloads the elements entry plus the SDK, never the mesh engine.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
// @ts-expect-error plain JavaScript, shared with the size budgets (.size-limit.mjs)
import { BROWSER_DIR, downloads } from '../scripts/bundle-files.mjs';

const dir = BROWSER_DIR;
const chunk = (prefix: string) =>
  readdirSync(`${dir}/chunks`)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.js'))
    .map((f) => `chunks/${f}`)[0];
const closure = (file: string, from = dir) => downloads([file], from);

/** Minified and gzipped bytes of a set of files, each gzipped on its own as a server sends it. */
function measure(files: Iterable<string>, from = dir) {
  const list = [...files].sort();
  let min = 0;
  let gzip = 0;
  for (const f of list) {
    const bytes = readFileSync(`${from}/${f}`);
    min += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: list, min, gzip };
}

const elementsFiles: Set<string> = closure('zego-elements.min.js');
/** `zego-elements/room`, `/stream-grid` and `/call-controls` imported one by one, bundled as an app would (rollup's `.size/`). */
const minimal = measure(closure('minimal-call.js', '.size'), '.size');
const meshChunk = chunk('mesh-engine-');
const meshFiles = meshChunk ? [...closure(meshChunk)].filter((f) => !elementsFiles.has(f)) : [];
const elements = measure(elementsFiles);
const mesh = meshChunk ? measure(meshFiles) : undefined;
const call = measure([...elementsFiles, ...meshFiles]);
const hub = measure(closure('hub.min.js'));
const zhChunk = chunk('zh-CN-');
const zhCN = zhChunk ? measure([zhChunk]) : undefined;
const goals = { minimal: 20 * 1024, elements: 35 * 1024, mesh: 25 * 1024 };
const results = {
  name: 'size',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  entries: { minimal, elements, mesh, call, hub, zhCN },
  goals,
  met: {
    minimal: minimal.gzip <= goals.minimal,
    elements: elements.gzip <= goals.elements,
    mesh: !!mesh && mesh.gzip <= goals.mesh,
  },
  anchors: {
    'ZEGO prebuilt web kit (SDK + React inside)': 1738 * 1024,
    'Cloudflare RealtimeKit UI (SDK not included)': 373 * 1024,
    'LiveKit components-react (plus React)': '40–55 KB',
    'Vonage video elements (each, few features)': 6 * 1024,
  },
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/size.json', JSON.stringify(results, null, 2) + '\n');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const files = (m: { files: string[] }) => `${m.files.length} file${m.files.length === 1 ? '' : 's'}`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(
  `minimal call (room, grid, controls imported one by one): ${kb(minimal.min)} min, ${kb(minimal.gzip)} gzip (goal ≤ 20 KB: ${met(results.met.minimal)})`,
);
console.log(
  `the whole kit (package root): ${kb(elements.min)} min, ${kb(elements.gzip)} gzip, ${files(elements)} (goal ≤ 35 KB: ${met(results.met.elements)})`,
);
if (mesh)
  console.log(
    `mesh engine at join: ${kb(mesh.min)} min, ${kb(mesh.gzip)} gzip, ${files(mesh)} (goal ≤ 25 KB: ${results.met.mesh ? 'met' : 'NOT met'})`,
  );
console.log(`a whole mesh call: ${kb(call.gzip)} gzip, ${files(call)}`);
console.log(`hub entry: ${kb(hub.min)} min, ${kb(hub.gzip)} gzip`);
