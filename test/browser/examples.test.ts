/**
 * The framework examples as built by `npm run build:examples` (examples/react/dist, examples/vue/dist),
 * each loaded in an iframe from this test server and joined to a room on the dev-mode signalling
 * server (the room fetches its own token from `/api/token`), with a second participant on a
 * MeshEngine in this page.
 */
import { expect } from '@open-wc/testing';
import { devWsURL } from 'virtual:test-server';
import { MeshEngine } from '../../src/mesh/mesh-engine.js';
import { EventLog, adopt, destroyAll, publishCamera, uniqueRoom, until, type Party } from './helpers.js';

const devHttp = devWsURL.replace(/^ws/, 'http').replace(/\/ws$/, '');

async function devToken(userID: string, roomID: string): Promise<string> {
  const res = await fetch(
    `${devHttp}/api/token?userID=${encodeURIComponent(userID)}&roomID=${encodeURIComponent(roomID)}`,
  );
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** A participant on the dev server (its tokens are short-lived: it renews them as the room does). */
async function joinDev(userID: string, roomID: string): Promise<Party> {
  const engine = adopt(new MeshEngine(1, devWsURL, { qualityInterval: 1000 }));
  const log = new EventLog(engine);
  engine.on('tokenWillExpire', () => {
    void devToken(userID, roomID).then((token) => engine.renewToken(token, roomID));
  });
  await engine.loginRoom(roomID, await devToken(userID, roomID), { userID, userName: userID }, { userUpdate: true });
  return { engine, log, userID };
}

const frames: HTMLIFrameElement[] = [];

/** Loads the built example with `?server=…&room=…&user=…` in an iframe; resolves with its document. */
async function openExample(name: string, roomID: string, userID: string): Promise<Document> {
  const query = new URLSearchParams({ server: devWsURL, room: roomID, user: userID });
  const page = `/examples/${name}/dist/index.html`;
  if (!(await fetch(page, { method: 'HEAD' })).ok)
    throw new Error(`${page} is missing: run \`npm run build:examples\``);
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 600px; border: 0';
  frame.allow = 'camera; microphone; autoplay';
  frame.src = `${page}?${query}`;
  frames.push(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await until(() => doc.querySelector('zego-call'), 10000, `examples/${name} rendered a <zego-call>`);
  // A bundler that drops `import 'zego-elements'` (package.json sideEffects) leaves the tags undefined.
  await until(
    () => frame.contentWindow!.customElements.get('zego-call'),
    5000,
    `examples/${name} registered <zego-call> (import 'zego-elements' kept by the bundler)`,
  );
  return doc;
}

/** What the app shows as the room state: its framework state, set from `zego-room-state-change`. */
const appState = (doc: Document) => doc.querySelector('#room-state')?.textContent?.trim();

/** Inside the app's `<zego-call>`. */
const call = (doc: Document) => doc.querySelector('zego-call')?.shadowRoot;
const grid = (doc: Document) => call(doc)?.querySelector('zego-stream-grid')?.shadowRoot;

for (const name of ['react', 'vue']) {
  describe(`examples/${name} (built, in an iframe)`, () => {
    afterEach(() => {
      for (const frame of frames.splice(0)) frame.remove();
      destroyAll();
    });

    it('joins the room from the URL query and shows "connected" from zego-room-state-change in app state', async () => {
      const roomID = uniqueRoom(`ex-${name}-join`);
      const userID = `${name}-user`;
      const other = await joinDev('watcher', roomID);
      const doc = await openExample(name, roomID, userID);
      await until(() => appState(doc) === 'connected', 10000, `the ${name} app shows connected`);
      const room = call(doc)!.querySelector('zego-room')!;
      expect(room.getAttribute('state')).to.equal('connected');
      // The props reached the element: the room is the one from the query, and so is the user.
      expect((doc.querySelector('zego-call') as unknown as { roomId: string }).roomId).to.equal(roomID);
      expect(room.roomId).to.equal(roomID);
      await other.log.waitFor('roomUserUpdate', (_r, type, users) => type === 'ADD' && users[0].userID === userID);
      // The grid publishes the app's camera: the other participant sees the stream.
      await other.log.waitFor(
        'roomStreamUpdate',
        (_r, type, streams) =>
          type === 'ADD' && streams.some((s: { streamID: string }) => s.streamID === `${userID}_main`),
      );
    });

    it('plays a remote participant: a <zego-remote-stream> in the grid whose video gets frames', async () => {
      const roomID = uniqueRoom(`ex-${name}-play`);
      const doc = await openExample(name, roomID, `${name}-viewer`);
      await until(() => appState(doc) === 'connected', 10000, `the ${name} app shows connected`);
      const publisher = await joinDev('publisher', roomID);
      await publishCamera(publisher, 'publisher_main');
      const tile = await until(
        () => grid(doc)?.querySelector<HTMLElement>('zego-remote-stream[stream-id="publisher_main"]'),
        10000,
        'a tile for publisher_main',
      );
      const video = await until(() => tile.shadowRoot?.querySelector('video'), 5000, 'the tile has a <video>');
      await until(() => video.videoWidth > 0, 10000, 'the remote video has a size');
      const t0 = video.currentTime;
      await until(() => video.currentTime > t0 + 0.3, 5000, 'the remote video plays on');
      expect(video.paused).to.equal(false);
      expect(appState(doc)).to.equal('connected');
    });

    it('handles zego-call-end: the app shows how the call ended, the end screen’s Rejoin joins again', async () => {
      const roomID = uniqueRoom(`ex-${name}-leave`);
      const userID = `${name}-leaver`;
      const other = await joinDev('stayer', roomID);
      const doc = await openExample(name, roomID, userID);
      await until(() => appState(doc) === 'connected', 10000, `the ${name} app shows connected`);
      await other.log.waitFor('roomUserUpdate', (_r, type, users) => type === 'ADD' && users[0].userID === userID);
      const leave = await until(
        () =>
          call(doc)
            ?.querySelector('zego-call-controls')
            ?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="leave"]'),
        5000,
        'the leave button',
      );
      await until(() => !leave.disabled, 5000, 'the leave button is enabled');
      leave.click();
      await until(() => doc.querySelector('#ended')?.textContent === 'ended: left', 5000, `the ${name} app shows it`);
      expect(call(doc)!.querySelector('zego-room')).to.equal(null);
      // The app's own action is on the end screen.
      const actions = call(doc)!.querySelector<HTMLSlotElement>('slot[name="end-actions"]')!;
      expect(actions.assignedElements()[0]!.textContent!.trim()).to.equal('Back to the app');
      await other.log.waitFor('roomUserUpdate', (_r, type, users) => type === 'DELETE' && users[0].userID === userID);
      // Rejoin renders a new <zego-room>, which joins again.
      call(doc)!.querySelector<HTMLButtonElement>('[part~="rejoin"]')!.click();
      await until(() => appState(doc) === 'connected', 10000, `the ${name} app shows connected again`);
      const adds = () =>
        other.log
          .of('roomUserUpdate')
          .filter(([, type, users]) => type === 'ADD' && (users as { userID: string }[])[0].userID === userID);
      await until(() => adds().length === 2, 5000, `${userID} joined again`);
    });
  });
}
