import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { appID, wsURL } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import '../../../src/components/participants/define.js';
import '../../../src/components/stream-grid/define.js';
import type { ZegoParticipants } from '../../../src/components/participants/participants.js';
import type { ZegoLocalStreamConfig } from '../../../src/core/engine.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import { adopt, destroyAll, join, mountRoom, publishCamera, tokenFor, uniqueRoom, until } from '../helpers.js';

const root = (list: ZegoParticipants) => list.shadowRoot!;
const part = (list: ZegoParticipants, name: string) => root(list).querySelector<HTMLElement>(`[part~="${name}"]`);
const rows = (list: ZegoParticipants) => [...root(list).querySelectorAll<HTMLElement>('[part~="row"]')];
const nameOf = (row: HTMLElement) => row.querySelector('[part~="name"]')!.textContent;
const names = (list: ZegoParticipants) => rows(list).map(nameOf);
const rowOf = (list: ZegoParticipants, name: string) => rows(list).find((r) => nameOf(r) === name);
/** What a screen reader says for a row: its accessible name, from the elements it is labelled by. */
const said = (list: ZegoParticipants, row: HTMLElement | undefined) =>
  row
    ? row
        .getAttribute('aria-labelledby')!
        .split(' ')
        .map((id) => root(list).getElementById(id)!.textContent!.trim())
        .join(' ')
    : '';
const saysOf = (list: ZegoParticipants, name: string) => said(list, rowOf(list, name));
/** `name`'s row is there and does not say `words`. */
const without = (list: ZegoParticipants, name: string, words: string) => {
  const says = saysOf(list, name);
  return says !== '' && !says.includes(words);
};

/** Alice's room (the page) holds `content`; `others` joined before her, in that order. */
async function listInRoom(
  name: string,
  others: string[] = ['bob'],
  content: unknown = html`<zego-participants></zego-participants>`,
  options: { userName?: string; engine?: MeshEngine } = {},
) {
  const roomID = uniqueRoom(name);
  const parties = [];
  for (const id of others) parties.push(await join(id, roomID));
  const room = await mountRoom(roomID, 'alice', { content, ...options });
  const list = room.querySelector('zego-participants')!;
  await list?.updateComplete;
  return { roomID, parties, room, list, session: room.session! };
}

describe('<zego-participants>', () => {
  afterEach(() => destroyAll());

  it('renders', async () => {
    const list = await fixture<ZegoParticipants>(html`<zego-participants></zego-participants>`);
    // Outside a room: a header, no one, no search box, nothing to say.
    expect(part(list, 'header')!.textContent).to.contain('Participants');
    expect(part(list, 'count')!.textContent).to.equal('0 people');
    expect(part(list, 'list')!.getAttribute('role')).to.equal('list');
    expect(rows(list)).to.have.length(0);
    expect(part(list, 'search')).to.equal(null);
    expect(part(list, 'empty')!.textContent).to.equal('');
  });

  it('is accessible', async () => {
    const { list, parties } = await listInRoom('people-a11y', ['bob', 'carol']);
    await publishCamera(parties[0]!, 'bob_main');
    await until(() => rows(list).length === 3);
    await expect(list).to.be.accessible();
  });

  describe('who', () => {
    it('lists you first, then the others in the order they joined, people without any stream included', async () => {
      const { list, parties, roomID } = await listInRoom('people-order', ['bob', 'carol']);
      await publishCamera(parties[1]!, 'carol_main');
      await until(() => rows(list).length === 3, 5000, 'three rows');
      expect(names(list)).to.deep.equal(['Name of alice (you)', 'Name of bob', 'Name of carol']);
      expect(rows(list)[0]!.getAttribute('part')).to.equal('row self');
      expect(part(list, 'count')!.textContent).to.equal('3 people');
      // Bob publishes nothing: listed all the same, with no microphone and no camera.
      await until(() => without(list, 'Name of carol', 'Microphone off'), 5000, 'carol’s microphone on');
      expect(saysOf(list, 'Name of bob')).to.contain('Microphone off').and.contain('Camera off');
      expect(saysOf(list, 'Name of carol')).not.to.contain('Camera off');
      // Initials, and the full name as the tooltip.
      expect(rowOf(list, 'Name of bob')!.querySelector('[part~="avatar"]')!.textContent).to.equal('NB');
      expect(rowOf(list, 'Name of bob')!.querySelector('[part~="name"]')!.getAttribute('title')).to.equal(
        'Name of bob',
      );
      // A newcomer comes last.
      await join('dave', roomID);
      await until(() => rows(list).length === 4, 5000, 'dave’s row');
      expect(names(list)).to.deep.equal(['Name of alice (you)', 'Name of bob', 'Name of carol', 'Name of dave']);
      expect(part(list, 'count')!.textContent).to.equal('4 people');
    });

    it('someone leaving disappears and the count updates', async () => {
      const { list, parties } = await listInRoom('people-leave', ['bob', 'carol']);
      await until(() => rows(list).length === 3, 5000, 'three rows');
      parties[0]!.engine.logoutRoom();
      await until(() => !rowOf(list, 'Name of bob'), 5000, 'bob’s row goes');
      expect(names(list)).to.deep.equal(['Name of alice (you)', 'Name of carol']);
      expect(part(list, 'count')!.textContent).to.equal('2 people');
      parties[1]!.engine.logoutRoom();
      await until(() => part(list, 'count')!.textContent === '1 person', 5000, '1 person');
    });

    it('your name is marked "(you)", but a user named "You" is not "You (you)"', async () => {
      const { list } = await listInRoom('people-you', [], undefined, { userName: 'You' });
      expect(names(list)).to.deep.equal(['You']);
    });

    it('a name that looks like HTML is shown as text', async () => {
      const roomID = uniqueRoom('people-html');
      const evil = '<img src=x onerror="window.__participantsPwned=1">';
      const engine = adopt(new MeshEngine(appID, wsURL));
      await engine.loginRoom(
        roomID,
        await tokenFor('mallory', roomID),
        { userID: 'mallory', userName: evil },
        {
          userUpdate: true,
        },
      );
      const room = await mountRoom(roomID, 'alice', { content: html`<zego-participants></zego-participants>` });
      const list = room.querySelector('zego-participants')!;
      await until(() => rowOf(list, evil), 5000, 'mallory’s row, named as written');
      expect(root(list).querySelector('img')).to.equal(null);
      expect((window as { __participantsPwned?: number }).__participantsPwned).to.equal(undefined);
    });

    it('a long name ends in an ellipsis, the full name its tooltip; the states stay in the row', async () => {
      const long = 'l'.repeat(60);
      const { list } = await listInRoom(
        'people-long',
        [long],
        html`<zego-participants style="width:260px"></zego-participants>`,
      );
      const row = await until(() => rowOf(list, `Name of ${long}`), 5000, 'the long name');
      const name = row.querySelector<HTMLElement>('[part~="name"]')!;
      expect(name.title).to.equal(`Name of ${long}`);
      expect(name.scrollWidth).to.be.greaterThan(name.clientWidth);
      const quality = row.querySelector('[part~="quality"]')!.getBoundingClientRect();
      expect(quality.width).to.be.greaterThan(0);
      expect(quality.right).to.be.at.most(row.getBoundingClientRect().right + 0.5);
    });
  });

  describe('states', () => {
    it('the microphone off shows within seconds when the other party mutes, and on again', async () => {
      const { list, parties } = await listInRoom('people-mic');
      const local = await publishCamera(parties[0]!, 'bob_main');
      await until(() => without(list, 'Name of bob', 'Microphone off'), 5000, 'bob’s microphone on');
      const mic = () => rowOf(list, 'Name of bob')!.querySelector('[part~="microphone"]')!;
      expect(mic().classList.contains('off')).to.equal(false);
      parties[0]!.engine.mutePublishStreamAudio(local, true);
      await until(() => saysOf(list, 'Name of bob').includes('Microphone off'), 5000, 'bob’s microphone off');
      expect(mic().classList.contains('off')).to.equal(true);
      expect(mic().getAttribute('title')).to.equal('Microphone off');
      parties[0]!.engine.mutePublishStreamAudio(local, false);
      await until(() => without(list, 'Name of bob', 'Microphone off'), 5000, 'bob’s microphone on again');
    });

    it('the camera off shows when the other party turns it off', async () => {
      const { list, parties } = await listInRoom('people-camera');
      const local = await publishCamera(parties[0]!, 'bob_main');
      await until(() => without(list, 'Name of bob', 'Camera off'), 5000, 'bob’s camera on');
      parties[0]!.engine.mutePublishStreamVideo(local, true);
      await until(() => saysOf(list, 'Name of bob').includes('Camera off'), 5000, 'bob’s camera off');
    });

    it('a screen share shows "Presenting" until it stops', async () => {
      const { list, parties } = await listInRoom('people-screen');
      const bob = parties[0]!;
      expect(saysOf(list, 'Name of bob')).not.to.contain('Presenting');
      const screen = await bob.engine.createStream({ camera: { videoQuality: 1, audio: false } });
      bob.engine.startPublishingStream('bob_screen', screen);
      await until(() => saysOf(list, 'Name of bob').includes('Presenting'), 5000, 'bob presenting');
      expect(rowOf(list, 'Name of bob')!.querySelector('[part~="presenting"]')).not.to.equal(null);
      // A share is not a camera: still no microphone or camera of his own.
      expect(saysOf(list, 'Name of bob')).to.contain('Microphone off').and.contain('Camera off');
      bob.engine.stopPublishingStream('bob_screen');
      await until(() => without(list, 'Name of bob', 'Presenting'), 5000, 'bob stopped presenting');
    });

    it('speaking and network quality, measured on the streams the grid plays', async () => {
      const engine = adopt(new MeshEngine(appID, wsURL, { qualityInterval: 500 }));
      const { list, parties } = await listInRoom(
        'people-speaking',
        ['bob'],
        html`<zego-stream-grid no-preview></zego-stream-grid><zego-participants></zego-participants>`,
        { engine },
      );
      await publishCamera(parties[0]!, 'bob_main');
      const bob = await until(() => rowOf(list, 'Name of bob'), 5000, 'bob’s row');
      expect(saysOf(list, 'Name of bob')).to.contain('Network: unknown');
      // The fake microphone beeps: a ring on his initials and "Speaking" while it does.
      await until(
        () => rowOf(list, 'Name of bob')!.querySelector('[part~="avatar"]')!.classList.contains('speaking'),
        10000,
        'bob speaking',
      );
      expect(saysOf(list, 'Name of bob')).to.contain('Speaking');
      await until(
        () => /Network: (excellent|good|fair|poor)/.test(saysOf(list, 'Name of bob')),
        10000,
        'a graded network quality',
      );
      expect(bob.querySelectorAll('[part~="quality"] rect[opacity="1"]').length).to.be.greaterThan(0);
    });

    it('your own row follows your switches; a blocked camera reads as off', async () => {
      class CameraBlocked extends MeshEngine {
        override createStream(source?: ZegoLocalStreamConfig): Promise<MediaStream> {
          if (source?.camera?.video !== false)
            return Promise.reject(Object.assign(new Error('Permission denied'), { code: 1103064, msg: 'denied' }));
          return super.createStream(source);
        }
      }
      const engine = adopt(new CameraBlocked(appID, wsURL));
      const { list, session } = await listInRoom(
        'people-self',
        [],
        html`<zego-stream-grid></zego-stream-grid><zego-participants></zego-participants>`,
        { engine },
      );
      const you = 'Name of alice (you)';
      await until(() => session.local.stream && session.local.cameraError, 10000, 'the microphone alone captured');
      await until(() => without(list, you, 'Microphone off'), 5000, 'your microphone on');
      expect(saysOf(list, you)).to.contain('Camera off');
      session.setLocal({ microphone: false });
      await until(() => saysOf(list, you).includes('Microphone off'), 5000, 'your microphone off');
      session.setLocal({ microphone: true });
      await until(() => without(list, you, 'Microphone off'), 5000, 'your microphone on again');
      expect(saysOf(list, you)).to.contain('Camera off');
    });

    it('a sound level that moves while someone keeps speaking (or silent) costs no render', async () => {
      const { list, parties, session } = await listInRoom('people-renders');
      await publishCamera(parties[0]!, 'bob_main');
      await until(() => without(list, 'Name of bob', 'Microphone off'), 5000, 'bob’s microphone on');
      expect(session.subscriptionCount('stream:bob_main')).to.equal(1);
      let renders = 0;
      const self = list as unknown as { render(): unknown };
      const render = self.render.bind(list);
      self.render = () => {
        renders++;
        return render();
      };
      const level = async (value: number) => {
        session.streams.get('bob_main')!.soundLevel = value;
        session.notify('stream:bob_main');
        await list.updateComplete;
      };
      await level(3);
      expect(renders).to.equal(0);
      await level(40); // starts speaking
      expect(renders).to.equal(1);
      expect(saysOf(list, 'Name of bob')).to.contain('Speaking');
      await level(70);
      await level(25);
      expect(renders).to.equal(1);
      await level(0); // stops
      expect(renders).to.equal(2);
      expect(saysOf(list, 'Name of bob')).not.to.contain('Speaking');
    });
  });

  describe('search', () => {
    it('shows a search box above search-threshold people; it filters by name, ignoring case', async () => {
      const { list, parties } = await listInRoom(
        'people-search',
        ['bob', 'carol', 'dave'],
        html`<zego-participants search-threshold="3"></zego-participants>`,
      );
      await until(() => rows(list).length === 4, 5000, 'four rows');
      const search = await until(() => part(list, 'search') as HTMLInputElement | null, 2000, 'the search box');
      expect(search.getAttribute('aria-label')).to.equal('Search people');
      search.focus();
      await sendKeys({ type: 'CAR' });
      await until(() => names(list).length === 1, 2000, 'one match');
      expect(names(list)).to.deep.equal(['Name of carol']);
      // The count is everyone's, not the matches'.
      expect(part(list, 'count')!.textContent).to.equal('4 people');
      await sendKeys({ type: 'x' });
      await until(() => rows(list).length === 0, 2000, 'no match');
      expect(part(list, 'empty')!.textContent).to.equal('No one matches');
      expect(part(list, 'list')!.hidden).to.equal(true);
      for (let i = 0; i < 4; i++) await sendKeys({ press: 'Backspace' });
      await until(() => rows(list).length === 4, 2000, 'everyone again');
      expect(part(list, 'empty')!.textContent).to.equal('');
      // At the threshold or below, no search box, and no filter.
      parties[2]!.engine.logoutRoom();
      await until(() => !part(list, 'search'), 5000, 'the search box goes');
      expect(rows(list)).to.have.length(3);
    });

    it('has no search box with the default threshold (8) in a small call', async () => {
      const { list } = await listInRoom('people-no-search', ['bob', 'carol']);
      await until(() => rows(list).length === 3);
      expect(part(list, 'search')).to.equal(null);
    });
  });

  describe('keyboard', () => {
    it('the list is one tab stop; Down, Up, End and Home move between rows', async () => {
      const { list, room } = await listInRoom(
        'people-keys',
        ['bob', 'carol', 'dave'],
        html`<button>before</button><zego-participants></zego-participants><button>after</button>`,
      );
      await until(() => rows(list).length === 4, 5000, 'four rows');
      const focused = () => root(list).activeElement as HTMLElement | null;
      const at = () => rows(list).indexOf(focused()!);
      expect(rows(list).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1, -1]);
      room.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(at()).to.equal(0);
      await sendKeys({ press: 'ArrowDown' });
      expect(at()).to.equal(1);
      await sendKeys({ press: 'End' });
      expect(at()).to.equal(3);
      await sendKeys({ press: 'ArrowDown' });
      expect(at()).to.equal(3);
      await sendKeys({ press: 'ArrowUp' });
      expect(at()).to.equal(2);
      await sendKeys({ press: 'Home' });
      expect(at()).to.equal(0);
      await sendKeys({ press: 'End' });
      await list.updateComplete;
      // One tab stop, on the row last focused: Tab leaves the list, Shift+Tab comes back to that row.
      expect(rows(list).map((r) => r.tabIndex)).to.deep.equal([-1, -1, -1, 0]);
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(null);
      expect(document.activeElement!.textContent).to.equal('after');
      // One key at a time: Firefox's driver has no chords.
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(at()).to.equal(3);
    });

    it('when the focused person leaves, focus stays in the list', async () => {
      const { list, parties } = await listInRoom('people-focus-leave', ['bob', 'carol']);
      await until(() => rows(list).length === 3, 5000, 'three rows');
      rowOf(list, 'Name of carol')!.focus();
      parties[1]!.engine.logoutRoom();
      await until(() => rows(list).length === 2, 5000, 'carol’s row goes');
      await list.updateComplete;
      expect(root(list).activeElement).to.equal(rowOf(list, 'Name of bob'));
      expect(rowOf(list, 'Name of bob')!.tabIndex).to.equal(0);
    });
  });

  it('speaks zh-CN when an ancestor has lang="zh-CN"', async () => {
    const { list } = await listInRoom(
      'people-zh',
      ['bob'],
      html`<div lang="zh-CN"><zego-participants></zego-participants></div>`,
    );
    await until(() => part(list, 'count')!.textContent === '2 人', 5000, 'the count in Chinese');
    expect(part(list, 'header')!.textContent).to.contain('参与者');
    expect(names(list)[0]).to.equal('Name of alice (我)');
    expect(saysOf(list, 'Name of bob')).to.contain('麦克风已关闭');
  });

  describe('subscriptions', () => {
    it('removing it leaves no subscriptions; re-inserting subscribes again exactly once', async () => {
      const { parties, room, session } = await listInRoom('people-subs', ['bob'], '');
      const baseline = session.subscriptionCount();
      const el = document.createElement('zego-participants');
      room.append(el);
      await el.updateComplete;
      // users, streams, local, gestures: no stream yet.
      expect(session.subscriptionCount()).to.equal(baseline + 4);
      await publishCamera(parties[0]!, 'bob_main');
      await until(() => session.subscriptionCount('stream:bob_main') === 1, 5000, 'bob_main followed');
      expect(session.subscriptionCount()).to.equal(baseline + 5);
      el.remove();
      expect(session.subscriptionCount()).to.equal(baseline);
      room.append(el);
      expect(session.subscriptionCount()).to.equal(baseline + 5);
      for (let i = 0; i < 20; i++) {
        el.remove();
        await Promise.resolve();
        room.append(el);
        await el.updateComplete;
      }
      expect(session.subscriptionCount()).to.equal(baseline + 5);
      el.remove();
      expect(session.subscriptionCount()).to.equal(baseline);
    });
  });
});
