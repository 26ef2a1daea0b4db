// The unseen-video benchmark's page: an in-page hub, eight bots publishing moving canvases, and a
// viewer whose grid shows four tiles a page. `run(unseenOff)` measures the video bytes the viewer
// receives per second, with the kit as it is or with `mutePlayStreamVideo` made a no-op (every
// stream's video received, as before tiles off screen stopped theirs).
import '/dist/browser/zego-elements.min.js';
import { Hub, InPageTransport, MeshEngine } from '/dist/browser/mesh.min.js';

const BOTS = 8;
const until = async (cond, ms = 30000) => {
  const t0 = performance.now();
  while (!(await cond())) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A bot publishing a 320×240 canvas that changes every frame (an encoder has to send it). */
async function addBot(hub, i) {
  const engine = new MeshEngine(1, new InPageTransport(hub));
  await engine.loginRoom('unseen', 'in-page', { userID: `bot${i}`, userName: `Bot ${i}` });
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const g = canvas.getContext('2d');
  let frame = 0;
  const timer = setInterval(() => {
    frame++;
    g.fillStyle = `hsl(${(i * 45 + frame * 7) % 360} 70% 50%)`;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.fillRect((frame * 9) % 320, (frame * 5) % 240, 60, 60);
  }, 66);
  const stream = canvas.captureStream(15);
  engine.startPublishingStream(`bot${i}_main`, stream);
  return { engine, stream, stop: () => clearInterval(timer) };
}

/** Video bytes the page has received so far, over every connection. */
async function videoBytes() {
  let total = 0;
  for (const pc of window.pcs)
    for (const r of (await pc.getStats()).values())
      if (r.type === 'inbound-rtp' && r.kind === 'video') total += r.bytesReceived ?? 0;
  return total;
}

window.run = async (unseenOff, seconds) => {
  const hub = new Hub();
  const bots = [];
  for (let i = 0; i < BOTS; i++) bots.push(await addBot(hub, i));
  const engine = new MeshEngine(1, new InPageTransport(hub));
  if (unseenOff) engine.mutePlayStreamVideo = async () => true;
  const room = document.createElement('zego-room');
  Object.assign(room, { engine });
  room.setAttribute('room-id', 'unseen');
  room.setAttribute('user-id', 'viewer');
  room.setAttribute('token', 'in-page');
  room.style.cssText = 'display:block;height:880px';
  const grid = document.createElement('zego-stream-grid');
  grid.setAttribute('no-preview', '');
  grid.setAttribute('page-size', '4');
  room.append(grid);
  document.body.append(room);
  await until(() => room.getAttribute('state') === 'connected');
  // Every tile plays (the hidden ones too: their sound would), and video has been flowing a while.
  await until(() => {
    const tiles = [...grid.shadowRoot.querySelectorAll('zego-remote-stream')];
    return tiles.length === BOTS && tiles.every((t) => t.media);
  });
  await new Promise((r) => setTimeout(r, 4000));
  const before = await videoBytes();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = await videoBytes();
  const bytesPerSecond = ((after - before) * 1000) / (performance.now() - t0);
  const shown = grid.shadowRoot.querySelectorAll('zego-remote-stream:not([hidden])').length;
  room.remove();
  for (const b of bots) {
    b.stop();
    b.engine.destroyEngine();
  }
  engine.destroyEngine();
  return { bytesPerSecond, shown, streams: BOTS };
};
