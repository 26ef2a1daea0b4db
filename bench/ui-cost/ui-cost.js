// The ui-cost benchmark's page: an in-page hub, a viewer's room with a grid, and bots added one by
// one. For each bot: the time from the session applying the stream ADD to the grid and the new tile
// having rendered; then, at that N, what one quality update for one stream costs to render.
import '/dist/browser/zego-elements.min.js';
import { Hub, InPageTransport, MeshEngine } from '/dist/browser/mesh.min.js';

const until = async (cond, ms = 15000) => {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** A bot in the room: logged in, and publishing a small canvas unless `publish` is false. */
async function addBot(hub, i, publish = true) {
  const engine = new MeshEngine(1, new InPageTransport(hub));
  await engine.loginRoom('ui', 'in-page', { userID: `bot${i}`, userName: `Bot ${i}` });
  const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
  canvas.getContext('2d').fillRect(0, 0, 64, 48);
  const stream = canvas.captureStream(5);
  if (publish) engine.startPublishingStream(`bot${i}_main`, stream);
  return { engine, stream };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** ADDs measured at each N: the new bot's, then a probe stream published and stopped again this often. */
const PROBES = 4;

window.run = async (maxN) => {
  const hub = new Hub();
  const room = document.createElement('zego-room');
  Object.assign(room, { engine: new MeshEngine(1, new InPageTransport(hub)) });
  room.setAttribute('room-id', 'ui');
  room.setAttribute('user-id', 'viewer');
  room.setAttribute('token', 'in-page');
  room.style.height = '880px';
  const grid = document.createElement('zego-stream-grid');
  grid.setAttribute('no-preview', '');
  grid.setAttribute('page-size', '40');
  room.append(grid);
  document.body.append(room);
  await until(() => room.getAttribute('state') === 'connected');
  const session = room.session;
  // Counts the grid's renders: a quality update for one stream must not re-render the grid.
  let gridRenders = 0;
  const update = grid.update.bind(grid);
  grid.update = (changed) => {
    gridRenders++;
    update(changed);
  };
  let added = 0;
  session.subscribe('streams', () => (added = performance.now()));
  const tileOf = (id) => grid.shadowRoot.querySelector(`zego-remote-stream[stream-id="${id}"]`);

  /** ms from the session applying the ADD that `publish()` causes to the new tile having rendered. */
  async function timeAdd(id, publish) {
    added = 0;
    // The tile appears in the grid's shadow root: a mutation observer sees it without polling delay.
    const appeared = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        const tile = tileOf(id);
        if (tile) {
          mo.disconnect();
          resolve(tile);
        }
      });
      mo.observe(grid.shadowRoot, { childList: true, subtree: true });
    });
    await publish();
    const tile = await appeared;
    await grid.updateComplete;
    await tile.updateComplete;
    return { ms: performance.now() - added, tile };
  }

  const probe = await addBot(hub, 'probe', false);
  const rows = [];
  for (let n = 1; n <= maxN; n++) {
    const id = `bot${n}_main`;
    const first = await timeAdd(id, () => addBot(hub, n));
    const samples = [first.ms];
    for (let k = 0; k < PROBES; k++) {
      const t = await timeAdd('botprobe_main', () => probe.engine.startPublishingStream('botprobe_main', probe.stream));
      samples.push(t.ms);
      probe.engine.stopPublishingStream('botprobe_main');
      await until(() => !tileOf('botprobe_main'));
    }
    // One quality update for one stream, 200 times (each is far below the timer's resolution).
    const tile = first.tile;
    const gridUpdates = gridRenders;
    const t0 = performance.now();
    for (let k = 0; k < 200; k++) {
      session.streams.get(id).quality = k % 4;
      session.notify(`stream:${id}`);
      await tile.updateComplete;
    }
    const qualityMs = (performance.now() - t0) / 200;
    rows.push({
      n,
      addMs: median(samples),
      addSamples: samples,
      qualityMs,
      gridRendersDuringQualityUpdates: gridRenders - gridUpdates,
    });
  }
  return rows;
};
