import { expect, fixture, html } from '@open-wc/testing';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import '../../../src/components/preview/define.js';
import '../../../src/components/call-controls/define.js';
import '../../../src/components/remote-stream/define.js';
import type { ZegoPreview, PreviewErrorDetail } from '../../../src/components/preview/preview.js';
import { RoomSession } from '../../../src/core/session.js';
import type { ZegoLocalStreamConfig } from '../../../src/core/engine.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import {
  adopt,
  destroyAll,
  framesArrive,
  join,
  mountRoom,
  publishCamera,
  uniqueRoom,
  until,
  videoFrames,
} from '../helpers.js';

const part = (el: ZegoPreview, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const videoOf = (el: ZegoPreview) => el.shadowRoot!.querySelector('video')!;

/** Mounts a connected room for Alice (named Ada Lovelace) holding `content`; waits until its preview captured. */
async function previewInRoom(roomID: string, content = html`<zego-preview></zego-preview>`, engine?: MeshEngine) {
  const room = await mountRoom(roomID, 'alice', { userName: 'Ada Lovelace', content, ...(engine ? { engine } : {}) });
  const preview = room.querySelector('zego-preview')!;
  await until(() => preview.stream, 10000, 'the preview captured');
  await preview.updateComplete;
  return { room, preview, session: room.session! };
}

/** A MeshEngine that counts `createStream` calls. */
class CountingEngine extends MeshEngine {
  calls = 0;
  override createStream(source?: ZegoLocalStreamConfig): Promise<MediaStream> {
    this.calls++;
    return super.createStream(source);
  }
}

/**
 * Stands in for a browser permission prompt the user denies: under `--use-fake-ui-for-media-stream`
 * Chromium grants every prompt, so the engine rejects as ZEGO's does on NotAllowedError.
 */
class DeniedEngine extends MeshEngine {
  calls = 0;
  override createStream(): Promise<MediaStream> {
    this.calls++;
    return Promise.reject({ code: 1103064, msg: 'Permission denied' });
  }
}

describe('<zego-preview>', () => {
  afterEach(() => destroyAll());

  it('renders', async () => {
    const preview = await fixture<ZegoPreview>(html`<zego-preview></zego-preview>`);
    // Outside a room nothing is captured: the tile shows the avatar and "you".
    expect(preview.stream).to.equal(undefined);
    expect(videoOf(preview).srcObject).to.equal(null);
    expect(part(preview, 'avatar').hidden).to.equal(false);
    expect(part(preview, 'label').textContent).to.contain('you');
  });

  it('is accessible', async () => {
    const { preview } = await previewInRoom(uniqueRoom('preview-a11y'));
    await expect(preview).to.be.accessible();
  });

  describe('capturing', () => {
    it('captures inside a room and shows the local video (frames arrive)', async () => {
      const { preview } = await previewInRoom(uniqueRoom('preview-frames'));
      const video = videoOf(preview);
      expect(video.srcObject).to.equal(preview.stream);
      await videoFrames(video, 3);
      expect(part(preview, 'avatar').hidden).to.equal(true);
      expect(part(preview, 'label').textContent).to.contain('Ada Lovelace (you)');
      expect(part(preview, 'label').querySelector<HTMLElement>('.name')!.title).to.equal('Ada Lovelace (you)');
    });

    it('a user named "You" reads "You", not "You (you)"', async () => {
      const room = await mountRoom(uniqueRoom('preview-you'), 'you', {
        userName: 'You',
        content: html`<zego-preview></zego-preview>`,
      });
      const preview = room.querySelector('zego-preview')!;
      await until(() => preview.stream, 10000, 'the preview captured');
      await preview.updateComplete;
      expect(part(preview, 'label').textContent!.trim()).to.equal('You');
    });

    it('is mirrored by default', async () => {
      const { preview } = await previewInRoom(uniqueRoom('preview-mirror'));
      expect(getComputedStyle(videoOf(preview)).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    });

    it('is not mirrored with no-mirror', async () => {
      const { preview } = await previewInRoom(
        uniqueRoom('preview-no-mirror'),
        html`<zego-preview no-mirror></zego-preview>`,
      );
      expect(getComputedStyle(videoOf(preview)).transform).to.equal('none');
    });

    it('calls createStream exactly once per connection (no capture loop)', async () => {
      const roomID = uniqueRoom('preview-once');
      const engine = adopt(new CountingEngine(appID, wsURL));
      const bob = await join('bob', roomID);
      const { preview, room } = await previewInRoom(roomID, html`<zego-preview publish></zego-preview>`, engine);
      await bob.log.waitFor(
        'roomStreamUpdate',
        (_r, type, list) => type === 'ADD' && list[0].streamID === 'alice_main',
      );
      // Switches and room events make the preview sync many times; none of that captures again.
      preview.microphone = 'off';
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      preview.microphone = 'on';
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
      await videoFrames(videoOf(preview), 5);
      expect(engine.calls).to.equal(1);
      // A new connection (removed, then inserted again later) captures once more.
      preview.remove();
      await until(() => !preview.stream);
      room.append(preview);
      await until(() => preview.stream);
      await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'DELETE');
      await until(() => bob.log.of('roomStreamUpdate').filter((x) => x[1] === 'ADD').length === 2);
      expect(engine.calls).to.equal(2);
    });
  });

  describe('publish', () => {
    it('publishes <userID>_main: the other participant gets ADD and plays frames', async () => {
      const roomID = uniqueRoom('preview-publish');
      const bob = await join('bob', roomID);
      await previewInRoom(roomID, html`<zego-preview publish></zego-preview>`);
      const [, , list] = await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      expect(list).to.deep.equal([
        { streamID: 'alice_main', user: { userID: 'alice', userName: 'Ada Lovelace' }, extraInfo: '' },
      ]);
      await framesArrive(await bob.engine.startPlayingStream('alice_main'));
    });

    it('a user ID with characters a stream ID may not hold (alice.smith@example.com) publishes and is seen', async () => {
      const roomID = uniqueRoom('preview-email');
      const bob = await join('bob', roomID);
      const room = await mountRoom(roomID, 'alice.smith@example.com', {
        content: html`<zego-preview publish></zego-preview>`,
      });
      const [, , list] = await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      expect(
        list.map((s: { streamID: string; user: { userID: string } }) => [s.streamID, s.user.userID]),
      ).to.deep.equal([['alice_2Esmith_40example_2Ecom_main', 'alice.smith@example.com']]);
      await framesArrive(await bob.engine.startPlayingStream('alice_2Esmith_40example_2Ecom_main'));
      expect(room.querySelector('zego-preview')!.shadowRoot!.querySelector('[part~="message"]')).to.equal(null);
    });

    it('a stream ID someone else publishes: the tile says so and zego-error fires with 1003028', async () => {
      const roomID = uniqueRoom('preview-taken');
      const bob = await join('bob', roomID);
      await publishCamera(bob, 'taken');
      const errors: { code: number; msg: string }[] = [];
      const onError = (e: Event) => errors.push((e as CustomEvent<{ code: number; msg: string }>).detail);
      document.addEventListener('zego-error', onError);
      try {
        const { preview } = await previewInRoom(roomID, html`<zego-preview publish stream-id="taken"></zego-preview>`);
        const message = await until(() => preview.shadowRoot!.querySelector('[part~="message"]'));
        expect(message.textContent).to.contain('This stream is already being published.');
        expect(errors).to.deep.equal([{ code: 1003028, msg: 'This stream is already being published.' }]);
      } finally {
        document.removeEventListener('zego-error', onError);
      }
    });

    it('publishes under stream-id when set', async () => {
      const roomID = uniqueRoom('preview-stream-id');
      const bob = await join('bob', roomID);
      await previewInRoom(roomID, html`<zego-preview publish stream-id="alice_cam"></zego-preview>`);
      const [, , list] = await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      expect(list.map((s: { streamID: string }) => s.streamID)).to.deep.equal(['alice_cam']);
    });
  });

  describe('camera="off"', () => {
    it('shows the initials, ends the video track (camera light off) and the others see MUTE', async () => {
      const roomID = uniqueRoom('preview-camera');
      const bob = await join('bob', roomID);
      const { preview } = await previewInRoom(roomID, html`<zego-preview publish></zego-preview>`);
      await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      const camera = preview.stream!.getVideoTracks()[0]!;
      expect(part(preview, 'avatar').hidden).to.equal(true);
      preview.setAttribute('camera', 'off');
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      expect(camera.readyState).to.equal('ended');
      expect(preview.stream!.getVideoTracks().filter((t) => t.readyState === 'live')).to.have.length(0);
      await preview.updateComplete;
      expect(part(preview, 'avatar').hidden).to.equal(false);
      expect(part(preview, 'avatar').textContent).to.equal('AL');
      expect(getComputedStyle(videoOf(preview)).visibility).to.equal('hidden');
      // And on again: the others see OPEN and the video plays.
      preview.setAttribute('camera', 'on');
      await bob.log.waitFor('remoteCameraStatusUpdate', (id, s) => id === 'alice_main' && s === 'OPEN');
      await until(() => preview.stream!.getVideoTracks().some((t) => t.readyState === 'live'));
      await videoFrames(videoOf(preview), 3);
      await preview.updateComplete;
      expect(part(preview, 'avatar').hidden).to.equal(true);
    });
  });

  describe('microphone="off"', () => {
    it('the others see the microphone as MUTE, and the tile says so', async () => {
      const roomID = uniqueRoom('preview-mic');
      const bob = await join('bob', roomID);
      const { preview } = await previewInRoom(roomID, html`<zego-preview publish></zego-preview>`);
      await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      preview.setAttribute('microphone', 'off');
      await bob.log.waitFor('remoteMicStatusUpdate', (id, s) => id === 'alice_main' && s === 'MUTE');
      await preview.updateComplete;
      expect(part(preview, 'label').querySelector('.sr-only')!.textContent).to.equal('Microphone off');
      // And at a glance: a red badge in the corner, gone when the microphone is back on.
      const badge = part(preview, 'muted');
      expect(badge.getBoundingClientRect().width).to.be.greaterThan(20);
      expect(getComputedStyle(badge).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
      // The fake microphone keeps beeping: speaking while muted says so on the tile.
      const hint = await until(() => preview.shadowRoot!.querySelector<HTMLElement>('[part~="warning"]'), 5000, 'hint');
      expect(hint.textContent).to.equal('You are muted');
      preview.setAttribute('microphone', 'on');
      await until(() => part(preview, 'muted').hidden, 5000, 'the badge goes');
      await until(() => !preview.shadowRoot!.querySelector('[part~="warning"]'), 5000, 'the hint goes');
    });
  });

  describe('your network', () => {
    it('a poor uplink grade shows "Your network is poor" on your tile, a good one removes it (grade injected: loopback loses nothing)', async () => {
      class GradedEngine extends MeshEngine {
        grade(upstream: number): void {
          this.events.emit('networkQuality', 'alice', upstream, -1);
        }
      }
      const engine = adopt(new GradedEngine(appID, wsURL, { qualityInterval: 60000 }));
      const { preview } = await previewInRoom(
        uniqueRoom('preview-network'),
        html`<zego-preview></zego-preview>`,
        engine,
      );
      expect(preview.shadowRoot!.querySelector('[part~="warning"]')).to.equal(null);
      engine.grade(3);
      const warning = await until(() => preview.shadowRoot!.querySelector<HTMLElement>('[part~="warning"]'));
      expect(warning.textContent).to.equal('Your network is poor');
      engine.grade(1);
      await until(() => !preview.shadowRoot!.querySelector('[part~="warning"]'), 5000, 'the warning goes');
    });
  });

  describe('removal', () => {
    it('stops publishing (the others get DELETE) and ends every captured track', async () => {
      const roomID = uniqueRoom('preview-remove');
      const bob = await join('bob', roomID);
      const { preview, room } = await previewInRoom(roomID, html`<zego-preview publish></zego-preview>`);
      await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'ADD');
      const tracks = preview.stream!.getTracks();
      expect(tracks).to.have.length(2);
      preview.remove();
      const [, , list] = await bob.log.waitFor('roomStreamUpdate', (_r, type) => type === 'DELETE');
      expect(list.map((s: { streamID: string }) => s.streamID)).to.deep.equal(['alice_main']);
      expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
      expect(room.getAttribute('state')).to.equal('connected');
    });

    it('removing and re-inserting it unsubscribes and subscribes again exactly once', async () => {
      const { preview, room, session } = await previewInRoom(uniqueRoom('preview-reinsert'));
      const before = session.subscriptionCount();
      const local = session.subscriptionCount('local');
      preview.remove();
      expect(session.subscriptionCount()).to.equal(before - 3);
      expect(session.subscriptionCount('local')).to.equal(local - 1);
      room.append(preview);
      expect(session.subscriptionCount()).to.equal(before);
      expect(session.subscriptionCount('local')).to.equal(local);
      // Again across tasks (the preview releases and captures again): still exactly once.
      preview.remove();
      await until(() => !preview.stream);
      room.append(preview);
      await until(() => preview.stream);
      expect(session.subscriptionCount()).to.equal(before);
      expect(session.subscriptionCount('local')).to.equal(local);
    });
  });

  describe('switching devices', () => {
    it('a camera that went away before it was chosen: the one in use stays, the tile says why, the choice goes back', async () => {
      const { preview, room } = await previewInRoom(uniqueRoom('preview-switch'));
      await until(() => preview.stream, 10000, 'capture');
      const track = preview.stream!.getVideoTracks()[0]!;
      const errors: number[] = [];
      preview.addEventListener('zego-preview-error', (e) => errors.push(e.detail.code));
      room.session!.setLocal({ cameraDevice: 'a-camera-unplugged-meanwhile' });
      const message = await until(
        () => preview.shadowRoot!.querySelector<HTMLElement>('[part~="message"]'),
        10000,
        'the tile to say why',
      );
      expect(message.textContent!.trim()).to.not.equal('');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.within(1103000, 1103999);
      await until(() => room.session!.local.cameraDevice === '', 5000, 'the choice to go back');
      // The video goes on from the camera in use.
      expect(track.readyState).to.equal('live');
      await videoFrames(videoOf(preview), 3);
    });
  });

  describe('permission denied (simulated: the engine rejects createStream with 1103064)', () => {
    it('shows a clear message and fires zego-preview-error, without retrying', async () => {
      const engine = adopt(new DeniedEngine(appID, wsURL));
      const session = new RoomSession(engine, 'denied', { userID: 'alice' });
      const errors: PreviewErrorDetail[] = [];
      const preview = await fixture<ZegoPreview>(
        html`<zego-preview
          .session=${session}
          @zego-preview-error=${(e: CustomEvent<PreviewErrorDetail>) => errors.push(e.detail)}
        ></zego-preview>`,
      );
      await until(() => preview.shadowRoot!.querySelector('[part~="message"]'));
      await preview.updateComplete;
      const text = 'Camera or microphone access was denied. Allow it in the browser’s site settings and try again.';
      const message = part(preview, 'message');
      // The tile also says what the call is like now: watching and listening only.
      expect(message.textContent).to.equal(`${text} You can see and hear the others; they cannot see or hear you.`);
      expect(message.getAttribute('role')).to.equal('alert');
      expect(errors).to.deep.equal([{ code: 1103064, msg: text }]);
      expect([session.local.cameraError, session.local.microphoneError]).to.deep.equal([1103064, 1103064]);
      expect([session.local.camera, session.local.microphone]).to.deep.equal([false, false]);
      // More session activity does not retry in a loop.
      session.setLocal({ microphone: true });
      session.notify('state');
      await preview.updateComplete;
      // Both devices, then each alone (one may be the trouble), then never again.
      expect(engine.calls).to.equal(3);
      expect(preview.stream).to.equal(undefined);
    });
  });

  describe('a camera that cannot be had (a device ID no camera has: the browser refuses it)', () => {
    it("the call goes on audio only: your tile, your camera button and the others' tile say so", async () => {
      const roomID = uniqueRoom('preview-no-camera');
      const room = await mountRoom(roomID, 'alice', { userName: 'Ada Lovelace' });
      const session = room.session!;
      session.setLocal({ cameraDevice: 'no-such-camera' });
      const errors: PreviewErrorDetail[] = [];
      room.addEventListener('zego-preview-error', (e) => errors.push(e.detail));
      const preview = document.createElement('zego-preview');
      preview.publish = true;
      const controls = document.createElement('zego-call-controls');
      room.append(preview, controls);
      await until(() => preview.stream, 10000, 'the microphone was captured');
      await preview.updateComplete;
      expect(preview.stream!.getVideoTracks()).to.have.length(0);
      expect(preview.stream!.getAudioTracks()).to.have.length(1);
      expect(session.local.cameraError).to.be.greaterThan(0);
      expect([session.local.camera, session.local.microphone]).to.deep.equal([false, true]);
      expect(errors.map((e) => e.code)).to.deep.equal([session.local.cameraError]);
      expect(part(preview, 'avatar').hidden).to.equal(false);
      expect(part(preview, 'message').textContent).to.match(/camera/i);

      // The camera button is off with a warning mark; clicking it says why and keeps it off.
      await controls.updateComplete;
      const camera = controls.shadowRoot!.querySelector<HTMLButtonElement>('[part~="camera"]')!;
      expect(camera.getAttribute('aria-pressed')).to.equal('false');
      expect(camera.getAttribute('aria-disabled')).to.equal('true');
      expect(getComputedStyle(camera, '::after').content).to.equal('"!"');
      camera.click();
      await controls.updateComplete;
      expect(controls.shadowRoot!.querySelector('[part~="message"]')!.textContent).to.equal(camera.title);
      expect(session.local.camera).to.equal(false);

      // Bob hears Alice and sees her initials with "Camera off".
      const other = await mountRoom(roomID, 'bob', {
        content: html`<zego-remote-stream stream-id="alice_main"></zego-remote-stream>`,
      });
      const tile = other.querySelector('zego-remote-stream')!;
      await until(() => tile.media, 10000, 'bob plays alice_main');
      await tile.updateComplete;
      const state = await until(() => tile.shadowRoot!.querySelector('[part~="state"]'), 10000, 'a state caption');
      expect(state.textContent!.trim()).to.equal('Camera off');
      expect(tile.shadowRoot!.querySelector<HTMLElement>('[part~="avatar"]')!.hidden).to.equal(false);
    });
  });
});
