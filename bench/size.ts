/**
 * Size benchmark: minified and gzipped bytes of each public browser entry, as rollup builds them
 * (`npm run build` first). Lazy chunks are reported apart: an app on the mesh engine downloads the
 * elements entry plus the mesh chunk; an app on ZEGO's cloud, the elements entry plus the SDK.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';

const dir = 'dist/browser';
const measure = (file: string) => {
  const bytes = readFileSync(`${dir}/${file}`);
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const chunk = (prefix: string) => readdirSync(`${dir}/chunks`).find((f) => f.startsWith(prefix) && f.endsWith('.js'));

const elements = measure('zego-elements.min.js');
const meshChunk = chunk('mesh-engine-');
const mesh = meshChunk ? measure(`chunks/${meshChunk}`) : undefined;
const hub = measure('hub.min.js');
const zhChunk = chunk('zh-CN-');
const zhCN = zhChunk ? measure(`chunks/${zhChunk}`) : undefined;
const goals = { elements: 20 * 1024, mesh: 25 * 1024 };
const results = {
  name: 'size',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  entries: { elements, mesh, hub, zhCN },
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
console.log(
  `elements entry: ${kb(elements.min)} min, ${kb(elements.gzip)} gzip (goal ≤ 20 KB: ${results.met.elements ? 'met' : 'NOT met'})`,
);
if (mesh)
  console.log(
    `mesh engine chunk: ${kb(mesh.min)} min, ${kb(mesh.gzip)} gzip (goal ≤ 25 KB: ${results.met.mesh ? 'met' : 'NOT met'})`,
  );
console.log(`hub entry: ${kb(hub.min)} min, ${kb(hub.gzip)} gzip`);
