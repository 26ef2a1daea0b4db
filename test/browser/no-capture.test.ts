// First: the page loses getUserMedia (not WebRTC) before the kit loads.
import './support/no-capture.js';
import { expect, html } from '@open-wc/testing';
import '../../src/components/room/define.js';
import '../../src/components/stream-grid/define.js';
import type { ZegoStreamGrid } from '../../src/components/stream-grid/stream-grid.js';
import type { ZegoRemoteStream } from '../../src/components/remote-stream/remote-stream.js';
import { destroyAll, join, mountRoom, uniqueRoom, until, videoFrames } from './helpers.js';

describe('a browser that can receive calls but not capture (getUserMedia removed before the kit loads)', () => {
  let after = () => {};
  afterEach(() => {
    after();
    destroyAll();
  });

  it('joins as a viewer: connected, sees and hears the others, and its own tile says why and what that means', async () => {
    const roomID = uniqueRoom('viewer');
    // Bob publishes a canvas (this page has no camera to give him).
    const bob = await join('bob', roomID);
    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
    const ctx = canvas.getContext('2d')!;
    const paint = setInterval(() => {
      ctx.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`;
      ctx.fillRect(0, 0, 160, 120);
    }, 50);
    try {
      const stream = canvas.captureStream(20);
      expect(bob.engine.startPublishingStream('bob_main', stream)).to.equal(true);
      const errors: number[] = [];
      const onError = (e: Event) => errors.push((e as CustomEvent<{ code: number }>).detail.code);
      document.addEventListener('zego-preview-error', onError);
      after = () => document.removeEventListener('zego-preview-error', onError);
      const room = await mountRoom(roomID, 'alice', { content: html`<zego-stream-grid></zego-stream-grid>` });
      const grid = room.querySelector<ZegoStreamGrid>('zego-stream-grid')!;
      // Bob's video plays here.
      const tile = await until(
        () => grid.shadowRoot!.querySelector<ZegoRemoteStream>('zego-remote-stream[stream-id="bob_main"]'),
        10000,
        "bob's tile",
      );
      const video = await until(() => tile.shadowRoot!.querySelector('video'), 10000, "bob's video");
      await videoFrames(video, 3);
      // Alice's own tile: why she is not captured, and that she is watching only.
      const own = grid.shadowRoot!.querySelector('zego-preview')!;
      const message = await until(
        () => own.shadowRoot!.querySelector<HTMLElement>('[part~="message"]'),
        10000,
        'the own tile to say why',
      );
      expect(message.textContent).to.contain('This browser cannot use a camera or microphone.');
      expect(message.textContent).to.contain('they cannot see or hear you');
      expect(room.getAttribute('state')).to.equal('connected');
      expect(errors).to.deep.equal([1103002]);
      expect(room.session!.local.camera).to.equal(false);
      expect(room.session!.local.microphone).to.equal(false);
    } finally {
      clearInterval(paint);
    }
  });
});
