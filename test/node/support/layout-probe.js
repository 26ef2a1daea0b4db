// Runs inside the demo page (added with playwright's `addScriptTag`, so no TypeScript transform
// touches it): measures what a person sees, across shadow roots, and starts bot participants.
// Plain browser JavaScript on purpose: the page evaluates it as is.

const box = (el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
};

/** An element of the call, in the page or inside `<zego-call>`. */
const find = (selector) =>
  document.querySelector(selector) ?? document.querySelector('zego-call')?.shadowRoot?.querySelector(selector) ?? null;

/** The boxes that matter, read through the elements' shadow roots. */
function measure() {
  const call = document.querySelector('zego-call');
  const grid = find('zego-stream-grid');
  const controls = find('zego-call-controls');
  const room = find('zego-room');
  const status = room?.shadowRoot?.querySelector('[part~="status"]');
  const menu = controls?.shadowRoot?.querySelector('[part~="menu"]');
  const pager = grid?.shadowRoot?.querySelector('[part~="pager"]');
  const end = call?.shadowRoot?.querySelector('[part~="end"]');
  const join = find('zego-prejoin')?.shadowRoot?.querySelector('[part~="join"]');
  const panel = call?.shadowRoot?.querySelector('[part~="panel"]');
  // The tiles of this page (those of the other pages are there, hidden).
  const tiles = [...(grid?.shadowRoot?.querySelectorAll('[part~="tile"]:not([hidden])') ?? [])].map((tile) => {
    const label = tile.shadowRoot?.querySelector('[part~="label"]') ?? tile.querySelector('[part~="label"]');
    const video = tile.shadowRoot?.querySelector('video');
    return {
      key:
        tile.getAttribute('stream-id') ??
        (tile.localName === 'zego-preview' ? 'self' : tile.getAttribute('aria-label')),
      featured: tile.part.contains('featured'),
      box: box(tile),
      label: label ? box(label) : undefined,
      frames: video ? video.videoWidth > 0 : tile.part.contains('person'),
    };
  });
  const buttons = [
    ...(controls?.shadowRoot?.querySelectorAll('button') ?? []),
    ...(call?.shadowRoot?.querySelectorAll('[part~="bar"] > .panels button, [part~="end"] button') ?? []),
  ].map((b) => ({ name: b.textContent.trim() || b.title, box: box(b) }));
  const scroller = document.scrollingElement;
  return {
    viewport: { width: innerWidth, height: innerHeight },
    scroll: { width: scroller.scrollWidth, height: scroller.scrollHeight },
    state: room?.getAttribute('state') ?? call?.ended?.reason ?? '',
    layout: grid?.getAttribute('layout') ?? '',
    grid: grid ? box(grid) : undefined,
    status: status && !status.hidden ? box(status) : undefined,
    menu: menu ? box(menu) : undefined,
    pager: pager ? box(pager) : undefined,
    end: end ? box(end) : undefined,
    join: join ? box(join) : undefined,
    panel: panel && !panel.hidden ? box(panel) : undefined,
    tiles,
    buttons,
  };
}

/** Sets the grid's layout (`grid` or `speaker`). */
function setLayout(layout) {
  find('zego-stream-grid').setAttribute('layout', layout);
}

let last = '';
/** Animations running in the page and in the grid (tiles gliding to their places). */
const moving = () =>
  [
    ...document.getAnimations(),
    ...(document.querySelector('zego-stream-grid')?.shadowRoot?.getAnimations() ?? []),
  ].filter((a) => a.playState === 'running' || a.pending).length;

/**
 * True once nothing moves and `measure()` gives the same boxes twice in a row (the page polls it):
 * the layout settled.
 */
function settled() {
  if (moving()) {
    last = '';
    return false;
  }
  const now = JSON.stringify(measure());
  const same = now === last;
  last = now;
  return same;
}

const bots = [];
/**
 * Puts `count` bots in `roomID`, each logged in through the page's server and publishing the fake
 * camera under `<userID>_main`. Resolves once all publish.
 */
async function startBots(roomID, count) {
  const { MeshEngine } = await import('/dist/browser/mesh.min.js');
  // Small and slow: dozens of bots share this machine's encoder.
  const camera = await navigator.mediaDevices.getUserMedia({
    video: { width: 320, height: 240, frameRate: 10 },
    audio: false,
  });
  const server = `ws://${location.host}/ws`;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const userID = `${roomID}-bot${i + 1}`;
      const res = await fetch(`/api/token?userID=${userID}&roomID=${roomID}`);
      const { token } = await res.json();
      const engine = new MeshEngine(1, server);
      bots.push(engine);
      await engine.loginRoom(roomID, token, { userID, userName: `Bot ${i + 1} of ${roomID}` });
      const published = new Promise((resolve, reject) => {
        engine.on('publisherStateUpdate', (r) => {
          if (r.state === 'PUBLISHING') resolve();
          else if (r.errorCode) reject(new Error(`bot ${userID} could not publish: ${r.errorCode}`));
        });
      });
      engine.startPublishingStream(`${userID}_main`, new MediaStream([camera.getVideoTracks()[0].clone()]));
      await published;
    }),
  );
}

function stopBots() {
  for (const engine of bots.splice(0)) engine.destroyEngine();
}

let presenter;
/** A presenter joins `roomID` sharing a "screen" (the fake camera) as `<userID>_screen`. */
async function startShare(roomID) {
  const { MeshEngine } = await import('/dist/browser/mesh.min.js');
  const screen = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const userID = `${roomID}-presenter`;
  const { token } = await (await fetch(`/api/token?userID=${userID}&roomID=${roomID}`)).json();
  presenter = new MeshEngine(1, `ws://${location.host}/ws`);
  await presenter.loginRoom(roomID, token, { userID, userName: `Presenter of ${roomID}` });
  presenter.startPublishingStream(`${userID}_screen`, screen);
}

function stopShare() {
  presenter?.destroyEngine();
  presenter = undefined;
}

Object.assign(globalThis, {
  layoutProbe: { measure, settled, setLayout, startBots, stopBots, startShare, stopShare },
});
