import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/call/define.js';
import type { ZegoCall } from '../../../src/components/call/call.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import { destroyAll, join, publishCamera, tokenFor, uniqueRoom, until, videoFrames } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const room = (call: ZegoCall) => shadow(call).querySelector<ZegoRoom>('zego-room')!;
const pipButton = (call: ZegoCall) =>
  shadow(call).querySelector<HTMLButtonElement>('[part~="panel-button"][part~="pip"]');
interface DocumentPip {
  readonly window: Window | null;
}
const documentPip = () => (window as { documentPictureInPicture?: DocumentPip }).documentPictureInPicture;
/** What the browser has, as the page first saw it (some tests hide an API, then put it back). */
const hadDocumentPip = !!documentPip();
const hadVideoPip = document.pictureInPictureEnabled;

/** A real click at the element's centre: browsers open picture-in-picture only from one. */
async function click(el: Element) {
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Hides a browser API for one test (as a browser without it would be), and puts it back after. */
const hidden: (() => void)[] = [];
function hide(target: object, name: string, value: unknown) {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true });
  hidden.push(() =>
    own ? Object.defineProperty(target, name, own) : delete (target as Record<string, unknown>)[name],
  );
}

async function inCall(roomID: string) {
  const token = await tokenFor('alice', roomID);
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<zego-call style="height: 480px; width: 900px" room-id="${roomID}" user-id="alice" user-name="Ada"
    token="${token}" server="${wsURL}" app-id="${appID}" prejoin="off"></zego-call>`;
  const call = host.querySelector<ZegoCall>('zego-call')!;
  await until(() => room(call)?.getAttribute('state') === 'connected', 10000, 'in the call');
  // The camera and microphone captured (a capture still pending when the page goes can leave the
  // browser's devices unlisted for the next page).
  await until(() => room(call).session?.local.stream, 10000, 'camera and microphone');
  // The call's own buttons load with it (Raise hand is always there).
  await until(() => shadow(call).querySelector('[part~="panel-button"][part~="hand"]'), 10000, 'the call buttons');
  return call;
}

describe('<zego-call> picture-in-picture', () => {
  afterEach(() => {
    destroyAll();
    for (const undo of hidden.splice(0)) undo();
  });

  it('where the browser has neither picture-in-picture (Firefox; here both hidden where present), there is no button', async () => {
    if (hadDocumentPip) hide(window, 'documentPictureInPicture', undefined);
    if (hadVideoPip) hide(Document.prototype, 'pictureInPictureEnabled', false);
    const call = await inCall(uniqueRoom('pip-none'));
    expect(pipButton(call)).to.equal(null);
  });

  // Chromium has both kinds; Firefox has neither (the test above).
  if (hadDocumentPip)
    it('Document Picture-in-Picture: the other person’s video plays in its own window, with Microphone, Camera and Leave that work; leaving closes it', async () => {
      const roomID = uniqueRoom('pip-doc');
      const bob = await join('bob', roomID);
      await publishCamera(bob, 'bob_main');
      const call = await inCall(roomID);
      const session = room(call).session!;
      await until(() => session.streams.has('bob_main'), 10000, "bob's stream");
      await click(pipButton(call)!);
      const win = await until(() => documentPip()!.window, 10000, 'the window opens');
      await until(() => pipButton(call)!.getAttribute('aria-pressed') === 'true', 5000, 'the button is pressed');
      const video = await until(() => win.document.querySelector('video'), 5000, 'a video in it');
      await until(() => (video.srcObject as MediaStream | null)?.getVideoTracks().length, 10000, "bob's video");
      await videoFrames(video, 3, 15000);
      expect(win.document.querySelector('.name')!.textContent).to.equal('Name of bob');

      const button = (part: string) => win.document.querySelector<HTMLButtonElement>(`button.${part}`)!;
      expect([...win.document.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Microphone',
        'Camera',
        'Leave',
      ]);
      button('microphone').click();
      expect(session.local.microphone).to.equal(false);
      await until(() => button('microphone').getAttribute('aria-pressed') === 'false', 5000, 'the button follows');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
      button('camera').click();
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');

      button('leave').click();
      await until(() => call.phase === 'ended', 10000, 'the call ends');
      await until(() => !documentPip()!.window, 5000, 'the window closes');
      expect(video.srcObject).to.equal(null);
    });

  if (hadVideoPip)
    it('without Document Picture-in-Picture: the video’s own picture-in-picture, closed by the button again', async () => {
      if (hadDocumentPip) hide(window, 'documentPictureInPicture', undefined);
      const roomID = uniqueRoom('pip-video');
      const bob = await join('bob', roomID);
      await publishCamera(bob, 'bob_main');
      const call = await inCall(roomID);
      await until(() => room(call).session!.streams.has('bob_main'), 10000, "bob's stream");
      await click(pipButton(call)!);
      // The document sees the call in picture-in-picture; its shadow root, the video.
      await until(() => document.pictureInPictureElement === call, 10000, 'in picture-in-picture');
      const video = shadow(call).pictureInPictureElement as HTMLVideoElement;
      expect((video.srcObject as MediaStream).getVideoTracks()[0]!.readyState).to.equal('live');
      await videoFrames(video, 3, 15000);
      await until(() => pipButton(call)!.getAttribute('aria-pressed') === 'true', 5000, 'the button is pressed');
      await click(pipButton(call)!);
      await until(() => !document.pictureInPictureElement, 5000, 'closed');
      expect(video.isConnected).to.equal(false);
      await until(() => pipButton(call)!.getAttribute('aria-pressed') === 'false', 5000, 'not pressed');
    });
});
