import { expect, fixture, html } from '@open-wc/testing';
import { wsURL, appID } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import '../../../src/components/preview/define.js';
import '../../../src/components/remote-stream/define.js';
import '../../../src/components/call-controls/define.js';
import type { ZegoRoom, RoomStateChangeDetail, TokenRequest } from '../../../src/components/room/room.js';
import type { ZegoPreview } from '../../../src/components/preview/preview.js';
import type { ZegoRemoteStream } from '../../../src/components/remote-stream/remote-stream.js';
import type { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import {
  destroyAll,
  join,
  mountRoom,
  publishCamera,
  tokenFor,
  trackPeerConnections,
  uniqueRoom,
  until,
} from '../helpers.js';

/** Records the `detail` of every `type` event that reaches the document, until the test ends. */
const collectors: (() => void)[] = [];
function collect<K extends keyof HTMLElementEventMap>(type: K): HTMLElementEventMap[K][] {
  const seen: HTMLElementEventMap[K][] = [];
  const on = (e: Event) => seen.push(e as HTMLElementEventMap[K]);
  document.addEventListener(type, on);
  collectors.push(() => document.removeEventListener(type, on));
  return seen;
}

const banner = (room: ZegoRoom) => room.shadowRoot!.querySelector<HTMLElement>('[part~="status"]')!;

describe('<zego-room>', () => {
  afterEach(() => {
    for (const off of collectors.splice(0)) off();
    destroyAll();
  });

  it('renders', async () => {
    const room = await fixture<ZegoRoom>(html`<zego-room><p>call UI</p></zego-room>`);
    // Without room-id and user-id it does not join: no state, no banner, the call UI is slotted.
    expect(room.hasAttribute('state')).to.equal(false);
    expect(room.session).to.equal(undefined);
    expect(banner(room).hidden).to.equal(true);
    const slot = room.shadowRoot!.querySelector('slot')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['call UI']);
  });

  it('is accessible', async () => {
    const room = await mountRoom(uniqueRoom('room-a11y'), 'alice', { content: html`<p>call UI</p>` });
    await expect(room).to.be.accessible();
  });

  describe('joining', () => {
    it('shows connecting, then connected (state attribute and zego-room-state-change)', async () => {
      const roomID = uniqueRoom('room-join');
      const token = await tokenFor('alice', roomID);
      const seen: [string, string | null][] = [];
      const details: RoomStateChangeDetail[] = [];
      const room = await fixture<ZegoRoom>(
        html`<zego-room
          room-id=${roomID}
          user-id="alice"
          token=${token}
          server=${wsURL}
          app-id=${appID}
          @zego-room-state-change=${(e: CustomEvent<RoomStateChangeDetail>) => {
            details.push(e.detail);
            seen.push([e.detail.phase, (e.target as ZegoRoom).getAttribute('state')]);
          }}
        ></zego-room>`,
      );
      await until(() => room.getAttribute('state') === 'connected');
      const phases = seen.map(([phase]) => phase);
      expect(phases).to.include('connecting');
      expect(phases.indexOf('connecting')).to.be.lessThan(phases.indexOf('connected'));
      // The attribute says the same as the event when it fires.
      for (const [phase, attr] of seen) expect(attr).to.equal(phase);
      expect(details.at(-1)).to.deep.equal({
        roomID,
        phase: 'connected',
        state: 'CONNECTED',
        reason: 'LOGINED',
        errorCode: 0,
      });
      await room.updateComplete;
      expect(banner(room).hidden).to.equal(true);
    });

    it('asks tokenProvider for a token with {roomID, userID} when none is set', async () => {
      const roomID = uniqueRoom('room-provider');
      const requests: TokenRequest[] = [];
      const provider = async (request: TokenRequest) => {
        requests.push(request);
        return tokenFor(request.userID, request.roomID);
      };
      const room = await fixture<ZegoRoom>(
        html`<zego-room
          room-id=${roomID}
          user-id="alice"
          server=${wsURL}
          app-id=${appID}
          .tokenProvider=${provider}
        ></zego-room>`,
      );
      await until(() => room.getAttribute('state') === 'connected');
      expect(requests).to.deep.equal([{ roomID, userID: 'alice' }]);
    });
  });

  describe('re-emitted engine events', () => {
    it('fires zego-user-update and zego-stream-update with typed details', async () => {
      const roomID = uniqueRoom('room-events');
      const users = collect('zego-user-update');
      const streams = collect('zego-stream-update');
      await mountRoom(roomID, 'alice');
      const bob = await join('bob', roomID);
      await until(() => users.length > 0);
      expect(users[0]!.detail).to.deep.equal({
        roomID,
        updateType: 'ADD',
        userList: [{ userID: 'bob', userName: 'Name of bob' }],
      });
      await publishCamera(bob, 'bob_main');
      await until(() => streams.length > 0);
      expect(streams[0]!.detail).to.deep.equal({
        roomID,
        updateType: 'ADD',
        streamList: [{ streamID: 'bob_main', user: { userID: 'bob', userName: 'Name of bob' }, extraInfo: '' }],
        extendedData: '',
      });
      bob.engine.stopPublishingStream('bob_main');
      await until(() => streams.length > 1);
      expect(streams[1]!.detail.updateType).to.equal('DELETE');
      expect(streams[1]!.detail.streamList.map((s) => s.streamID)).to.deep.equal(['bob_main']);
      expect(JSON.parse(streams[1]!.detail.extendedData)).to.deep.equal({
        stream_delete_reason: [{ stream_id: 'bob_main', code: 1 }],
      });
      bob.engine.logoutRoom();
      await until(() => users.some((e) => e.detail.updateType === 'DELETE'));
      expect(users.at(-1)!.detail.userList.map((u) => u.userID)).to.deep.equal(['bob']);
      // The events bubble out of shadow roots and the room.
      expect(users[0]!.bubbles && users[0]!.composed).to.equal(true);
    });

    it('fires zego-publisher-state-change and zego-player-state-change with typed details', async () => {
      const roomID = uniqueRoom('room-media-events');
      const published = collect('zego-publisher-state-change');
      const played = collect('zego-player-state-change');
      const bob = await join('bob', roomID);
      await publishCamera(bob, 'bob_main');
      await mountRoom(roomID, 'alice', {
        content: html`<zego-preview publish></zego-preview
          ><zego-remote-stream stream-id="bob_main"></zego-remote-stream>`,
      });
      await until(() => published.some((e) => e.detail.state === 'PUBLISHING'));
      expect(published.map((e) => e.detail.state)).to.deep.equal(['PUBLISH_REQUESTING', 'PUBLISHING']);
      expect(published.at(-1)!.detail).to.deep.equal({
        streamID: 'alice_main',
        state: 'PUBLISHING',
        errorCode: 0,
        extendedData: '',
      });
      await until(() => played.some((e) => e.detail.state === 'PLAYING'));
      expect(played.map((e) => e.detail.state)).to.deep.equal(['PLAY_REQUESTING', 'PLAYING']);
      expect(played.at(-1)!.detail).to.deep.equal({
        streamID: 'bob_main',
        state: 'PLAYING',
        errorCode: 0,
        extendedData: '',
      });
    });
  });

  describe('a bad token', () => {
    it('shows the failed state with the reason in words and fires zego-error 1102016 once', async () => {
      const errors = collect('zego-error');
      const room = await fixture<ZegoRoom>(
        html`<zego-room
          room-id=${uniqueRoom('room-bad-token')}
          user-id="mallory"
          token="04notatoken"
          server=${wsURL}
          app-id=${appID}
        ></zego-room>`,
      );
      await until(() => room.getAttribute('state') === 'failed');
      await room.updateComplete;
      const box = banner(room);
      expect(box.hidden).to.equal(false);
      expect(box.getAttribute('role')).to.equal('alert');
      expect(box.textContent).to.contain('Could not join the room');
      expect(box.textContent).to.contain('The sign-in token is not valid.');
      await until(() => errors.length > 0);
      await room.updateComplete;
      expect(errors.map((e) => e.detail.code)).to.deep.equal([1102016]);
    });

    it('speaks zh-CN when an ancestor has lang="zh-CN"', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="zh-CN">
          <zego-room
            room-id=${uniqueRoom('room-zh')}
            user-id="mallory"
            token="04notatoken"
            server=${wsURL}
            app-id=${appID}
          ></zego-room>
        </div>`,
      );
      const room = wrapper.querySelector('zego-room')!;
      await until(() => room.getAttribute('state') === 'failed');
      // The Chinese table loads on first use; the banner switches as soon as it has.
      await until(() => banner(room).textContent!.includes('无法加入房间'));
      expect(banner(room).textContent).to.contain('无法加入房间');
      expect(banner(room).textContent).to.contain('登录 Token 无效。');
      expect(banner(room).textContent).not.to.contain('token is not valid');
    });
  });

  describe('no dead ends', () => {
    it('a token that cannot be had: state "failed" like the banner; Rejoin (with a token now) joins; Leave stays enabled', async () => {
      const roomID = uniqueRoom('room-no-token');
      // A server with a secret issues no tokens at /api/token (404): the fetch fails.
      const room = await fixture<ZegoRoom>(
        html`<zego-room room-id=${roomID} user-id="alice" server=${wsURL} app-id=${appID}
          ><zego-call-controls></zego-call-controls
        ></zego-room>`,
      );
      await until(() => room.getAttribute('state') === 'failed', 10000, 'state failed');
      await room.updateComplete;
      expect(banner(room).textContent).to.contain('Could not join the room');
      const leave = await until(() =>
        room.querySelector('zego-call-controls')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="leave"]'),
      );
      expect(leave.disabled).to.equal(false);
      // The whole call says failed: a red banner, the session failed, the other controls off.
      expect(banner(room).classList.contains('failed')).to.equal(true);
      expect(room.session!.status.phase).to.equal('failed');
      const mic = room
        .querySelector('zego-call-controls')!
        .shadowRoot!.querySelector<HTMLButtonElement>('[part~="microphone"]')!;
      expect(mic.disabled).to.equal(true);
      const rejoin = room.shadowRoot!.querySelector<HTMLButtonElement>('[part~="rejoin"]')!;
      expect(rejoin.textContent).to.equal('Rejoin');
      room.token = await tokenFor('alice', roomID);
      rejoin.click();
      await until(() => room.getAttribute('state') === 'connected', 10000, 'connected after Rejoin');
      await room.updateComplete;
      expect(banner(room).hidden).to.equal(true);
      expect(room.shadowRoot!.querySelector('[part~="rejoin"]')).to.equal(null);
    });

    it('kicked out: Rejoin signs in here again (and the other place is signed out)', async () => {
      const roomID = uniqueRoom('room-kick-rejoin');
      const room = await mountRoom(roomID, 'alice');
      const elsewhere = await join('alice', roomID);
      await until(() => room.getAttribute('state') === 'kicked');
      await room.updateComplete;
      room.shadowRoot!.querySelector<HTMLButtonElement>('[part~="rejoin"]')!.click();
      await until(() => room.getAttribute('state') === 'connected', 10000, 'connected after Rejoin');
      await elsewhere.log.waitFor('roomStateChanged', (_r, reason) => reason === 'KICKOUT');
    });
  });

  describe('a second login with the same user-id', () => {
    it('shows the kicked state, saying you signed in elsewhere', async () => {
      const roomID = uniqueRoom('room-kick');
      const errors = collect('zego-error');
      const room = await mountRoom(roomID, 'alice');
      await join('alice', roomID);
      await until(() => room.getAttribute('state') === 'kicked');
      await room.updateComplete;
      expect(banner(room).hidden).to.equal(false);
      expect(banner(room).textContent).to.contain('You were removed from the room');
      expect(banner(room).textContent).to.contain('You signed in to this room somewhere else.');
      expect(errors.map((e) => e.detail.code)).to.deep.equal([1002050]);
    });
  });

  describe('leaving', () => {
    /** Alice (the room) publishes and plays Bob's stream; Bob plays Alice's: four peer connections. */
    async function inCall(name: string) {
      const pcs = trackPeerConnections();
      const roomID = uniqueRoom(name);
      const bob = await join('bob', roomID);
      await publishCamera(bob, 'bob_main');
      const room = await mountRoom(roomID, 'alice', {
        content: html`<zego-preview publish></zego-preview
          ><zego-remote-stream stream-id="bob_main"></zego-remote-stream>`,
      });
      const preview = room.querySelector<ZegoPreview>('zego-preview')!;
      const remote = room.querySelector<ZegoRemoteStream>('zego-remote-stream')!;
      await bob.log.waitFor(
        'roomStreamUpdate',
        (_r, type, list) => type === 'ADD' && list[0].streamID === 'alice_main',
      );
      await bob.engine.startPlayingStream('alice_main');
      await until(() => remote.media && preview.stream);
      await until(() => pcs.open() === 4, 10000, 'four open peer connections');
      const engine = room.session!.engine as MeshEngine;
      const tracks = preview.stream!.getTracks();
      expect(tracks.map((t) => t.readyState)).to.deep.equal(['live', 'live']);
      return { pcs, bob, room, engine, tracks };
    }

    it('removing the room logs out, ends every local track and closes every peer connection', async () => {
      const { pcs, bob, room, engine, tracks } = await inCall('room-remove');
      try {
        room.remove();
        await bob.log.waitFor('roomUserUpdate', (_r, type, list) => type === 'DELETE' && list[0].userID === 'alice');
        expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
        expect(engine.capturedStreams).to.have.length(0);
        await until(() => pcs.open() === 0, 5000, 'every peer connection closed');
      } finally {
        pcs.restore();
      }
    });

    it('leave() logs out, ends every local track, closes every peer connection and stays left', async () => {
      const { pcs, bob, room, engine, tracks } = await inCall('room-leave');
      try {
        room.leave();
        await bob.log.waitFor('roomUserUpdate', (_r, type, list) => type === 'DELETE' && list[0].userID === 'alice');
        expect(tracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
        expect(engine.capturedStreams).to.have.length(0);
        await until(() => pcs.open() === 0, 5000, 'every peer connection closed');
        await room.updateComplete;
        // It does not join again by itself.
        expect(room.getAttribute('state')).to.equal('left');
        expect(banner(room).textContent).to.contain('You left the room');
        expect(bob.log.of('roomUserUpdate').at(-1)![1]).to.equal('DELETE');
      } finally {
        pcs.restore();
      }
    });
  });
});
