import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/call/define.js';
import type { ZegoCall } from '../../../src/components/call/call.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import { REACTION_EVERY_MS, gesturesOf } from '../../../src/core/gestures.js';
import { RoomSession } from '../../../src/core/session.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import { adopt, destroyAll, join, tokenFor, uniqueRoom, until, type Party } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const room = (call: ZegoCall) => shadow(call).querySelector<ZegoRoom>('zego-room')!;
const grid = (call: ZegoCall) => shadow(call).querySelector('zego-stream-grid')!;
const notices = (call: ZegoCall) => shadow(call).querySelector('[part~="notices"]')?.textContent ?? '';
const button = (call: ZegoCall, part: string) =>
  shadow(call).querySelector<HTMLButtonElement>(`[part~="panel-button"][part~="${part}"]`);
/** What shows over `userID`'s tile on this call's page (the grid's `tile:<userID>` slot). */
const over = (call: ZegoCall, userID: string) => grid(call).querySelector<HTMLElement>(`[slot="tile:${userID}"]`);
const handOver = (call: ZegoCall, userID: string) => over(call, userID)?.querySelector<HTMLElement>('[part~="hand"]');
const reactionsOver = (call: ZegoCall, userID: string) => [
  ...(over(call, userID)?.querySelectorAll<HTMLElement>('[part~="reaction"]') ?? []),
];
/** The tile showing `userID` on this call's page: their camera stream's, else their person tile. */
function tileOf(call: ZegoCall, userID: string): Element | undefined {
  const session = room(call).session!;
  const root = shadow(grid(call));
  if (userID === session.user.userID) return root.querySelector('zego-preview') ?? undefined;
  const stream = [...session.streams.values()].find((s) => s.user.userID === userID);
  if (stream) return root.querySelector(`zego-remote-stream[stream-id="${stream.streamID}"]`) ?? undefined;
  return [...root.querySelectorAll('[part~="person"]')].find((t) => t.getAttribute('aria-label')?.includes(userID));
}
/** `inner` is drawn inside `outer` (the user sees it on that tile), and is not a zero box. */
function drawnInside(inner: Element, outer: Element): boolean {
  const a = inner.getBoundingClientRect();
  const b = outer.getBoundingClientRect();
  return (
    a.width > 0 && a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1
  );
}
/** The names in the people list, top to bottom. */
async function peopleOrder(call: ZegoCall): Promise<string[]> {
  const list = shadow(call).querySelector('zego-participants')!;
  await list.updateComplete;
  return [...shadow(list).querySelectorAll('[part~="name"]')].map((n) => n.textContent!.trim());
}
const handMarks = (call: ZegoCall) =>
  [...shadow(shadow(call).querySelector('zego-participants')!).querySelectorAll('[part~="row"]')]
    .filter((r) => r.querySelector('[part~="hand"]'))
    .map((r) => r.querySelector('[part~="name"]')!.textContent!.trim());

async function inCall(userID: string, userName: string, roomID: string, attrs = '') {
  const token = await tokenFor(userID, roomID);
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<zego-call style="height: 480px; width: 900px" room-id="${roomID}" user-id="${userID}"
    user-name="${userName}" token="${token}" server="${wsURL}" app-id="${appID}" prejoin="off" ${attrs}></zego-call>`;
  const call = host.querySelector<ZegoCall>('zego-call')!;
  await until(() => room(call)?.getAttribute('state') === 'connected', 10000, `${userID} in the call`);
  // Hands and reactions load with the call.
  await until(() => button(call, 'hand'), 10000, `${userID}'s Raise hand button`);
  return call;
}

/** Someone in the room on the kit's session and gestures API, with no stream and no elements (an app's own UI). */
async function withoutElements(userID: string, roomID: string) {
  const engine = adopt(new MeshEngine(appID, wsURL));
  const session = new RoomSession(engine, roomID, { userID, userName: `Name of ${userID}` });
  await session.login(await tokenFor(userID, roomID));
  return { engine, session, gestures: gesturesOf(session) };
}

/** A participant without the kit sends a raw custom command, as another app (or a bad client) could. */
const command = (party: Party, roomID: string, text: string) => party.engine.sendCustomCommand(roomID, text, []);

describe('<zego-call> raised hands and reactions (custom commands over the real hub)', () => {
  afterEach(() => destroyAll());

  it('a raised hand shows on the tiles and in the people lists of the others, in raise order; a late joiner sees it; lowering clears it', async () => {
    const roomID = uniqueRoom('hands');
    const ada = await inCall('alice', 'Ada', roomID, 'camera="off" microphone="off"');
    // Carol has no stream at all: her hand shows on her person tile.
    const carol = await withoutElements('carol', roomID);
    await carol.gestures.raiseHand();
    await until(() => handOver(ada, 'carol'), 10000, "Carol's hand on Ada's page");
    await until(() => notices(ada).includes('Name of carol raised a hand'), 5000, 'announced');

    button(ada, 'hand')!.click();
    await until(() => button(ada, 'hand')!.getAttribute('aria-pressed') === 'true', 5000, 'the button is pressed');
    await until(() => handOver(ada, 'alice'), 5000, 'on her own tile');
    expect(drawnInside(handOver(ada, 'alice')!, tileOf(ada, 'alice')!)).to.equal(true);
    expect(button(ada, 'hand')!.title).to.equal('Lower hand');

    // Bob joins after both hands went up.
    const bob = await inCall('bob', 'Bob', roomID, 'camera="off" microphone="off"');
    button(bob, 'participants')!.click();
    await until(() => handOver(bob, 'alice') && handOver(bob, 'carol'), 10000, 'the late joiner sees both hands');
    await until(() => tileOf(bob, 'alice') && tileOf(bob, 'carol'), 10000, "Ada's and Carol's tiles");
    await until(() => drawnInside(handOver(bob, 'alice')!, tileOf(bob, 'alice')!), 5000, "on Ada's tile");
    await until(() => drawnInside(handOver(bob, 'carol')!, tileOf(bob, 'carol')!), 5000, "on Carol's person tile");
    // You first, then the hands as they went up (Carol first), whatever the join order.
    await until(async () => (await peopleOrder(bob)).join() === 'Bob (you),Name of carol,Ada', 5000, 'raise order');
    expect(handMarks(bob)).to.deep.equal(['Name of carol', 'Ada']);

    button(ada, 'hand')!.click();
    await until(() => !handOver(bob, 'alice'), 5000, "Ada's hand down on Bob's page");
    await until(() => !handMarks(bob).includes('Ada'), 5000, 'and in his list');
    expect(handOver(ada, 'alice')).to.not.exist;
    expect(notices(ada)).to.include('Hand lowered');

    // Carol leaves: her hand goes with her.
    carol.session.logout();
    await until(() => !handOver(bob, 'carol'), 5000, "Carol's hand gone");
  });

  it('reactions float over the sender’s tile on every page and go; quick repeats are dropped; malformed or hostile commands change nothing', async () => {
    const roomID = uniqueRoom('reactions');
    const ada = await inCall('alice', 'Ada', roomID, 'camera="off" microphone="off"');
    const bob = await inCall('bob', 'Bob', roomID, 'camera="off" microphone="off"');
    const carol = await join('carol', roomID);
    // Picture in picture is offered where the browser has it (Chromium), and not where it has
    // neither kind (Firefox): never a dead button.
    const hasPip =
      !!(window as { documentPictureInPicture?: unknown }).documentPictureInPicture || document.pictureInPictureEnabled;
    expect(!!button(ada, 'pip')).to.equal(!!hasPip);
    await until(() => tileOf(bob, 'alice') && tileOf(ada, 'bob') && tileOf(bob, 'carol'), 10000, 'everyone has a tile');

    button(ada, 'react')!.click();
    const tray = await until(() => shadow(ada).querySelector<HTMLElement>('[part~="reactions"]'), 5000, 'the tray');
    await until(() => shadow(ada).activeElement === tray.querySelector('button'), 5000, 'focus in the tray');
    const thumbs = [...tray.querySelectorAll('button')].find((b) => b.textContent!.trim() === '👍')!;
    thumbs.click();
    thumbs.click(); // within REACTION_EVERY_MS: dropped
    await until(() => reactionsOver(bob, 'alice').length === 1, 5000, "Ada's reaction on Bob's page");
    expect(reactionsOver(bob, 'alice')[0]!.textContent).to.equal('👍');
    expect(drawnInside(reactionsOver(bob, 'alice')[0]!, tileOf(bob, 'alice')!)).to.equal(true);
    await until(() => reactionsOver(ada, 'alice').length === 1, 5000, 'and on her own tile');
    expect(REACTION_EVERY_MS).to.be.greaterThan(100);

    // Garbage from another client: ignored or shown as text, never as markup; the call goes on.
    await command(carol, roomID, '{"t":"zego-hand"');
    await command(carol, roomID, '{"t":"zego-hand","up":"yes"}');
    await command(carol, roomID, JSON.stringify({ t: 'zego-reaction', emoji: '<img src=x onerror="window.pwned=1">' }));
    await command(carol, roomID, JSON.stringify({ t: 'zego-reaction', emoji: '<b>hi</b>' }));
    await command(carol, roomID, 'not json at all');
    await command(carol, roomID, JSON.stringify({ t: 'zego-reaction', emoji: '🎉' }));
    await until(() => reactionsOver(bob, 'carol').some((r) => r.textContent === '🎉'), 5000, "Carol's party popper");
    const texts = reactionsOver(bob, 'carol').map((r) => r.textContent);
    expect(texts).to.deep.equal(['<b>hi</b>', '🎉']);
    expect(over(bob, 'carol')!.querySelector('b, img')).to.equal(null);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    expect(handOver(bob, 'carol')).to.not.exist;

    // Escape closes the tray, and the focus goes back to its button.
    tray
      .querySelector('button')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !shadow(ada).querySelector('[part~="reactions"]'), 5000, 'the tray closes');
    expect(shadow(ada).activeElement).to.equal(button(ada, 'react'));

    // A few seconds later they are gone.
    await until(() => !reactionsOver(bob, 'alice').length && !reactionsOver(bob, 'carol').length, 10000, 'gone');
  });

  it('H raises and lowers your hand; not while typing', async () => {
    const roomID = uniqueRoom('hands-key');
    const bob = await join('bob', roomID);
    const ada = await inCall('alice', 'Ada', roomID, 'camera="off" microphone="off"');
    await sendKeys({ press: 'h' });
    await until(() => button(ada, 'hand')!.getAttribute('aria-pressed') === 'true', 5000, 'raised');
    await until(() => notices(ada).includes('Hand raised'), 5000, 'announced');
    await bob.log.waitFor(
      'IMRecvCustomCommand',
      (_room, from, text) => from.userID === 'alice' && text.includes('"up":true'),
    );
    await sendKeys({ press: 'h' });
    await until(() => button(ada, 'hand')!.getAttribute('aria-pressed') === 'false', 5000, 'lowered');
    await bob.log.waitFor(
      'IMRecvCustomCommand',
      (_room, from, text) => from.userID === 'alice' && text.includes('"up":false'),
    );

    button(ada, 'chat')!.click();
    const chat = shadow(ada).querySelector('zego-chat')!;
    const input = await until(() => shadow(chat).querySelector('textarea'));
    input.focus();
    await sendKeys({ type: 'hh' });
    expect(input.value).to.equal('hh');
    expect(button(ada, 'hand')!.getAttribute('aria-pressed')).to.equal('false');
  });
});
