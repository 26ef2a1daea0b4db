/**
 * Size benchmark: minified and gzipped bytes of what a browser downloads, as rollup builds it
 * (`npm run build` first). Each figure follows the static imports of a file to every chunk it
 * loads with it. An app on the mesh engine downloads the elements entry (and its chunks) and, at
 * join, the mesh engine chunk and the chunks it imports that the page does not have yet; an app on
 * ZEGO's cloud downloads the elements entry plus the SDK, never the mesh engine.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';

const dir = 'dist/browser';
const chunk = (prefix: string) =>
  readdirSync(`${dir}/chunks`)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.js'))
    .map((f) => `chunks/${f}`)[0];

/** The file and every file its static imports load, as paths relative to `dir`. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(`${dir}/${file}`, 'utf8');
  // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("…")` loads later.
  for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g))
    closure(normalize(join(dirname(file), m[1] as string)), seen);
  return seen;
}

/** Minified and gzipped bytes of a set of files, each gzipped on its own as a server sends it. */
function measure(files: Iterable<string>) {
  const list = [...files].sort();
  let min = 0;
  let gzip = 0;
  for (const f of list) {
    const bytes = readFileSync(`${dir}/${f}`);
    min += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: list, min, gzip };
}

const elementsFiles = closure('zego-elements.min.js');
const meshChunk = chunk('mesh-engine-');
const meshFiles = meshChunk ? [...closure(meshChunk)].filter((f) => !elementsFiles.has(f)) : [];
const elements = measure(elementsFiles);
const mesh = meshChunk ? measure(meshFiles) : undefined;
const call = measure([...elementsFiles, ...meshFiles]);
const hub = measure(closure('hub.min.js'));
const zhChunk = chunk('zh-CN-');
const zhCN = zhChunk ? measure([zhChunk]) : undefined;
const goals = { elements: 20 * 1024, mesh: 25 * 1024 };
const results = {
  name: 'size',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  entries: { elements, mesh, call, hub, zhCN },
  goals,
  met: { elements: elements.gzip <= goals.elements, mesh: !!mesh && mesh.gzip <= goals.mesh },
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
console.log(
  `elements entry: ${kb(elements.min)} min, ${kb(elements.gzip)} gzip, ${files(elements)} (goal ≤ 20 KB: ${results.met.elements ? 'met' : 'NOT met'})`,
);
if (mesh)
  console.log(
    `mesh engine at join: ${kb(mesh.min)} min, ${kb(mesh.gzip)} gzip, ${files(mesh)} (goal ≤ 25 KB: ${results.met.mesh ? 'met' : 'NOT met'})`,
  );
console.log(`a whole mesh call: ${kb(call.gzip)} gzip, ${files(call)}`);
console.log(`hub entry: ${kb(hub.min)} min, ${kb(hub.gzip)} gzip`);
