import { expect, fixture, html } from '@open-wc/testing';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import '../../../src/components/remote-stream/define.js';
import type { ZegoRemoteStream } from '../../../src/components/remote-stream/remote-stream.js';
import type { ZegoPlayerState } from '../../../src/core/engine.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import {
  adopt,
  destroyAll,
  join,
  mountRoom,
  publishCamera,
  trackPeerConnections,
  uniqueRoom,
  until,
  videoFrames,
} from '../helpers.js';

const part = (el: ZegoRemoteStream, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const videoOf = (el: ZegoRemoteStream) => el.shadowRoot!.querySelector('video')!;

/** Bob publishes `streams`; Alice's room (the page) holds `content`. */
async function watching(name: string, content: unknown, streams = ['bob_main'], engine?: MeshEngine) {
  const roomID = uniqueRoom(name);
  const bob = await join('bob', roomID);
  const local: MediaStream[] = [];
  for (const id of streams) local.push(await publishCamera(bob, id));
  const room = await mountRoom(roomID, 'alice', { content, ...(engine ? { engine } : {}) });
  return { roomID, bob, local, room, session: room.session! };
}

/** Alice's room plays Bob's `bob_main` in one `<zego-remote-stream>`. */
async function playing(name: string, attrs = html`<zego-remote-stream stream-id="bob_main"></zego-remote-stream>`) {
  const setup = await watching(name, attrs);
  const remote = setup.room.querySelector('zego-remote-stream')!;
  await until(() => remote.media, 10000, 'bob_main plays');
  await remote.updateComplete;
  return { ...setup, remote };
}

describe('<zego-remote-stream>', () => {
  afterEach(() => destroyAll());

  it('a long name gives way: ellipsis, the full name as its tooltip, the network bars still inside the pill', async () => {
    const roomID = uniqueRoom('remote-long-name');
    const long = 'b'.repeat(60);
    const bob = await join(long, roomID);
    await publishCamera(bob, 'long_main');
    const room = await mountRoom(roomID, 'alice', {
      content: html`<div style="width:240px"><zego-remote-stream stream-id="long_main"></zego-remote-stream></div>`,
    });
    const remote = room.querySelector('zego-remote-stream')!;
    await until(() => remote.media, 10000, 'long_main plays');
    await remote.updateComplete;
    const label = part(remote, 'label')!;
    const name = label.querySelector<HTMLElement>('.name')!;
    expect(name.title).to.equal(`Name of ${long}`);
    expect(name.scrollWidth).to.be.greaterThan(name.clientWidth);
    expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
    const tile = remote.getBoundingClientRect();
    const pill = label.getBoundingClientRect();
    const bars = part(remote, 'quality')!.getBoundingClientRect();
    expect(pill.right).to.be.at.most(tile.right - 8);
    expect(bars.width).to.be.greaterThan(0);
    expect(bars.right).to.be.at.most(pill.right + 0.5);
  });

  it('renders', async () => {
    const remote = await fixture<ZegoRemoteStream>(html`<zego-remote-stream stream-id="nobody"></zego-remote-stream>`);
    // Not in a room: nothing plays, the tile shows initials and the stream ID.
    expect(remote.media).to.equal(undefined);
    expect(videoOf(remote).srcObject).to.equal(null);
    expect(part(remote, 'avatar')!.hidden).to.equal(false);
    expect(part(remote, 'label')!.textContent).to.contain('nobody');
  });

  it('is accessible', async () => {
    const { remote } = await playing('remote-a11y');
    await expect(remote).to.be.accessible();
  });

  describe('playing', () => {
    it('plays the stream while it exists (frames arrive)', async () => {
      const { remote } = await playing('remote-play');
      const video = videoOf(remote);
      expect(video.srcObject).to.equal(remote.media);
      await videoFrames(video, 3);
      expect(part(remote, 'avatar')!.hidden).to.equal(true);
    });

    it('unmounts on DELETE: the video is cleared, the peer connection closed, the avatar shown', async () => {
      const pcs = trackPeerConnections();
      try {
        const { remote, bob } = await playing('remote-delete');
        const media = remote.media!;
        expect(pcs.open()).to.equal(2); // Bob's side and Alice's player.
        bob.engine.stopPublishingStream('bob_main');
        await until(() => videoOf(remote).srcObject === null, 5000, 'the video is cleared');
        expect(remote.media).to.equal(undefined);
        await until(() => pcs.open() === 0, 5000, 'the peer connections are closed');
        expect(media.getTracks().map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
        await remote.updateComplete;
        expect(part(remote, 'avatar')!.hidden).to.equal(false);
      } finally {
        pcs.restore();
      }
    });

    it('plays when created after the stream was added', async () => {
      const { room, session } = await watching('remote-late', undefined);
      await until(() => session.streams.has('bob_main'));
      const remote = document.createElement('zego-remote-stream');
      remote.streamId = 'bob_main';
      room.append(remote);
      await until(() => remote.media, 10000, 'the late element plays');
      await videoFrames(videoOf(remote), 3);
    });
  });

  describe('switching stream-id', () => {
    it('plays the new stream, stops the old one, and never shows the old one under the new id', async () => {
      const pcs = trackPeerConnections();
      try {
        const content = html`<zego-remote-stream stream-id="bob_main"></zego-remote-stream>`;
        const { room } = await watching('remote-switch', content, ['bob_main', 'bob_second']);
        const remote = room.querySelector('zego-remote-stream')!;
        await until(() => remote.media);
        const players: ZegoPlayerState[] = [];
        room.addEventListener('zego-player-state-change', (e) => players.push(e.detail));
        const video = videoOf(remote);
        await videoFrames(video, 2);
        expect(pcs.open()).to.equal(2);
        const old = remote.media!;
        remote.streamId = 'bob_second';
        await remote.updateComplete;
        expect(remote.getAttribute('stream-id')).to.equal('bob_second');
        expect(video.srcObject).to.equal(null);
        // Until the new stream plays, keep looking: the old stream never shows under the new id.
        const shown: (MediaProvider | null)[] = [];
        await until(() => {
          shown.push(video.srcObject);
          return remote.media;
        });
        expect(shown).not.to.include(old);
        const fresh = remote.media!;
        expect(fresh).not.to.equal(old);
        await remote.updateComplete;
        expect(video.srcObject).to.equal(fresh);
        await videoFrames(video, 3);
        // The old playback stopped: NO_PLAY for bob_main, its tracks ended, and its two peer
        // connections (Bob's publisher side, Alice's player) closed: two open, not four.
        // (PLAYING may still arrive before it: 'connected' can be reported after the first frames.)
        const oldStates = players.filter((p) => p.streamID === 'bob_main').map((p) => p.state);
        expect(oldStates.filter((s) => s !== 'PLAYING')).to.deep.equal(['NO_PLAY']);
        expect(oldStates.at(-1)).to.equal('NO_PLAY');
        expect(old.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
        await until(() => pcs.open() === 2, 5000, 'the old playback closed its peer connections');
      } finally {
        pcs.restore();
      }
    });
  });

  describe('who and how', () => {
    it('shows the publisher’s name and the microphone MUTE state', async () => {
      const { remote, bob, local } = await playing('remote-mic');
      const label = part(remote, 'label')!;
      expect(label.textContent).to.contain('Name of bob');
      expect(label.textContent).not.to.contain('Microphone off');
      bob.engine.mutePublishStreamAudio(local[0]!, true);
      await until(() => label.textContent!.includes('Microphone off'), 5000, 'the tile says the mic is off');
      bob.engine.mutePublishStreamAudio(local[0]!, false);
      await until(() => !label.textContent!.includes('Microphone off'), 5000, 'the tile says the mic is on');
    });

    it('shows the speaking outline while the fake microphone beeps', async () => {
      const { remote } = await playing('remote-speaking');
      const base = part(remote, 'base')!;
      await until(() => base.classList.contains('speaking'), 10000, 'the speaking outline');
      expect(part(remote, 'label')!.textContent).to.contain('Speaking');
    });

    it('shows network quality', async () => {
      const engine = adopt(new MeshEngine(appID, wsURL, { qualityInterval: 500 }));
      const setup = await watching(
        'remote-quality',
        html`<zego-remote-stream stream-id="bob_main"></zego-remote-stream>`,
        ['bob_main'],
        engine,
      );
      const remote = setup.room.querySelector('zego-remote-stream')!;
      const quality = () => part(remote, 'quality')!;
      expect(quality().title).to.equal('Network: unknown');
      await until(
        () => /^Network: (excellent|good|fair|poor)$/.test(quality().title),
        10000,
        `a graded network quality (${quality().title})`,
      );
      expect(quality().querySelectorAll('rect[opacity="1"]').length).to.be.greaterThan(0);
    });
  });

  describe('fit', () => {
    it('covers by default and fit="contain" letterboxes the video', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <zego-remote-stream stream-id="a"></zego-remote-stream>
          <zego-remote-stream stream-id="b" fit="contain"></zego-remote-stream>
        </div>`,
      );
      const [cover, contain] = [...wrapper.querySelectorAll('zego-remote-stream')];
      await cover!.updateComplete;
      await contain!.updateComplete;
      expect(getComputedStyle(videoOf(cover!)).objectFit).to.equal('cover');
      expect(getComputedStyle(videoOf(contain!)).objectFit).to.equal('contain');
    });
  });

  describe('the same stream twice', () => {
    it('shares one playback (one peer connection) between two elements', async () => {
      const pcs = trackPeerConnections();
      try {
        const { room } = await watching(
          'remote-shared',
          html`<zego-remote-stream stream-id="bob_main"></zego-remote-stream
            ><zego-remote-stream stream-id="bob_main"></zego-remote-stream>`,
        );
        const [a, b] = [...room.querySelectorAll('zego-remote-stream')] as [ZegoRemoteStream, ZegoRemoteStream];
        await until(() => a.media && b.media);
        expect(a.media).to.equal(b.media);
        await Promise.all([videoFrames(videoOf(a), 2), videoFrames(videoOf(b), 2)]);
        expect(pcs.open()).to.equal(2); // Bob's publisher side and one player.
        // The playback outlives one of them and ends with the last.
        a.remove();
        await videoFrames(videoOf(b), 3);
        expect(b.media!.getTracks().every((t) => t.readyState === 'live')).to.equal(true);
        expect(pcs.open()).to.equal(2);
        b.remove();
        await until(() => pcs.open() === 0, 5000, 'the playback stopped with the last element');
      } finally {
        pcs.restore();
      }
    });
  });
});
