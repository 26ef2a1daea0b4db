import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/room/define.js';
import '../../../src/components/preview/define.js';
import '../../../src/components/call-controls/define.js';
import type { ZegoCallControls } from '../../../src/components/call-controls/call-controls.js';
import type { RoomSession } from '../../../src/core/session.js';
import { setWords } from '../../../src/components/localize.js';
import { destroyAll, framesArrive, join, mountRoom, uniqueRoom, until } from '../helpers.js';

const button = (controls: ZegoCallControls, name: string) =>
  controls.shadowRoot!.querySelector<HTMLButtonElement>(`button[part~="${name}"]`)!;
const pressed = (controls: ZegoCallControls, name: string) => button(controls, name).getAttribute('aria-pressed');

/** Alice's room (the page) publishes her preview and has the controls; Bob sees her stream. */
async function inCall(name: string) {
  const roomID = uniqueRoom(name);
  const bob = await join('bob', roomID);
  const room = await mountRoom(roomID, 'alice', {
    content: html`<zego-preview publish></zego-preview><zego-call-controls></zego-call-controls>`,
  });
  const controls = room.querySelector('zego-call-controls')!;
  const preview = room.querySelector('zego-preview')!;
  await bob.log.waitFor('roomStreamUpdate', (_r, type, list) => type === 'ADD' && list[0].streamID === 'alice_main');
  await controls.updateComplete;
  return { roomID, bob, room, controls, preview };
}

const isFirefox = navigator.userAgent.includes('Firefox');

describe('<zego-call-controls>', () => {
  afterEach(() => destroyAll());

  it('renders', async () => {
    const controls = await fixture<ZegoCallControls>(html`<zego-call-controls></zego-call-controls>`);
    const bar = controls.shadowRoot!.querySelector('[part~="bar"]')!;
    expect(bar.getAttribute('role')).to.equal('toolbar');
    const buttons = [...bar.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal([
      'Microphone',
      'Camera',
      'Share screen',
      'Devices',
      'Leave',
    ]);
    // Outside a room there is nothing to control.
    expect(buttons.every((b) => b.disabled)).to.equal(true);
  });

  it('is accessible', async () => {
    const { controls } = await inCall('controls-a11y');
    await expect(controls).to.be.accessible();
  });

  describe('names and states', () => {
    it('every button has an accessible name; toggles report aria-pressed', async () => {
      const { controls } = await inCall('controls-names');
      const names = [...controls.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
      expect(names).to.deep.equal(['Microphone', 'Camera', 'Share screen', 'Devices', 'Leave']);
      for (const b of controls.shadowRoot!.querySelectorAll('button')) expect(b.disabled).to.equal(false);
      expect(pressed(controls, 'microphone')).to.equal('true');
      expect(pressed(controls, 'camera')).to.equal('true');
      expect(pressed(controls, 'screen')).to.equal('false');
      expect(button(controls, 'devices').getAttribute('aria-expanded')).to.equal('false');
    });

    it('speaks zh-CN when an ancestor has lang="zh-CN"', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="zh-CN"><zego-call-controls></zego-call-controls></div>`,
      );
      const controls = wrapper.querySelector('zego-call-controls')!;
      const names = () => [...controls.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
      // The Chinese table loads on first use; the labels switch as soon as it has.
      await until(() => names()[0] === '麦克风');
      expect(names()).to.deep.equal(['麦克风', '摄像头', '共享屏幕', '设备', '离开']);
    });

    it('speaks German under lang="de-AT" once its table has loaded; words set with setWords win and show at once', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="de-AT"><zego-call-controls></zego-call-controls></div>`,
      );
      const controls = wrapper.querySelector('zego-call-controls')!;
      const names = () => [...controls.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
      await until(() => names()[0] === 'Mikrofon');
      expect(names()).to.deep.equal(['Mikrofon', 'Kamera', 'Bildschirm teilen', 'Geräte', 'Verlassen']);
      expect(button(controls, 'leave').title).to.equal('Verlassen');
      const english = await fixture<ZegoCallControls>(html`<zego-call-controls lang="en"></zego-call-controls>`);
      try {
        // The app's words: re-rendered without anything else happening, in that language only.
        setWords('de', { leave: 'Auflegen' });
        setWords('en', { screen: 'Present' });
        await until(() => names()[4] === 'Auflegen');
        expect(button(controls, 'leave').title).to.equal('Auflegen');
        expect(names()[2]).to.equal('Bildschirm teilen');
        await until(() => button(english, 'screen').textContent!.trim() === 'Present');
        expect(button(english, 'leave').textContent!.trim()).to.equal('Leave');
      } finally {
        setWords('de', { leave: undefined });
        setWords('en', { screen: undefined });
      }
      await until(() => names()[4] === 'Verlassen');
      await until(() => button(english, 'screen').textContent!.trim() === 'Share screen');
    });
  });

  describe('microphone', () => {
    it('clicking toggles aria-pressed and the other side sees the microphone MUTE, then OPEN', async () => {
      const { controls, bob, preview } = await inCall('controls-mic');
      button(controls, 'microphone').click();
      await controls.updateComplete;
      expect(pressed(controls, 'microphone')).to.equal('false');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      expect(preview.getAttribute('microphone')).to.equal('off');
      button(controls, 'microphone').click();
      await controls.updateComplete;
      expect(pressed(controls, 'microphone')).to.equal('true');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
    });
  });

  describe('camera', () => {
    it('clicking toggles aria-pressed, ends the camera track and the other side sees MUTE', async () => {
      const { controls, bob, preview } = await inCall('controls-camera');
      const track = preview.stream!.getVideoTracks()[0]!;
      button(controls, 'camera').click();
      await controls.updateComplete;
      expect(pressed(controls, 'camera')).to.equal('false');
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      expect(track.readyState).to.equal('ended');
      button(controls, 'camera').click();
      await controls.updateComplete;
      expect(pressed(controls, 'camera')).to.equal('true');
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
    });
  });

  describe('keyboard', () => {
    it('Enter and Space toggle a focused button; Tab moves along the bar', async () => {
      const { controls, bob } = await inCall('controls-keys');
      const mic = button(controls, 'microphone');
      mic.focus();
      await sendKeys({ press: 'Enter' });
      await controls.updateComplete;
      expect(pressed(controls, 'microphone')).to.equal('false');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      await sendKeys({ press: ' ' });
      await controls.updateComplete;
      expect(pressed(controls, 'microphone')).to.equal('true');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
      await sendKeys({ press: 'Tab' });
      expect(controls.shadowRoot!.activeElement).to.equal(button(controls, 'camera'));
      await sendKeys({ press: ' ' });
      await controls.updateComplete;
      expect(pressed(controls, 'camera')).to.equal('false');
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
    });
  });

  describe('devices menu', () => {
    it('lists the fake camera and microphone; Escape closes it and returns focus', async () => {
      const { controls, preview } = await inCall('controls-devices');
      const devices = button(controls, 'devices');
      devices.click();
      const menu = await until(() => controls.shadowRoot!.querySelector('[part~="menu"]'), 5000, 'the devices menu');
      expect(devices.getAttribute('aria-expanded')).to.equal('true');
      const selects = [...menu.querySelectorAll('select')];
      const options = (i: number) => [...selects[i]!.options].map((o) => o.textContent!.trim());
      const labels = [...menu.querySelectorAll('label')].map((l) =>
        [...l.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join('')
          .trim(),
      );
      expect(labels.slice(0, 2)).to.deep.equal(['Camera', 'Microphone']);
      // The devices the preview captured from are offered by name.
      expect(options(0)).to.include(preview.stream!.getVideoTracks()[0]!.label);
      expect(options(1)).to.include(preview.stream!.getAudioTracks()[0]!.label);
      expect(options(0).every((name) => name !== '')).to.equal(true);
      // Focus moved into it, and it lies inside the viewport.
      await until(() => controls.shadowRoot!.activeElement === selects[0], 5000, 'focus in the menu');
      const box = menu.getBoundingClientRect();
      expect(box.top).to.be.at.least(0);
      expect(box.left).to.be.at.least(0);
      expect(box.bottom).to.be.at.most(innerHeight);
      expect(box.right).to.be.at.most(innerWidth);
      await sendKeys({ press: 'Escape' });
      await controls.updateComplete;
      expect(controls.shadowRoot!.querySelector('[part~="menu"]')).to.equal(null);
      expect(devices.getAttribute('aria-expanded')).to.equal('false');
      expect(controls.shadowRoot!.activeElement).to.equal(devices);
    });
  });

  describe('noise suppression and echo cancellation', () => {
    it('turned off and on again live: the microphone is captured again with them, the other side keeps hearing, a microphone switch keeps them', async () => {
      const { controls, room, bob } = await inCall('controls-processing');
      const session = room.session!;
      // Bob's page plays what it receives (the browser measures the sound it plays out).
      const heard = new Audio();
      heard.srcObject = await bob.engine.startPlayingStream('alice_main');
      await heard.play();
      bob.engine.setSoundLevelDelegate(true, 300);
      /** Bob hears Alice (the fake microphone beeps) after the log's entry `from`. */
      const bobHears = (from: number) =>
        until(
          () =>
            bob.log.entries
              .slice(from)
              .some(
                (e) =>
                  e.event === 'soundLevelUpdate' &&
                  (e.args[0] as { streamID: string; soundLevel: number }[]).some(
                    (l) => l.streamID === 'alice_main' && l.soundLevel > 0,
                  ),
              ),
          15000,
          'bob hears alice',
        ).catch((err) => {
          throw new Error(
            `${err}: ${JSON.stringify(bob.log.of('soundLevelUpdate').slice(-3))} ${JSON.stringify(bob.log.of('playerStateUpdate'))}`,
          );
        });
      const track = () => session.local.stream!.getAudioTracks()[0];
      /**
       * The microphone was opened again, with `want` where the browser reports it (Firefox's fake
       * microphone reports no processing at all: there, that it was opened again is what shows).
       */
      const reopened = (before: MediaStreamTrack | undefined, want: MediaTrackSettings) =>
        until(
          () => {
            const now = track();
            if (!now || now === before || before?.readyState !== 'ended') return false;
            const got = now.getSettings() as Record<string, unknown>;
            return isFirefox || Object.entries(want).every(([k, v]) => got[k] === v);
          },
          5000,
          `opened again with ${JSON.stringify(want)}`,
        );
      /** Flips a switch of the panel and waits until the microphone has it. */
      const flip = async (name: 'noiseSuppression' | 'echoCancellation', want: MediaTrackSettings) => {
        const before = track();
        box(name).click();
        await reopened(before, want);
      };
      await bobHears(0);
      if (!isFirefox) expect(track()!.getSettings().noiseSuppression).to.equal(true);

      button(controls, 'devices').click();
      const menu = await until(() => controls.shadowRoot!.querySelector('[part~="menu"]'), 5000, 'the devices menu');
      const box = (name: string) => menu.querySelector<HTMLInputElement>(`input[part~="${name}"]`)!;
      expect(box('noiseSuppression').checked).to.equal(true);
      expect(box('echoCancellation').checked).to.equal(true);
      await flip('noiseSuppression', { noiseSuppression: false, echoCancellation: true });
      expect(session.local.processing).to.deep.equal({ ANS: false });
      expect(session.local.stream!.getAudioTracks()).to.have.length(1);
      await bobHears(bob.log.entries.length);

      await flip('echoCancellation', { noiseSuppression: false, echoCancellation: false });
      expect(session.local.processing).to.deep.equal({ ANS: false, AEC: false });
      // Another microphone (here: the same one opened again) keeps the choice.
      const before = track();
      await session.engine.useAudioDevice(session.local.stream!, before!.getSettings().deviceId ?? '');
      await reopened(before, { noiseSuppression: false, echoCancellation: false });

      await flip('noiseSuppression', { noiseSuppression: true, echoCancellation: false });
      await bobHears(bob.log.entries.length);
      // While muted too (a copy of the microphone listens for "You are muted": it must not keep the
      // old capture, and its processing, open); muted stays muted.
      button(controls, 'microphone').click();
      await until(() => track()?.enabled === false, 5000, 'muted');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, status) => id === 'alice_main' && status === 'MUTE');
      await flip('echoCancellation', { noiseSuppression: true, echoCancellation: true });
      expect(track()!.enabled).to.equal(false);
      button(controls, 'microphone').click();
      await until(() => track()?.enabled, 5000, 'unmuted');
      await flip('echoCancellation', { echoCancellation: false });
      await bobHears(bob.log.entries.length);
      // Reopened, the panel shows the choice.
      button(controls, 'devices').click();
      button(controls, 'devices').click();
      const again = await until(() => controls.shadowRoot!.querySelector('[part~="menu"]'), 5000, 'the menu again');
      expect(again.querySelector<HTMLInputElement>('input[part~="echoCancellation"]')!.checked).to.equal(false);
      heard.srcObject = null;
    });
  });

  describe('speaker', () => {
    it('a speaker that cannot play is refused with a message; the sound stays on the current one', async () => {
      const { controls, room } = await inCall('controls-speaker');
      button(controls, 'devices').click();
      const menu = await until(() => controls.shadowRoot!.querySelector('[part~="menu"]'), 5000, 'the devices menu');
      const speakerSelect = await until(() => menu.querySelectorAll('select')[2], 5000, 'the speaker select');
      // A device that went away after the list was made (unplugged headphones, say).
      speakerSelect.append(new Option('Headphones (unplugged)', 'no-such-speaker'));
      speakerSelect.value = 'no-such-speaker';
      const errors: number[] = [];
      controls.addEventListener('zego-controls-error', (e) => errors.push(e.detail.code));
      speakerSelect.dispatchEvent(new Event('change', { bubbles: true }));
      const message = await until(
        () => controls.shadowRoot!.querySelector<HTMLElement>('[part~="message"]'),
        5000,
        'a message',
      );
      expect(message.textContent).to.contain('The sound could not be played on that speaker.');
      expect(errors).to.deep.equal([1103065]);
      expect(room.session!.local.speakerDevice).to.equal('');
      expect(speakerSelect.value).to.not.equal('no-such-speaker');
    });

    it('an error without a ZEGO code is said in words, never as "Error 0"', async () => {
      const { errorText } = await import('../../../src/components/localize.js');
      expect(errorText(undefined, 0)).to.equal('Something went wrong.');
      expect(errorText(undefined, 1234567)).to.equal('Something went wrong (error 1234567).');
    });
  });

  describe('looks', () => {
    it('an "off" toggle is an outline, unlike Leave; at phone width the buttons are icons with names and tooltips', async () => {
      const { controls } = await inCall('controls-looks');
      button(controls, 'microphone').click();
      await until(() => pressed(controls, 'microphone') === 'false');
      await controls.updateComplete;
      const off = getComputedStyle(button(controls, 'microphone'));
      const leave = getComputedStyle(button(controls, 'leave'));
      expect(off.backgroundColor).not.to.equal(leave.backgroundColor);
      expect(off.boxShadow).to.contain('inset');
      // A 360 px wide bar: icon-only round buttons, in one row, each still named.
      controls.style.width = '360px';
      await until(() => button(controls, 'leave').getBoundingClientRect().width < 60, 5000, 'icon-only');
      const buttons = [...controls.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part~="button"]')];
      const rows = new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
      expect(rows.size).to.equal(1);
      for (const b of buttons) {
        const r = b.getBoundingClientRect();
        expect(Math.round(r.width)).to.equal(Math.round(r.height));
        expect(b.title).to.not.equal('');
        expect(b.textContent!.trim()).to.equal(b.title);
      }
    });
  });

  describe('leave', () => {
    it('fires a cancelable zego-leave-request; preventDefault keeps the call connected', async () => {
      const { room, controls, bob } = await inCall('controls-leave-veto');
      const requests: CustomEvent<{ session: RoomSession }>[] = [];
      room.addEventListener('zego-leave-request', (e) => {
        requests.push(e);
        e.preventDefault();
      });
      button(controls, 'leave').click();
      expect(requests).to.have.length(1);
      expect(requests[0]!.cancelable).to.equal(true);
      expect(requests[0]!.detail.session).to.equal(room.session);
      await room.updateComplete;
      expect(room.getAttribute('state')).to.equal('connected');
      // Still in the call: a mute reaches Bob.
      button(controls, 'microphone').click();
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      expect(bob.log.of('roomUserUpdate').filter((x) => x[1] === 'DELETE')).to.have.length(0);
    });

    it('otherwise the room leaves: state left, the others see the user go', async () => {
      const { room, controls, bob } = await inCall('controls-leave');
      button(controls, 'leave').click();
      expect(room.getAttribute('state')).to.equal('left');
      await bob.log.waitFor('roomUserUpdate', (_r, type, list) => type === 'DELETE' && list[0].userID === 'alice');
      await room.updateComplete;
      await controls.updateComplete;
      expect(room.getAttribute('state')).to.equal('left');
      // Nothing left to control.
      expect(button(controls, 'microphone').disabled).to.equal(true);
      expect(button(controls, 'leave').disabled).to.equal(true);
    });
  });

  describe('screen share', () => {
    // Headless Chromium with --use-fake-ui-for-media-stream accepts getDisplayMedia by itself
    // (it shares a fake screen), so this is the real path, not the error message.
    // Headless Firefox has no screen to share (getDisplayMedia rejects with NotFoundError): there the
    // user must be told, and nothing is published. A difference of the browser, named, not skipped.
    if (isFirefox)
      it('Firefox headless, which has no screen to share: the click says screen sharing failed and nothing is published', async () => {
        const { controls, bob, roomID } = await inCall('controls-screen-firefox');
        button(controls, 'screen').click();
        const message = await until(
          () => controls.shadowRoot!.querySelector<HTMLElement>('[part~="message"]'),
          10000,
          'a message',
        );
        expect(message.textContent).to.equal('Screen sharing failed.');
        expect(pressed(controls, 'screen')).to.equal('false');
        expect(controls.shadowRoot!.querySelector('[part~="presenting"]')).to.equal(null);
        // A round trip: had a stream been added, Bob would have heard of it before this answer.
        await bob.engine.sendBroadcastMessage(roomID, 'ping');
        expect(
          bob.log
            .of('roomStreamUpdate')
            .some(([, , l]) => (l as { streamID: string }[])[0]!.streamID === 'alice_screen'),
        ).to.equal(false);
      });
    else
      it('publishes <userID>_screen (getDisplayMedia is auto-accepted): the other side gets ADD and frames', async () => {
        const { controls, bob } = await inCall('controls-screen');
        button(controls, 'screen').click();
        const [, , list] = await bob.log.waitFor(
          'roomStreamUpdate',
          (_r, type, l) => type === 'ADD' && l[0].streamID === 'alice_screen',
        );
        expect(list[0].user.userID).to.equal('alice');
        await controls.updateComplete;
        expect(pressed(controls, 'screen')).to.equal('true');
        expect(controls.shadowRoot!.querySelector('[part~="message"]')).to.equal(null);
        await framesArrive(await bob.engine.startPlayingStream('alice_screen'));
        // The sharer is told, with a way to stop.
        const bar = controls.shadowRoot!.querySelector<HTMLElement>('[part~="presenting"]')!;
        expect(bar.textContent).to.contain('You are presenting');
        expect(bar.querySelector('button')!.textContent!.trim()).to.equal('Stop');
        // Clicking the button again stops sharing.
        button(controls, 'screen').click();
        await bob.log.waitFor(
          'roomStreamUpdate',
          (_r, type, l) => type === 'DELETE' && l[0].streamID === 'alice_screen',
        );
        await controls.updateComplete;
        expect(pressed(controls, 'screen')).to.equal('false');
        expect(controls.shadowRoot!.querySelector('[part~="presenting"]')).to.equal(null);
        // And the bar's Stop does the same.
        button(controls, 'screen').click();
        const stop = await until(() =>
          controls.shadowRoot!.querySelector<HTMLButtonElement>('[part~="stop-presenting"]'),
        );
        await bob.log.waitFor(
          'roomStreamUpdate',
          (_r, type, l) =>
            type === 'ADD' && l[0].streamID === 'alice_screen' && bob.log.of('roomStreamUpdate').length > 3,
        );
        stop.click();
        await until(() => pressed(controls, 'screen') === 'false', 5000, 'sharing stopped from the bar');
      });
  });
});
