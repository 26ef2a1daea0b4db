import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../../src/components/room/define.js';
import '../../../src/components/stream-grid/define.js';
import type { ZegoStreamGrid } from '../../../src/components/stream-grid/stream-grid.js';
import type { ZegoRemoteStream } from '../../../src/components/remote-stream/remote-stream.js';
import type { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import {
  destroyAll,
  join,
  mountRoom,
  publishCamera,
  trackPeerConnections,
  uniqueRoom,
  until,
  videoFrames,
} from '../helpers.js';

/** The tiles shown (those of other pages are there, hidden). */
const tiles = (grid: ZegoStreamGrid) => [
  ...grid.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]:not([hidden])'),
];
const tileFor = (grid: ZegoStreamGrid, streamID: string) =>
  grid.shadowRoot!.querySelector<ZegoRemoteStream>(`zego-remote-stream[stream-id="${streamID}"]`);
const videoOf = (el: Element) => el.shadowRoot!.querySelector('video')!;
/** Resolves when no tile is gliding. */
const still = async (grid: ZegoStreamGrid) => {
  await grid.updateComplete;
  await Promise.all(grid.shadowRoot!.getAnimations().map((a) => a.finished));
};

/** What each tile shows: `self` for the own preview, the stream ID, or `person:<name>` for someone with no stream. */
const keys = (grid: ZegoStreamGrid) =>
  tiles(grid).map((t) =>
    t.localName === 'zego-preview' ? 'self' : (t.getAttribute('stream-id') ?? `person:${t.getAttribute('aria-label')}`),
  );

/** Alice's room (the page) holds `content` (a grid); Bob is in the room. */
async function gridInRoom(name: string, content = html`<zego-stream-grid></zego-stream-grid>`) {
  const roomID = uniqueRoom(name);
  const bob = await join('bob', roomID);
  const room = await mountRoom(roomID, 'alice', { content });
  const grid = room.querySelector('zego-stream-grid')!;
  await grid.updateComplete;
  return { roomID, bob, room, grid, session: room.session! };
}

describe('<zego-stream-grid>', () => {
  afterEach(() => destroyAll());

  it('renders', async () => {
    const grid = await fixture<ZegoStreamGrid>(html`<zego-stream-grid></zego-stream-grid>`);
    // Outside a room: an empty list, no pager.
    const list = grid.shadowRoot!.querySelector('[part~="grid"]')!;
    expect(list.getAttribute('role')).to.equal('list');
    expect(list.getAttribute('aria-label')).to.equal('Participants');
    expect(tiles(grid)).to.have.length(0);
    expect(grid.shadowRoot!.querySelector('[part~="pager"]')).to.equal(null);
  });

  it('is accessible', async () => {
    const { grid, bob } = await gridInRoom('grid-a11y');
    await publishCamera(bob, 'bob_main');
    await until(() => tileFor(grid, 'bob_main')?.media);
    await expect(grid).to.be.accessible();
  });

  describe('tiles', () => {
    it('shows the own preview first and a playing tile per remote stream; a stopped stream’s tile goes', async () => {
      const { grid, bob } = await gridInRoom('grid-tiles');
      // Bob publishes nothing yet: he has a tile all the same, with his initials.
      await until(() => keys(grid).length === 2, 5000, 'bob’s tile');
      expect(keys(grid)).to.deep.equal(['self', 'person:Name of bob']);
      expect(tiles(grid)[1]!.shadowRoot).to.equal(null);
      expect(tiles(grid)[1]!.querySelector('[part~="avatar"]')!.textContent).to.equal('NB');
      expect(tiles(grid)[1]!.querySelector('[part~="state"]')!.textContent).to.equal('No camera or microphone');
      await publishCamera(bob, 'bob_main');
      await until(() => tileFor(grid, 'bob_main')?.media, 10000, 'bob_main plays in a tile');
      expect(keys(grid)).to.deep.equal(['self', 'bob_main']);
      await videoFrames(videoOf(tileFor(grid, 'bob_main')!), 3);
      await publishCamera(bob, 'bob_second');
      await until(() => tileFor(grid, 'bob_second')?.media, 10000, 'bob_second plays in a tile');
      expect(keys(grid)).to.deep.equal(['self', 'bob_main', 'bob_second']);
      await videoFrames(videoOf(tileFor(grid, 'bob_second')!), 3);
      // The own preview is live too.
      await videoFrames(videoOf(tiles(grid)[0]!), 2);
      bob.engine.stopPublishingStream('bob_main');
      await until(() => !tileFor(grid, 'bob_main'), 5000, 'the bob_main tile is gone');
      expect(keys(grid)).to.deep.equal(['self', 'bob_second']);
      // With no stream left he is still there, as a person; gone when he leaves.
      bob.engine.stopPublishingStream('bob_second');
      await until(() => keys(grid)[1] === 'person:Name of bob', 5000, 'bob as a person');
      bob.engine.logoutRoom();
      await until(() => keys(grid).length === 1, 5000, 'bob’s tile goes when he leaves');
    });

    it('a screen share is its own tile, labelled "<name> (screen)", with no microphone badge', async () => {
      const { grid, bob } = await gridInRoom('grid-screen');
      const screen = await bob.engine.createStream({ camera: { videoQuality: 1, audio: false } });
      bob.engine.startPublishingStream('bob_screen', screen);
      const tile = await until(() => tileFor(grid, 'bob_screen'), 10000, 'the screen tile');
      await tile.updateComplete;
      const label = tile.shadowRoot!.querySelector<HTMLElement>('[part~="label"]')!;
      expect(label.querySelector('.name')!.textContent).to.equal('Name of bob (screen)');
      expect(tile.shadowRoot!.querySelector<HTMLElement>('[part~="muted"]')!.hidden).to.equal(true);
    });

    it('keys tiles: existing tiles are the same DOM nodes after streams come and go', async () => {
      const { grid, bob } = await gridInRoom('grid-keyed');
      await publishCamera(bob, 'bob_main');
      await until(() => tileFor(grid, 'bob_main')?.media);
      const [self, main] = tiles(grid);
      const mainVideo = videoOf(main!);
      const mainMedia = (main as ZegoRemoteStream).media;
      await publishCamera(bob, 'bob_second');
      await until(() => tileFor(grid, 'bob_second')?.media);
      const [self2, main2, second] = tiles(grid);
      expect(self2).to.equal(self);
      expect(main2).to.equal(main);
      // Not rebuilt, not re-played: the same <video> with the same stream.
      expect(videoOf(main2!)).to.equal(mainVideo);
      expect((main2 as ZegoRemoteStream).media).to.equal(mainMedia);
      bob.engine.stopPublishingStream('bob_main');
      await until(() => !tileFor(grid, 'bob_main'));
      expect(tiles(grid)).to.deep.equal([self, second]);
    });
  });

  describe('motion', () => {
    it('when someone joins, the tiles already there glide to their new places (no jump) and the newcomer fades in', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-glide',
        html`<zego-stream-grid style="flex: none; width: 960px; height: 600px"></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      const main = await until(() => tileFor(grid, 'bob_main'), 10000, 'bob_main');
      await still(grid);
      const self = tiles(grid)[0]!;
      const [selfAt, mainAt] = [self.getBoundingClientRect(), main.getBoundingClientRect()];
      await publishCamera(bob, 'bob_second');
      const second = await until(() => tileFor(grid, 'bob_second'), 10000, 'bob_second');
      await grid.updateComplete;
      // Right after the change the old tiles still stand where they were, moving.
      expect(self.getAnimations()).to.have.length(1);
      expect(main.getAnimations()).to.have.length(1);
      expect(second.getAnimations()).to.have.length(1);
      // Where the animation starts (read at its start, however late this page got to run).
      self.getAnimations()[0]!.currentTime = 0;
      const early = self.getBoundingClientRect();
      await still(grid);
      const [selfNow, mainNow] = [self.getBoundingClientRect(), main.getBoundingClientRect()];
      // Three tiles in 960×600 are smaller than two, in two rows: the old tiles moved a long way…
      expect(selfNow.width).to.be.lessThan(selfAt.width - 40);
      expect(Math.abs(selfNow.left - selfAt.left)).to.be.greaterThan(40);
      expect(Math.abs(mainNow.top - mainAt.top)).to.be.greaterThan(40);
      // …starting from where they stood, not from the new place.
      expect(Math.abs(early.left - selfAt.left)).to.be.lessThan(4);
      expect(Math.abs(early.left - selfAt.left)).to.be.lessThan(Math.abs(early.left - selfNow.left));
      expect(self.getAnimations()).to.have.length(0);
    });
  });

  describe('presentation', () => {
    const rect = (el: Element) => el.getBoundingClientRect();
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

    it('a screen share takes the stage: the largest tile, the people in a strip that never overlaps it', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-present',
        html`<zego-stream-grid style="width:960px;height:600px"></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      const screen = await bob.engine.createStream({ camera: { videoQuality: 1, audio: false } });
      bob.engine.startPublishingStream('bob_screen', screen);
      const share = await until(() => tileFor(grid, 'bob_screen'), 10000, 'the screen tile');
      await until(() => share.getAttribute('part')?.includes('featured'), 5000, 'the share on stage');
      await grid.updateComplete;
      await still(grid);
      const others = tiles(grid).filter((t) => t !== share);
      expect(others).to.have.length(2);
      for (const t of others) {
        expect(rect(share).width).to.be.greaterThan(rect(t).width * 1.5);
        expect(overlap(rect(share), rect(t))).to.equal(false);
      }
    });

    it('no-presentation keeps a share as one tile among the others', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-no-present',
        html`<zego-stream-grid no-presentation></zego-stream-grid>`,
      );
      const screen = await bob.engine.createStream({ camera: { videoQuality: 1, audio: false } });
      bob.engine.startPublishingStream('bob_screen', screen);
      const share = await until(() => tileFor(grid, 'bob_screen'), 10000, 'the screen tile');
      await grid.updateComplete;
      expect(share.getAttribute('part')).to.equal('tile');
    });
  });

  describe('pagination', () => {
    it('pages tiles beyond page-size', async () => {
      const { grid, bob } = await gridInRoom('grid-pages', html`<zego-stream-grid page-size="2"></zego-stream-grid>`);
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      const pager = () => grid.shadowRoot!.querySelector<HTMLElement>('[part~="pager"]');
      await until(() => pager(), 5000, 'the pager');
      expect(pager()!.textContent).to.contain('Page 1 of 2');
      expect(keys(grid)).to.deep.equal(['self', 'bob_main']);
      const [previous, next] = [...pager()!.querySelectorAll('button')] as [HTMLButtonElement, HTMLButtonElement];
      expect(previous.disabled).to.equal(true);
      expect(next.getAttribute('aria-label')).to.equal('Next page');
      next.click();
      await grid.updateComplete;
      expect(pager()!.textContent).to.contain('Page 2 of 2');
      expect(keys(grid)).to.deep.equal(['bob_second']);
      await until(() => tileFor(grid, 'bob_second')?.media, 10000, 'the tile on page 2 plays');
      const [previous2, next2] = [...pager()!.querySelectorAll('button')] as [HTMLButtonElement, HTMLButtonElement];
      expect(next2.disabled).to.equal(true);
      previous2.click();
      await grid.updateComplete;
      expect(keys(grid)).to.deep.equal(['self', 'bob_main']);
    });

    it('a tile on another page is not sent its video (decoded frames stop) but keeps its sound; shown again, its frames advance', async () => {
      const pcs = trackPeerConnections();
      try {
        const { grid, bob } = await gridInRoom(
          'grid-unseen',
          html`<zego-stream-grid page-size="2"></zego-stream-grid>`,
        );
        await publishCamera(bob, 'bob_main');
        await publishCamera(bob, 'bob_second');
        // bob_second is on page 2: its tile is there, hidden, and plays.
        const second = await until(() => tileFor(grid, 'bob_second'), 10000, 'the tile of page 2');
        expect(second.hidden).to.equal(true);
        const media = await until(() => second.media, 10000, 'it plays');
        const first = await until(() => tileFor(grid, 'bob_main')?.media, 10000, 'bob_main plays');
        /** What the connection receiving `stream` has decoded and received so far. */
        const received = async (stream: MediaStream) => {
          const pc = pcs.all().find((p) => p.getReceivers().some((r) => stream.getTracks().includes(r.track)));
          let [frames, video, audio] = [0, 0, 0];
          for (const r of (await pc?.getStats())?.values() ?? []) {
            if (r.type === 'inbound-rtp' && r.kind === 'video')
              [frames, video] = [r.framesDecoded ?? 0, r.bytesReceived];
            if (r.type === 'inbound-rtp' && r.kind === 'audio') audio = r.bytesReceived ?? 0;
          }
          return { frames, video, audio };
        };
        /** While bob_main's video moved on, bob_second's did not arrive at all (no bytes); its sound did. */
        const unseen = async () => {
          const [a, b] = [await received(first), await received(media)];
          await until(async () => (await received(first)).frames >= a.frames + 10, 10000, 'bob_main moves on');
          const after = await received(media);
          return after.frames === b.frames && after.video === b.video && after.audio > b.audio;
        };
        await until(unseen, 20000, 'no video for the hidden tile, sound still');
        const video = videoOf(second);
        expect(video.paused).to.equal(false); // its sound plays
        expect(media.getAudioTracks()[0]!.enabled).to.equal(true);

        // Page 2: shown, it is sent video again.
        grid.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="page-button"]')[1]!.click();
        await grid.updateComplete;
        expect(second.hidden).to.equal(false);
        await videoFrames(video, 5, 15000);
        const before = (await received(media)).frames;
        await until(async () => (await received(media)).frames > before + 10, 10000, 'decoded frames advance');
        // Back to page 1: hidden again, it is sent no video again.
        grid.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="page-button"]')[0]!.click();
        await until(unseen, 20000, 'no video for the hidden tile again');
      } finally {
        pcs.restore();
      }
    });
  });

  describe('quality follows the layout', () => {
    it('a thumbnail is sent small (half the width and height), the tile on stage whole; swapped, so are their sizes', async () => {
      const pcs = trackPeerConnections();
      try {
        const { grid, bob } = await gridInRoom(
          'grid-thumbnails',
          html`<zego-stream-grid style="width:960px;height:600px;flex:none"></zego-stream-grid>`,
        );
        const main = await publishCamera(bob, 'bob_main');
        const second = await publishCamera(bob, 'bob_second');
        const tracks = { bob_main: main.getVideoTracks()[0]!, bob_second: second.getVideoTracks()[0]! };
        type Key = keyof typeof tracks;
        /** How Bob's engine sends that stream's video to Alice: scaled down by this much. */
        const scale = (key: Key) => {
          const t = pcs
            .all()
            .flatMap((pc) => (pc.connectionState === 'closed' ? [] : pc.getTransceivers()))
            .find((tr) => tr.sender.track === tracks[key]);
          return t?.sender.getParameters().encodings?.[0]?.scaleResolutionDownBy ?? 1;
        };
        /** The width of the frames Alice's tile of that stream decodes. */
        const frameWidth = async (key: Key) => {
          const media = tileFor(grid, key)?.media;
          const pc = pcs.all().find((p) => p.getReceivers().some((r) => media?.getTracks().includes(r.track)));
          for (const r of (await pc?.getStats())?.values() ?? [])
            if (r.type === 'inbound-rtp' && r.kind === 'video') return (r.frameWidth as number | undefined) ?? 0;
          return 0;
        };
        const sent = tracks.bob_main.getSettings().width!;
        const check = async (stage: Key, strip: Key) => {
          await until(() => scale(strip) === 2 && scale(stage) === 1, 15000, `${strip} sent small`).catch(
            (err: Error) => {
              const width = (key: Key) => Math.round(tileFor(grid, key)?.getBoundingClientRect().width ?? -1);
              throw new Error(
                `${err.message}: scales ${scale(strip)} and ${scale(stage)}, tiles ${width(strip)} and ${width(stage)} px`,
              );
            },
          );
          // What Alice receives of the thumbnail is at most half as wide as what Bob's camera captures.
          await until(
            async () => {
              const w = await frameWidth(strip);
              return w > 0 && w <= sent / 2;
            },
            15000,
            `${strip} decoded at half width`,
          );
        };
        await until(() => tileFor(grid, 'bob_second')?.media, 10000, 'both play');
        grid.pin('bob_main');
        await check('bob_main', 'bob_second');
        grid.pin('bob_second');
        await check('bob_second', 'bob_main');
      } finally {
        pcs.restore();
      }
    });
  });

  describe('pin and full screen', () => {
    const featuredKeys = (grid: ZegoStreamGrid) =>
      keys(grid).filter((_, i) => tiles(grid)[i]!.part.contains('featured'));
    const pinButton = (tile: Element) => tile.querySelector<HTMLButtonElement>('[part~="pin"]')!;

    it('a pinned tile takes the stage in grid and speaker layouts and on every page; unpin gives it back', async () => {
      const { grid, bob } = await gridInRoom('grid-pin', html`<zego-stream-grid page-size="2"></zego-stream-grid>`);
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      await until(() => tileFor(grid, 'bob_main'), 5000, "bob's tile");
      expect(featuredKeys(grid)).to.deep.equal([]);
      const pins: string[] = [];
      grid.addEventListener('zego-pin-change', (e) => pins.push(e.detail.pinned));
      // Pin Bob's camera from its tile: it is on stage, larger than the others, its button pressed.
      const pin = pinButton(tileFor(grid, 'bob_main')!);
      expect(pin.getAttribute('aria-label')).to.equal('Pin');
      pin.click();
      await still(grid);
      expect(featuredKeys(grid)).to.deep.equal(['bob_main']);
      expect(pinButton(tileFor(grid, 'bob_main')!).getAttribute('aria-pressed')).to.equal('true');
      expect(pinButton(tileFor(grid, 'bob_main')!).getAttribute('aria-label')).to.equal('Unpin');
      expect(grid.pinned).to.equal('bob_main');
      const width = (el: Element) => el.getBoundingClientRect().width;
      const self = tiles(grid).find((t) => t.localName === 'zego-preview')!;
      expect(width(tileFor(grid, 'bob_main')!)).to.be.greaterThan(width(self) * 1.5);
      // Page 2 keeps it on stage, beside what that page shows.
      grid.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="page-button"]')[1]!.click();
      await still(grid);
      expect(keys(grid)).to.deep.equal(['bob_main', 'bob_second']);
      expect(featuredKeys(grid)).to.deep.equal(['bob_main']);
      // The speaker layout does not take the stage from it, whoever speaks.
      grid.layout = 'speaker';
      await still(grid);
      expect(featuredKeys(grid)).to.deep.equal(['bob_main']);
      // Unpin: the speaker layout chooses again; back in grid layout nobody is on stage.
      pinButton(tileFor(grid, 'bob_main')!).click();
      grid.layout = 'grid';
      await still(grid);
      expect(featuredKeys(grid)).to.deep.equal([]);
      expect(pins).to.deep.equal(['bob_main', '']);
    });

    it('your own tile can be pinned too (pinned="self")', async () => {
      const { grid, bob } = await gridInRoom('grid-pin-self');
      await publishCamera(bob, 'bob_main');
      await until(() => tileFor(grid, 'bob_main'), 5000, "bob's tile");
      const self = tiles(grid).find((t) => t.localName === 'zego-preview')!;
      pinButton(self).click();
      await still(grid);
      expect(grid.pinned).to.equal('self');
      expect(grid.getAttribute('pinned')).to.equal('self');
      expect(featuredKeys(grid)).to.deep.equal(['self']);
    });

    it('Full screen shows one tile on the whole screen; leaving full screen gives the grid back', async () => {
      const { grid, bob } = await gridInRoom('grid-fullscreen');
      await publishCamera(bob, 'bob_main');
      const tile = await until(() => tileFor(grid, 'bob_main'), 5000, "bob's tile");
      const button = tile.querySelector<HTMLButtonElement>('[part~="fullscreen"]')!;
      expect(button.getAttribute('aria-label')).to.equal('Full screen');
      // A real click (full screen needs a user gesture), at the button.
      tile.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      const box = button.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      });
      // The tile is in the grid's shadow tree: the document sees the grid (retargeted), the grid the tile.
      await until(() => grid.shadowRoot!.fullscreenElement === tile, 5000, 'the tile in full screen');
      expect(document.fullscreenElement).to.equal(grid);
      const shown = tile.getBoundingClientRect();
      expect(shown.width).to.equal(innerWidth);
      expect(shown.height).to.equal(innerHeight);
      await document.exitFullscreen();
      await until(() => !document.fullscreenElement, 5000, 'full screen left');
      expect(tile.getBoundingClientRect().width).to.be.lessThan(innerWidth);
    });
  });

  describe('geometry', () => {
    const rect = (el: Element) => el.getBoundingClientRect();
    const within = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5;

    it('sizes tiles with the gap set by --zego-grid-gap: largest 4:3 tiles that fit the box', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-gap',
        html`<zego-stream-grid
          style="flex: none; width: 600px; height: 600px; --zego-grid-gap: 48px"
        ></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      const box = grid.shadowRoot!.querySelector('[part~="grid"]')!;
      // Two columns of (600 − 48) / 2 = 276 px.
      await until(
        () => tiles(grid).length === 3 && tiles(grid).every((t) => Math.abs(rect(t).width - 276) <= 1),
        10000,
        'three tiles 276 px wide',
      );
      await still(grid);
      for (const tile of tiles(grid))
        expect(within(rect(tile), rect(box)), 'the tile is inside the grid').to.equal(true);
      const [first, second] = tiles(grid).map(rect);
      expect(second!.left - first!.right).to.be.closeTo(48, 1);
    });

    it('lays out tiles of the shape --zego-tile-aspect-ratio gives them (16 / 9 here)', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-aspect',
        html`<zego-stream-grid
          style="flex: none; width: 960px; height: 300px; --zego-tile-aspect-ratio: 16 / 9"
        ></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      await until(() => tiles(grid).length === 2, 10000, 'two tiles');
      await still(grid);
      // Side by side, (960 − 8) / 2 = 476 px wide: 4:3 tiles that wide would not fit 300 px.
      for (const tile of tiles(grid)) {
        expect(rect(tile).width).to.be.closeTo(476, 1);
        expect(rect(tile).width / rect(tile).height).to.be.closeTo(16 / 9, 0.02);
      }
    });

    it('keeps the tiles above the pager, however tall the app styles it', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-pager',
        html`<style>
            zego-stream-grid::part(pager) {
              padding: 30px 0;
            }
          </style>
          <zego-stream-grid page-size="2" style="flex: none; width: 800px; height: 300px"></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      const pager = () => grid.shadowRoot!.querySelector('[part~="pager"]');
      await until(() => pager() && tiles(grid).length === 2, 10000, 'a pager and two tiles');
      await until(
        () => tiles(grid).every((t) => rect(t).bottom <= rect(pager()!).top + 0.5),
        5000,
        'tiles end above the pager',
      );
      for (const tile of tiles(grid))
        expect(within(rect(tile), rect(grid)), 'the tile is inside the grid').to.equal(true);
      // Height-bound: the tiles take the height the pager leaves.
      const bottom = Math.max(...tiles(grid).map((t) => rect(t).bottom));
      expect(rect(pager()!).top - bottom).to.be.lessThan(20);
    });
  });

  describe('speaker layout', () => {
    it('features one tile, shown across the whole row', async () => {
      const { grid, bob } = await gridInRoom(
        'grid-speaker',
        html`<zego-stream-grid layout="speaker"></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      await until(() => tiles(grid).length === 3);
      await still(grid);
      const featured = tiles(grid).filter((t) => t.part.contains('featured'));
      expect(featured).to.have.length(1);
      const others = tiles(grid).filter((t) => !t.part.contains('featured'));
      const width = (el: Element) => el.getBoundingClientRect().width;
      for (const other of others) expect(width(featured[0]!)).to.be.greaterThan(width(other) * 1.5);
    });

    it('the last other person who spoke stays on stage while you speak', async () => {
      const { grid, bob, session } = await gridInRoom(
        'grid-speaker-self',
        html`<zego-stream-grid layout="speaker"></zego-stream-grid>`,
      );
      await publishCamera(bob, 'bob_main');
      await publishCamera(bob, 'bob_second');
      await until(() => tiles(grid).length === 3 && session.published.size === 1);
      const onStage = () =>
        tiles(grid)
          .find((t) => t.part.contains('featured'))
          ?.getAttribute('stream-id');
      // The room names the loudest stream (levels injected: loopback audio has no speech to measure).
      const speaks = async (streamID: string) => {
        session.activeSpeaker = streamID;
        session.notify('speaker');
        await grid.updateComplete;
      };
      await speaks('bob_second');
      expect(onStage()).to.equal('bob_second');
      await speaks([...session.published.keys()][0]!);
      expect(onStage()).to.equal('bob_second');
      await speaks('bob_main');
      expect(onStage()).to.equal('bob_main');
    });
  });

  describe('memory', () => {
    it('50 mount/remove cycles inside a room leave subscriptions, captures and peer connections at baseline', async () => {
      const pcs = trackPeerConnections();
      try {
        const roomID = uniqueRoom('grid-leak');
        const bob = await join('bob', roomID);
        const room = await mountRoom(roomID, 'alice');
        const session = room.session!;
        await publishCamera(bob, 'bob_main');
        await until(() => session.streams.has('bob_main'));
        const engine = session.engine as MeshEngine;
        const baseline = session.subscriptionCount();
        expect(pcs.open()).to.equal(0);
        for (let i = 0; i < 50; i++) {
          const grid = document.createElement('zego-stream-grid');
          room.append(grid);
          await grid.updateComplete;
          expect(tiles(grid)).to.have.length(2);
          grid.remove();
          await Promise.resolve();
        }
        expect(session.subscriptionCount()).to.equal(baseline);
        await until(() => engine.capturedStreams.length === 0, 10000, 'every capture released');
        await until(() => pcs.open() === 0, 10000, 'every playback closed');
        expect(room.getAttribute('state')).to.equal('connected');
      } finally {
        pcs.restore();
      }
    });
  });
});
