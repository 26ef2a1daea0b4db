import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/call/define.js';
import type { ZegoCall } from '../../../src/components/call/call.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import { destroyAll, join, publishCamera, tokenFor, uniqueRoom, until } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const room = (call: ZegoCall) => shadow(call).querySelector<ZegoRoom>('zego-room')!;
const grid = (call: ZegoCall) => shadow(call).querySelector('zego-stream-grid')!;
const notices = (call: ZegoCall) => shadow(call).querySelector('[part~="notices"]')?.textContent ?? '';
const controls = (call: ZegoCall) => shadow(shadow(call).querySelector('zego-call-controls')!);
const pressed = (call: ZegoCall, part: string) =>
  controls(call).querySelector(`[part~="${part}"]`)!.getAttribute('aria-pressed');
const pane = (call: ZegoCall, tag: string) => shadow(call).querySelector(tag)!.closest<HTMLElement>('.pane')!;
const panelOpen = (call: ZegoCall) => !shadow(call).querySelector<HTMLElement>('[part~="panel"]')!.hidden;
/** The key goes to the page, with the focus on nothing in particular. */
async function press(key: string) {
  blurAll();
  await sendKeys({ press: key });
}
/** Takes the focus from whatever has it, inside shadow roots too. */
function blurAll() {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  (el as HTMLElement | null)?.blur();
  expect(document.activeElement).to.equal(document.body);
}

async function inCall(roomID: string, attrs = '') {
  const token = await tokenFor('alice', roomID);
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<zego-call style="height: 640px" room-id="${roomID}" user-id="alice" user-name="Ada"
    token="${token}" server="${wsURL}" app-id="${appID}" prejoin="off" ${attrs}></zego-call>`;
  const call = host.querySelector<ZegoCall>('zego-call')!;
  await until(() => room(call)?.getAttribute('state') === 'connected', 10000, 'in the call');
  await until(() => room(call).session?.local.stream, 10000, 'camera and microphone');
  // The shortcuts load with the call: once their module is here, the call has them (a task later).
  await import('../../../src/components/call/in-call.js');
  await new Promise((resolve) => setTimeout(resolve));
  return call;
}

describe('<zego-call> keyboard shortcuts', () => {
  afterEach(() => destroyAll());

  it('M and V toggle the microphone and the camera (the buttons follow, the others see it, it is announced); C and P open the chat and the people', async () => {
    const roomID = uniqueRoom('keys');
    const bob = await join('bob', roomID);
    const call = await inCall(roomID);
    const session = room(call).session!;
    await press('m');
    expect(session.local.microphone).to.equal(false);
    await until(() => pressed(call, 'microphone') === 'false', 5000, 'the button follows');
    await until(() => notices(call).includes('Microphone off'), 5000, 'announced');
    await bob.log.waitFor('remoteMicStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
    await press('M');
    expect(session.local.microphone).to.equal(true);
    await until(() => notices(call).includes('Microphone on'), 5000, 'announced');
    await press('v');
    expect(session.local.camera).to.equal(false);
    await until(() => pressed(call, 'camera') === 'false', 5000, 'the camera button follows');
    await bob.log.waitFor('remoteCameraStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
    await press('v');
    expect(session.local.camera).to.equal(true);

    expect(panelOpen(call)).to.equal(false);
    await press('c');
    await until(() => panelOpen(call) && !pane(call, 'zego-chat').hidden, 5000, 'the chat opens');
    await press('p');
    await until(() => !pane(call, 'zego-participants').hidden && pane(call, 'zego-chat').hidden, 5000, 'the people');
    await press('p');
    await until(() => !panelOpen(call), 5000, 'closed again');
  });

  it('stay out of the way: not while typing a message, not with shortcuts="off"; other keys with shortcutKeys', async () => {
    const call = await inCall(uniqueRoom('keys-typing'));
    const session = room(call).session!;
    await press('c');
    await until(() => panelOpen(call), 5000, 'the chat opens');
    const chat = shadow(call).querySelector('zego-chat')!;
    const input = await until(() => shadow(chat).querySelector('textarea'));
    input.focus();
    await sendKeys({ type: 'mvp' });
    expect(input.value).to.equal('mvp');
    expect(session.local.microphone).to.equal(true);
    expect(session.local.camera).to.equal(true);
    expect(panelOpen(call)).to.equal(true);

    call.shortcuts = 'off';
    await press('m');
    expect(session.local.microphone).to.equal(true);

    call.shortcuts = 'on';
    call.shortcutKeys = { microphone: 'k', camera: '' };
    await press('m');
    await press('v');
    expect(session.local.microphone).to.equal(true);
    expect(session.local.camera).to.equal(true);
    await press('k');
    expect(session.local.microphone).to.equal(false);
    expect(input.value).to.equal('mvp');
  });

  it('push-to-talk: holding Space while muted speaks, letting go mutes again', async () => {
    const call = await inCall(uniqueRoom('keys-talk'), 'push-to-talk microphone="off"');
    const session = room(call).session!;
    expect(session.local.microphone).to.equal(false);
    blurAll();
    await sendKeys({ down: ' ' });
    expect(session.local.microphone).to.equal(true);
    await until(() => pressed(call, 'microphone') === 'true', 5000, 'the button shows it on');
    await sendKeys({ up: ' ' });
    expect(session.local.microphone).to.equal(false);
    await until(() => pressed(call, 'microphone') === 'false', 5000, 'off again');
    // The page did not scroll or click anything with that Space.
    expect(call.phase).to.equal('call');
  });

  it('arrow keys move the focus from tile to tile', async () => {
    const roomID = uniqueRoom('keys-tiles');
    const bob = await join('bob', roomID);
    await publishCamera(bob, 'bob_main');
    const call = await inCall(roomID);
    const g = grid(call);
    const remote = await until(() => shadow(g).querySelector('zego-remote-stream'), 10000, "bob's tile");
    const own = shadow(g).querySelector('zego-preview')!;
    // Where the tiles stand once they stop gliding to their places.
    await until(() => !shadow(g).getAnimations().length, 5000, 'the tiles still');
    const ownButton = own.querySelector<HTMLButtonElement>('button')!;
    // Own tile first; Bob's beside it or below it, as the box's shape gives.
    const [a, b] = [own.getBoundingClientRect(), remote.getBoundingClientRect()];
    const [forward, back] = b.left >= a.right - 1 ? ['ArrowRight', 'ArrowLeft'] : ['ArrowDown', 'ArrowUp'];
    ownButton.focus();
    await sendKeys({ press: forward });
    expect(shadow(g).activeElement).to.equal(remote.querySelector('button'));
    await sendKeys({ press: back });
    expect(shadow(g).activeElement).to.equal(ownButton);
    // Nothing further that way: the focus stays.
    await sendKeys({ press: back });
    expect(shadow(g).activeElement).to.equal(ownButton);
  });
});
