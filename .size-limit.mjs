// Size budgets checked by `npm test` after the build: gzipped bytes of what a page downloads,
// following each file's static imports to every chunk it loads (what loads later through
// `import()` — the engines, the Chinese strings — is counted where it downloads, not before).
import { readdirSync } from 'node:fs';
import { BROWSER_DIR, downloads } from './scripts/bundle-files.mjs';

const files = (entries, dir = BROWSER_DIR) => [...downloads(entries, dir)].map((f) => `${dir}/${f}`);
const kit = downloads(['zego-elements.min.js']);
const mesh = readdirSync(`${BROWSER_DIR}/chunks`).find((f) => f.startsWith('mesh-engine-') && f.endsWith('.js'));

export default [
  {
    name: 'a minimal call: zego-elements/room, /stream-grid and /call-controls imported one by one and bundled (Lit included; engines are lazy chunks)',
    path: files(['minimal-call.js'], '.size'),
    // Its goal, met: what only a call in progress needs loads at join, with the engine — RoomSession,
    // the remote tiles and the grid's extras (speaker stage, glide, pager), the error messages —
    // and the "you are muted" listener on the first mute. BENCHMARKS.md has the breakdown.
    limit: '20 KiB',
    gzip: true,
  },
  {
    name: 'the whole kit: the browser build of the package root, every element registered',
    path: files(['zego-elements.min.js']),
    // Its goal: met again (with no byte to spare) since the elements declare `static properties` and
    // keep their internals in `#private` members. What the call gains next has to load later.
    limit: '35 KiB',
    gzip: true,
  },
  {
    name: 'mesh engine at join: its chunk and the chunks it imports that the page does not have yet (webrtc-adapter included; no hub)',
    path: files([`chunks/${mesh}`]).filter((f) => !kit.has(f.slice(BROWSER_DIR.length + 1))),
    // The rest of ZEGO's 3.x surface is not: `createZegoStream` and `checkSystemRequirements` load
    // when first called, the views and the "not supported" answers come with `zego-elements/mesh`.
    limit: '25 KiB',
    gzip: true,
  },
];
