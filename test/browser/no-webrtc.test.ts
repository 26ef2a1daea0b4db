// First: the page loses WebRTC before the kit loads.
import { unhandled } from './support/no-webrtc.js';
import { expect, fixture, html } from '@open-wc/testing';
import { wsURL, appID } from 'virtual:test-server';
import '../../src/components/room/define.js';
import '../../src/components/stream-grid/define.js';
import '../../src/components/call-controls/define.js';
import type { ZegoRoom } from '../../src/components/room/room.js';
import { ZegoErrorCode } from '../../src/core/errors.js';
import { detectCapabilities } from '../../src/core/capabilities.js';
import { destroyAll, join, tokenFor, uniqueRoom, until } from './helpers.js';

describe('a browser without WebRTC (RTCPeerConnection removed before the kit loads)', () => {
  afterEach(() => destroyAll());

  it('detects it: capabilities say no WebRTC, capture still there', () => {
    const can = detectCapabilities();
    expect(can.webRTC).to.equal(false);
    expect(can.capture).to.equal(true);
  });

  it('the room says "cannot make calls" with 1103002, never connected, no Rejoin, camera released, no unhandled rejection', async () => {
    const roomID = uniqueRoom('no-webrtc');
    const token = await tokenFor('alice', roomID);
    const states: string[] = [];
    const errors: number[] = [];
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        room-id=${roomID}
        user-id="alice"
        token=${token}
        server=${wsURL}
        app-id=${appID}
        @zego-room-state-change=${(e: CustomEvent<{ state: string }>) => states.push(e.detail.state)}
        @zego-error=${(e: CustomEvent<{ code: number }>) => errors.push(e.detail.code)}
        ><zego-stream-grid></zego-stream-grid><zego-call-controls></zego-call-controls
      ></zego-room>`,
    );
    await until(() => room.getAttribute('state') === 'failed', 10000, 'the room to say failed');
    const banner = room.shadowRoot!.querySelector<HTMLElement>('[part~="status"]')!;
    expect(banner.hidden).to.equal(false);
    expect(banner.getAttribute('role')).to.equal('alert');
    expect(banner.textContent).to.contain('This browser cannot make calls');
    // Rejoining cannot help here: no button offers it.
    expect(room.shadowRoot!.querySelector('[part~="rejoin"]')).to.equal(null);
    expect(errors).to.include(ZegoErrorCode.BROWSER_UNSUPPORTED);
    expect(states).not.to.include('connected');
    // No session was started: nothing captures the camera, nothing logs in.
    expect(room.session).to.equal(undefined);
    // The other participants never saw this user in the room.
    const bob = await join('bob', roomID);
    await bob.engine.sendBroadcastMessage(roomID, 'a round trip: the user list arrived before its answer');
    const seen = bob.log
      .of('roomUserUpdate')
      .flatMap(([, , users]) => (users as { userID: string }[]).map((u) => u.userID));
    expect(seen).not.to.include('alice');
    expect(unhandled).to.deep.equal([]);
  });

  it('the mesh engine used directly refuses to publish and to play with 1103002 (ZEGO\'s "browser do not support")', async () => {
    const roomID = uniqueRoom('no-webrtc-engine');
    const alice = await join('alice', roomID);
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    try {
      expect(alice.engine.startPublishingStream('alice_main', stream)).to.equal(false);
      const [state] = (await alice.log.waitFor('publisherStateUpdate')) as [{ errorCode: number; state: string }];
      expect(state).to.include({ state: 'NO_PUBLISH', errorCode: 1103002 });
    } finally {
      for (const t of stream.getTracks()) t.stop();
    }
    expect(unhandled).to.deep.equal([]);
  });
});
