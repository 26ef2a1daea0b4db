// The unseen-video benchmark's page: an in-page hub, eight bots publishing the fake camera, and a
// viewer. `run('pages', off)`: its grid shows four tiles a page, and the video bytes it receives per
// second are measured with the kit as it is or (`off`) with `mutePlayStreamVideo` made a no-op
// (every stream's video received, as before tiles off screen stopped theirs). `run('thumbnails',
// off)`: its grid shows everyone in the speaker layout (one on stage, the others in a strip), with
// the kit as it is or with `setPlayStreamVideoType` made a no-op (thumbnails received whole).
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

/** A bot publishing the fake camera at 640×480, 15 fps (a moving picture an encoder has to send). */
async function addBot(hub, i) {
  const engine = new MeshEngine(1, new InPageTransport(hub));
  await engine.loginRoom('unseen', 'in-page', { userID: `bot${i}`, userName: `Bot ${i}` });
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { width: 640, height: 480, frameRate: 15 },
    audio: true,
  });
  engine.startPublishingStream(`bot${i}_main`, stream);
  return { engine, stream, stop: () => stream.getTracks().forEach((t) => t.stop()) };
}

/** Video bytes the page has received so far, over every connection. */
async function videoBytes() {
  let total = 0;
  for (const pc of window.pcs)
    for (const r of (await pc.getStats()).values())
      if (r.type === 'inbound-rtp' && r.kind === 'video') total += r.bytesReceived ?? 0;
  return total;
}

window.run = async (mode, off, seconds) => {
  const hub = new Hub();
  const bots = [];
  for (let i = 0; i < BOTS; i++) bots.push(await addBot(hub, i));
  const engine = new MeshEngine(1, new InPageTransport(hub));
  if (off && mode === 'pages') engine.mutePlayStreamVideo = async () => true;
  if (off && mode === 'thumbnails') engine.setPlayStreamVideoType = async () => true;
  const room = document.createElement('zego-room');
  Object.assign(room, { engine });
  room.setAttribute('room-id', 'unseen');
  room.setAttribute('user-id', 'viewer');
  room.setAttribute('token', 'in-page');
  room.style.cssText = 'height:880px';
  const grid = document.createElement('zego-stream-grid');
  grid.setAttribute('no-preview', '');
  grid.setAttribute('page-size', mode === 'pages' ? '4' : '9');
  if (mode === 'thumbnails') grid.setAttribute('layout', 'speaker');
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
  const shownTiles = [...grid.shadowRoot.querySelectorAll('zego-remote-stream:not([hidden])')];
  const shown = shownTiles.length;
  const small = shownTiles.filter((t) => t.getBoundingClientRect().width * devicePixelRatio < 360).length;
  room.remove();
  for (const b of bots) {
    b.stop();
    b.engine.destroyEngine();
  }
  engine.destroyEngine();
  return { bytesPerSecond, shown, small, streams: BOTS };
};
