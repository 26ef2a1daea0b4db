import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/call/define.js';
import type { ZegoCall } from '../../../src/components/call/call.js';
import type { ZegoPrejoin } from '../../../src/components/prejoin/prejoin.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import { destroyAll, join, publishCamera, tokenFor, uniqueRoom, until } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const room = (call: ZegoCall) => shadow(call).querySelector<ZegoRoom>('zego-room');
const notices = (call: ZegoCall) => shadow(call).querySelector('[part~="notices"]')!.textContent ?? '';
const live = (stream: MediaStream | undefined, kind: 'video' | 'audio') =>
  !!stream?.getTracks().some((t) => t.kind === kind && t.readyState === 'live');

async function mountCall(roomID: string, userID: string, attrs: { prejoin?: 'on' | 'off'; extra?: string } = {}) {
  const token = await tokenFor(userID, roomID);
  return fixture<ZegoCall>(
    html`<zego-call
      style="height: 640px"
      room-id=${roomID}
      user-id=${userID}
      user-name="Ada Lovelace"
      token=${token}
      server=${wsURL}
      app-id=${appID}
      prejoin=${attrs.prejoin ?? 'on'}
    ></zego-call>`,
  );
}

const connected = async (call: ZegoCall) => {
  await until(() => room(call)?.getAttribute('state') === 'connected', 10000, 'in the call');
  return room(call)!;
};

describe('<zego-call>', () => {
  afterEach(() => destroyAll());

  it('pre-join with the camera off → joins with exactly that: no camera opened, the others see it off', async () => {
    const roomID = uniqueRoom('call-prejoin');
    const bob = await join('bob', roomID);
    const call = await mountCall(roomID, 'alice');
    expect(call.phase).to.equal('prejoin');
    const prejoin = shadow(call).querySelector<ZegoPrejoin>('zego-prejoin')!;
    await until(() => prejoin.stream, 10000, 'the pre-join preview');
    shadow(prejoin).querySelector<HTMLButtonElement>('[part~="camera"]')!.click();
    await until(() => prejoin.stream && !live(prejoin.stream, 'video'), 10000, 'camera off');
    shadow(prejoin).querySelector<HTMLButtonElement>('[part~="join"]')!.click();
    const r = await connected(call);
    const preview = await until(
      () => {
        const grid = r.querySelector('zego-stream-grid') ?? shadow(call).querySelector('zego-stream-grid');
        return grid?.shadowRoot?.querySelector('zego-preview')?.stream;
      },
      10000,
      'the call captured',
    );
    expect(live(preview, 'video')).to.equal(false);
    expect(live(preview, 'audio')).to.equal(true);
    await bob.log.waitFor('remoteCameraStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
  });

  it('announces who joins and leaves in a polite live region', async () => {
    const roomID = uniqueRoom('call-announce');
    await join('early', roomID);
    const call = await mountCall(roomID, 'alice', { prejoin: 'off' });
    const region = await until(() => shadow(call).querySelector('[part~="notices"]'));
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    await connected(call);
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    const bob = await join('bob', roomID);
    await until(() => notices(call).includes('Name of bob joined'), 10000, 'the join announced');
    // Who was there before you joined is no news.
    expect(heard.join('|')).to.not.contain('Name of early joined');
    await publishCamera(bob, 'bob_screen');
    await until(() => notices(call).includes('Name of bob is sharing their screen'), 10000, 'the share announced');
    bob.engine.logoutRoom(roomID);
    await until(() => notices(call).includes('Name of bob left'), 10000, 'the leave announced');
  });

  it('Leave → "You left the call" → Rejoin → back in the call', async () => {
    const roomID = uniqueRoom('call-leave');
    const call = await mountCall(roomID, 'alice', { prejoin: 'off' });
    const r = await connected(call);
    const ends: unknown[] = [];
    call.addEventListener('zego-call-end', (e) => ends.push(e.detail));
    const controls = shadow(call).querySelector('zego-call-controls')!;
    await controls.updateComplete;
    shadow(controls).querySelector<HTMLButtonElement>('[part~="leave"]')!.click();
    await until(() => call.phase === 'ended', 10000, 'the end screen');
    await call.updateComplete;
    expect(r.isConnected).to.equal(false);
    const heading = shadow(call).querySelector('[part~="end"] [part~="heading"]')!;
    expect(heading.textContent).to.equal('You left the call');
    await until(() => shadow(call).activeElement === heading, 5000, 'focus on the heading');
    expect(ends).to.deep.equal([{ reason: 'left', code: 0 }]);
    shadow(call).querySelector<HTMLButtonElement>('[part~="rejoin"]')!.click();
    await connected(call);
  });

  it('removed (signed in elsewhere) → the end screen says why', async () => {
    const roomID = uniqueRoom('call-kicked');
    const call = await mountCall(roomID, 'alice', { prejoin: 'off' });
    await connected(call);
    await join('alice', roomID);
    await until(() => call.phase === 'ended', 10000, 'the end screen');
    await call.updateComplete;
    const end = shadow(call).querySelector('[part~="end"]')!;
    expect(end.textContent).to.contain('You were removed from the room');
    expect(end.textContent).to.contain('You signed in to this room somewhere else.');
    expect(call.ended).to.deep.equal({ reason: 'kicked', code: 1002050 });
  });

  it('show-screen-share="false" leaves the share button out; language="zh-CN" speaks Chinese', async () => {
    const roomID = uniqueRoom('call-config');
    const token = await tokenFor('alice', roomID);
    const call = await fixture<ZegoCall>(
      html`<zego-call
        style="height: 640px"
        room-id=${roomID}
        user-id="alice"
        token=${token}
        server=${wsURL}
        app-id=${appID}
        show-screen-share="false"
        language="zh-CN"
      ></zego-call>`,
    );
    const prejoin = shadow(call).querySelector<ZegoPrejoin>('zego-prejoin')!;
    await until(
      () => shadow(prejoin).querySelector('[part~="join"]')?.textContent?.trim() === '加入',
      10000,
      'Chinese',
    );
    call.join();
    await connected(call);
    const controls = shadow(call).querySelector('zego-call-controls')!;
    await controls.updateComplete;
    expect(shadow(controls).querySelector('[part~="screen"]')).to.equal(null);
    expect(shadow(controls).querySelector('[part~="leave"]')!.textContent!.trim()).to.equal('离开');
  });

  it('the People lists agree on every page, someone without any stream included; a chat message reaches the other page', async () => {
    const roomID = uniqueRoom('call-people');
    const ada = await mountCall(roomID, 'ada', { prejoin: 'off' });
    await connected(ada);
    const tokenBob = await tokenFor('bob', roomID);
    const bobCall = await fixture<ZegoCall>(
      html`<zego-call
        style="height: 640px"
        room-id=${roomID}
        user-id="bob"
        user-name="Bob"
        token=${tokenBob}
        server=${wsURL}
        app-id=${appID}
        prejoin="off"
      ></zego-call>`,
    );
    await connected(bobCall);
    // Carol publishes nothing.
    await join('carol', roomID);
    const names = (call: ZegoCall) => {
      const list = shadow(call).querySelector('zego-participants');
      return [...(list?.shadowRoot?.querySelectorAll('[part~="row"] [part~="name"]') ?? [])]
        .map((n) => n.textContent!.trim())
        .sort();
    };
    for (const call of [ada, bobCall]) shadow(call).querySelector<HTMLButtonElement>('[part~="participants"]')!.click();
    await until(() => names(ada).length === 3 && names(bobCall).length === 3, 10000, 'three people on each page');
    expect(names(ada)).to.deep.equal(['Ada Lovelace (you)', 'Bob', 'Name of carol']);
    expect(names(bobCall)).to.deep.equal(['Ada Lovelace', 'Bob (you)', 'Name of carol']);
    // Ada writes; Bob's closed chat counts it, and opening it shows it.
    shadow(ada).querySelector<HTMLButtonElement>('[part~="panel-button"][part~="chat"]')!.click();
    const chat = shadow(ada).querySelector('zego-chat')!;
    await until(() => chat.shadowRoot?.querySelector('textarea'));
    const box = chat.shadowRoot!.querySelector('textarea')!;
    box.value = 'Hello <img src=x onerror=alert(1)>';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const badge = () => shadow(bobCall).querySelector('[part~="badge"]')?.textContent;
    await until(() => badge() === '1', 10000, 'Bob’s unread badge');
    shadow(bobCall).querySelector<HTMLButtonElement>('[part~="panel-button"][part~="chat"]')!.click();
    const bobChat = shadow(bobCall).querySelector('zego-chat')!;
    const message = await until(() => bobChat.shadowRoot?.querySelector('[part~="message"]'), 10000, 'the message');
    expect(message.textContent).to.contain('Hello <img src=x onerror=alert(1)>');
    expect(message.querySelector('img')).to.equal(null);
  });

  it('Full screen puts the whole call on the screen (a real click); pressed again, it leaves', async () => {
    const call = await mountCall(uniqueRoom('call-fullscreen'), 'alice', { prejoin: 'off' });
    await connected(call);
    const button = await until(
      () => shadow(call).querySelector<HTMLButtonElement>('[part~="panel-button"][part~="fullscreen"]'),
      5000,
      'the Full screen button',
    );
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    const click = async () => {
      button.scrollIntoView({ block: 'center' });
      const box = button.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      });
    };
    await click();
    await until(() => document.fullscreenElement === call, 5000, 'the call in full screen');
    await until(() => button.getAttribute('aria-pressed') === 'true', 5000, 'the button pressed');
    expect(call.getBoundingClientRect().width).to.equal(innerWidth);
    await click();
    await until(() => !document.fullscreenElement, 5000, 'full screen left');
    await until(() => button.getAttribute('aria-pressed') === 'false', 5000, 'the button released');
  });

  it('is accessible in the call', async () => {
    const call = await mountCall(uniqueRoom('call-a11y'), 'alice', { prejoin: 'off' });
    await connected(call);
    await expect(call).to.be.accessible();
  });
});
