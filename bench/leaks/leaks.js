// The leaks benchmark's page: join → publish → play → leave cycles, and grid mount/remove cycles
// inside one room, driven from bench/leaks.ts through `window.bench`.
import '/dist/browser/zego-elements.min.js';
import { MeshEngine } from '/dist/browser/mesh.min.js';

const wsURL = `ws://${location.host}/ws`;
const stage = document.getElementById('stage');
const token = async (user, room) => (await (await fetch(`/api/token?userID=${user}&roomID=${room}`)).json()).token;
const until = async (cond, ms = 15000) => {
  const t0 = performance.now();
  while (!cond()) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const remoteVideo = (root) =>
  root
    .querySelector('zego-stream-grid')
    ?.shadowRoot?.querySelector('zego-remote-stream')
    ?.shadowRoot?.querySelector('video');

/** A second participant in this page, publishing a canvas. */
async function bot(room) {
  const engine = new MeshEngine(1, wsURL);
  await engine.loginRoom(room, await token('bot', room), { userID: 'bot', userName: 'Bot' });
  const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
  const g = canvas.getContext('2d');
  let n = 0;
  const timer = setInterval(() => {
    g.fillStyle = `hsl(${(n += 7) % 360} 60% 50%)`;
    g.fillRect(0, 0, 160, 120);
  }, 66);
  const stream = canvas.captureStream(15);
  engine.startPublishingStream('bot_main', stream);
  return () => {
    clearInterval(timer);
    engine.destroyEngine();
    stream.getTracks().forEach((t) => t.stop());
  };
}

function room(roomID, user, withGrid) {
  const el = document.createElement('zego-room');
  el.setAttribute('room-id', roomID);
  el.setAttribute('user-id', user);
  if (withGrid) el.append(document.createElement('zego-stream-grid'));
  stage.append(el);
  return el;
}

let persistent;
window.bench = {
  /** join → publish → play a remote stream → leave. */
  async joinCycle(i) {
    const roomID = `leak-join-${i}`;
    const stop = await bot(roomID);
    const el = room(roomID, 'me', true);
    await until(() => (remoteVideo(el)?.videoWidth ?? 0) > 0);
    el.remove();
    stop();
    await new Promise((r) => setTimeout(r, 50));
  },
  async gridSetup() {
    persistent = { stop: await bot('leak-grid'), el: room('leak-grid', 'me', false) };
    await until(() => persistent.el.getAttribute('state') === 'connected');
  },
  /** mount a grid in the joined room until its remote tile plays, then remove it. */
  async gridCycle() {
    const grid = document.createElement('zego-stream-grid');
    grid.setAttribute('no-publish', '');
    persistent.el.append(grid);
    await until(() => (remoteVideo(persistent.el)?.videoWidth ?? 0) > 0);
    grid.remove();
    await new Promise((r) => setTimeout(r, 50));
  },
  gridCounts() {
    const s = persistent.el.session;
    return { engineListeners: s.engine.listenerCount(), subscriptions: s.subscriptionCount() };
  },
  gridTeardown() {
    persistent.el.remove();
    persistent.stop();
  },
};
