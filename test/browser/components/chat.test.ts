import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { wsURL, appID } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import '../../../src/components/chat/define.js';
import '../../../src/components/call/define.js';
import type { ZegoCall } from '../../../src/components/call/call.js';
import type { ZegoChat, ChatUnreadDetail } from '../../../src/components/chat/chat.js';
import type { ZegoBroadcastMessageInfo } from '../../../src/core/engine.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';
import { adopt, destroyAll, join, mountRoom, tokenFor, uniqueRoom, until, type Party } from '../helpers.js';

const part = <E extends Element = HTMLElement>(chat: ZegoChat, name: string) =>
  chat.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
const parts = (chat: ZegoChat, name: string) => [
  ...chat.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`),
];
/** The text of every message shown, oldest first. */
const shown = (chat: ZegoChat) => parts(chat, 'message').map((m) => m.textContent);
const input = (chat: ZegoChat) => part<HTMLTextAreaElement>(chat, 'input')!;
const sendButton = (chat: ZegoChat) => part<HTMLButtonElement>(chat, 'send')!;
/** Shown on the page: laid out with a size (a part not rendered, or hidden, is not). */
const visible = (el: Element | null) => !!el && el.getBoundingClientRect().height > 0;

/** Writes `text` into the box as typing would (an input event per change). */
async function write(chat: ZegoChat, text: string): Promise<void> {
  const box = input(chat);
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await chat.updateComplete;
}

/** What `party`'s engine received as broadcast messages, as text. */
const received = (party: Party) =>
  party.log
    .of('IMRecvBroadcastMessage')
    .flatMap(([, list]) => (list as ZegoBroadcastMessageInfo[]).map((m) => m.message));

/** Alice's room (the page) with a chat; Bob is in the room through his own engine. */
async function chatRoom(name: string, { open = true } = {}) {
  const roomID = uniqueRoom(name);
  const bob = await join('bob', roomID);
  const room = await mountRoom(roomID, 'alice', {
    userName: 'Alice',
    content: open ? html`<zego-chat open></zego-chat>` : html`<zego-chat></zego-chat>`,
  });
  const chat = room.querySelector('zego-chat')!;
  await chat.updateComplete;
  return { roomID, bob, room, chat, session: room.session! };
}

/** `party` says each of `texts` in `roomID`, in order, each once the hub took the one before. */
async function say(party: Party, roomID: string, ...texts: string[]): Promise<void> {
  for (const text of texts) {
    const { errorCode } = await party.engine.sendBroadcastMessage(roomID, text);
    if (errorCode) throw new Error(`${party.userID} could not send "${text}": ${errorCode}`);
  }
}

describe('<zego-chat>', () => {
  afterEach(() => destroyAll());

  it('renders', async () => {
    const chat = await fixture<ZegoChat>(html`<zego-chat open></zego-chat>`);
    // Outside a room: the empty state, a labelled box, and nothing to send to.
    const log = part(chat, 'log')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(log.getAttribute('aria-label')).to.equal('Chat messages');
    expect(part(chat, 'empty')!.textContent).to.equal('No messages yet.');
    expect(input(chat).labels![0]!.textContent).to.equal('Message');
    expect(sendButton(chat).disabled).to.equal(true);
    expect(visible(log)).to.equal(true);
  });

  it('is accessible', async () => {
    const { chat, bob, roomID } = await chatRoom('chat-a11y');
    await say(bob, roomID, 'Hello, see https://example.com/docs');
    await write(chat, 'Hi Bob');
    sendButton(chat).click();
    await until(() => shown(chat).length === 2);
    await write(chat, '€'.repeat(400));
    await expect(chat).to.be.accessible();
  });

  describe('messages', () => {
    it('a message sent on one session shows on the other, yours on the other side, grouped by sender with a time', async () => {
      const roomID = uniqueRoom('chat-two');
      const alice = await mountRoom(roomID, 'alice', {
        userName: 'Alice',
        content: html`<zego-chat open></zego-chat>`,
      });
      const bob = await mountRoom(roomID, 'bob', { userName: 'Bob', content: html`<zego-chat open></zego-chat>` });
      const aliceChat = alice.querySelector('zego-chat')!;
      const bobChat = bob.querySelector('zego-chat')!;
      // Alice writes two lines (Shift+Enter) and sends with Enter, then one more.
      input(aliceChat).focus();
      await sendKeys({ type: 'Hello Bob' });
      // One key at a time: Firefox's driver has no chords.
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'second line' });
      await sendKeys({ press: 'Enter' });
      await until(() => shown(bobChat).length === 1, 5000, 'the message at bob');
      expect(shown(bobChat)).to.deep.equal(['Hello Bob\nsecond line']);
      expect(input(aliceChat).value).to.equal('', 'the box is empty once sent');
      await sendKeys({ type: 'Are you there?' });
      await sendKeys({ press: 'Enter' });
      await until(() => shown(bobChat).length === 2);
      input(bobChat).focus();
      await sendKeys({ type: 'Yes!' });
      sendButton(bobChat).click();
      await until(() => shown(aliceChat).length === 3);

      expect(shown(aliceChat)).to.deep.equal(['Hello Bob\nsecond line', 'Are you there?', 'Yes!']);
      // Two groups on each side: Alice's two messages under one name and time, then Bob's.
      const groups = parts(aliceChat, 'group');
      expect(groups.map((g) => g.querySelector('[part~="sender"]')!.textContent)).to.deep.equal(['You', 'Bob']);
      expect(groups.map((g) => g.querySelectorAll('[part~="message"]').length)).to.deep.equal([2, 1]);
      expect(parts(bobChat, 'sender').map((s) => s.textContent)).to.deep.equal(['Alice', 'You']);
      // Yours on the right, the others' on the left.
      const log = part(aliceChat, 'log')!.getBoundingClientRect();
      const [own, theirs] = groups.map((g) => g.getBoundingClientRect());
      expect(log.right - own!.right).to.be.below(20);
      expect(own!.left - log.left).to.be.above(40);
      expect(theirs!.left - log.left).to.be.below(20);
      expect(groups[0]!.getAttribute('part')).to.equal('group own');
      expect(parts(aliceChat, 'own').filter((p) => p.matches('[part~="message"]'))).to.have.length(2);
      // The time, in the reader's clock.
      const time = groups[1]!.querySelector('time')!;
      const sent = new Date(time.dateTime).getTime();
      expect(Math.abs(Date.now() - sent)).to.be.below(60_000);
      expect(time.textContent).to.equal(
        new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(sent),
      );
    });

    it('a late joiner sees the room’s history, in order', async () => {
      const roomID = uniqueRoom('chat-history');
      const bob = await join('bob', roomID);
      await say(bob, roomID, 'first', 'second', '第三 😀');
      const room = await mountRoom(roomID, 'alice', { content: html`<zego-chat open></zego-chat>` });
      const chat = room.querySelector('zego-chat')!;
      await until(() => shown(chat).length === 3, 5000, 'the history');
      expect(shown(chat)).to.deep.equal(['first', 'second', '第三 😀']);
      expect(parts(chat, 'sender').map((s) => s.textContent)).to.deep.equal(['Name of bob']);
      expect(part(chat, 'empty')).to.equal(null);
    });

    it('a name and a message with markup in them show as text: no element is made from them', async () => {
      const roomID = uniqueRoom('chat-markup');
      const evil = '<img src=x onerror="window.__chatPwned=1">';
      const mallory = adopt(new MeshEngine(appID, wsURL));
      await mallory.loginRoom(roomID, await tokenFor('mallory', roomID), { userID: 'mallory', userName: evil });
      await mallory.sendBroadcastMessage(roomID, `${evil}<b>bold</b><script>window.__chatPwned=2</script>`);
      const { chat } = await (async () => {
        const room = await mountRoom(roomID, 'alice', { content: html`<zego-chat open></zego-chat>` });
        return { chat: room.querySelector('zego-chat')! };
      })();
      await until(() => shown(chat).length === 1);
      await write(chat, '<img src=y onerror="window.__chatPwned=3">');
      sendButton(chat).click();
      await until(() => shown(chat).length === 2);
      expect(part(chat, 'sender')!.textContent).to.equal(evil);
      expect(shown(chat)).to.deep.equal([
        `${evil}<b>bold</b><script>window.__chatPwned=2</script>`,
        '<img src=y onerror="window.__chatPwned=3">',
      ]);
      const root = chat.shadowRoot!;
      expect(root.querySelectorAll('img, b, script').length).to.equal(0);
      expect((window as { __chatPwned?: number }).__chatPwned).to.equal(undefined);
    });

    it('http(s) links open in a new tab without the opener; javascript: and the like stay text', async () => {
      const { chat, bob, roomID } = await chatRoom('chat-links');
      const text =
        'Docs: https://example.com/a?b=1&c=2, wiki http://example.org/Thing_(x)). Not: javascript:alert(1) ' +
        'data:text/html,hi <a href="javascript:alert(2)">x</a> ftp://example.com';
      await say(bob, roomID, text);
      await until(() => shown(chat).length === 1);
      const message = part(chat, 'message')!;
      expect(message.textContent).to.equal(text, 'every character is shown as written');
      const links = [...message.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        'https://example.com/a?b=1&c=2',
        'http://example.org/Thing_(x)',
      ]);
      for (const a of links) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
        expect(a.protocol).to.match(/^https?:$/);
      }
      expect(chat.shadowRoot!.querySelector('a[href^="javascript"], a[href^="data"], a[href^="ftp"]')).to.equal(null);
    });
  });

  describe('the 1,024-byte limit', () => {
    it('1,025 bytes (multi-byte characters) are refused with a visible error; nothing reaches the others', async () => {
      const { chat, bob } = await chatRoom('chat-limit');
      const euros = '€'.repeat(341); // 3 bytes each: 1,023 bytes
      expect(visible(part(chat, 'counter'))).to.equal(false, 'no counter far from the limit');
      await write(chat, `${euros}ab`); // 1,025 bytes, 343 characters
      const error = part(chat, 'error');
      expect(visible(error)).to.equal(true);
      expect(error!.textContent).to.contain('Too long to send');
      expect(error!.textContent).to.contain('1,024 bytes');
      expect(error!.getAttribute('role')).to.equal('alert');
      expect(part(chat, 'counter')!.textContent).to.equal('1025 / 1024 bytes');
      expect(input(chat).getAttribute('aria-invalid')).to.equal('true');
      expect(sendButton(chat).disabled).to.equal(true);
      // Enter does not send it either; the text stays to be shortened.
      input(chat).focus();
      await sendKeys({ press: 'Enter' });
      sendButton(chat).click();
      await chat.updateComplete;
      expect(input(chat).value).to.equal(`${euros}ab`);
      expect(shown(chat)).to.deep.equal([]);
      // One character fewer is exactly 1,024 bytes: it goes, and it is the only thing Bob ever gets.
      await sendKeys({ press: 'Backspace' });
      await chat.updateComplete;
      expect(part(chat, 'error')).to.equal(null);
      expect(part(chat, 'counter')!.textContent).to.equal('1024 / 1024 bytes');
      await sendKeys({ press: 'Enter' });
      await bob.log.waitFor('IMRecvBroadcastMessage');
      expect(received(bob)).to.deep.equal([`${euros}a`]);
      await until(() => shown(chat).length === 1);
      expect(visible(part(chat, 'counter'))).to.equal(false);
    });

    it('a send that fails says why in words and keeps the text in the box', async () => {
      const { chat, session, bob } = await chatRoom('chat-fail');
      const engine = session.engine as MeshEngine;
      const real = engine.sendBroadcastMessage;
      engine.sendBroadcastMessage = async () => ({ errorCode: 1009015 });
      const errors: number[] = [];
      chat.addEventListener('zego-chat-error', (e) => errors.push(e.detail.code));
      await write(chat, 'important');
      sendButton(chat).click();
      await until(() => part(chat, 'error'));
      expect(part(chat, 'error')!.textContent).to.equal(
        'Not sent: Too many requests at once. Wait a moment and try again.',
      );
      expect(input(chat).value).to.equal('important');
      expect(shown(chat)).to.deep.equal([]);
      expect(errors).to.deep.equal([1009015]);
      // Sent once it can be: the error goes, and so does the text.
      engine.sendBroadcastMessage = real;
      sendButton(chat).click();
      await until(() => shown(chat).length === 1);
      expect(part(chat, 'error')).to.equal(null);
      expect(input(chat).value).to.equal('');
      await bob.log.waitFor('IMRecvBroadcastMessage');
      expect(received(bob)).to.deep.equal(['important']);
    });
  });

  describe('reading', () => {
    it('while not open it is hidden and counts unread messages (unread, zego-chat-unread); opening reads them', async () => {
      const { chat, bob, roomID, room } = await chatRoom('chat-unread', { open: false });
      const counts: number[] = [];
      room.addEventListener('zego-chat-unread', (e: CustomEvent<ChatUnreadDetail>) => counts.push(e.detail.count));
      expect(visible(chat)).to.equal(false);
      expect(chat.unread).to.equal(0);
      await say(bob, roomID, 'one');
      await until(() => chat.getAttribute('unread') === '1');
      await say(bob, roomID, 'two');
      await until(() => chat.getAttribute('unread') === '2');
      // Your own messages are not unread.
      await room.session!.sendMessage('mine');
      await chat.updateComplete;
      expect(chat.unread).to.equal(2);
      expect(counts).to.deep.equal([1, 2]);
      chat.open = true;
      await chat.updateComplete;
      expect(visible(part(chat, 'log'))).to.equal(true);
      expect(chat.getAttribute('unread')).to.equal('0');
      expect(counts).to.deep.equal([1, 2, 0]);
      expect(shown(chat)).to.deep.equal(['one', 'two', 'mine']);
      // Open: nothing more is unread.
      await say(bob, roomID, 'three');
      await until(() => shown(chat).length === 4);
      expect(chat.unread).to.equal(0);
    });

    it('follows new messages from the bottom, but not while you read older ones: "New messages" takes you down', async () => {
      const { chat, bob, roomID } = await chatRoom('chat-scroll');
      const log = part(chat, 'log')!;
      const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 2;
      await say(bob, roomID, ...Array.from({ length: 30 }, (_, i) => `message ${i + 1}`));
      await until(() => shown(chat).length === 30);
      await chat.updateComplete;
      expect(log.scrollHeight).to.be.above(log.clientHeight * 2, 'more than fits');
      expect(atBottom()).to.equal(true, 'followed to the newest');
      // The reader scrolls up to read; a message arrives: the view stays where it is.
      const scrolled = new Promise((r) => log.addEventListener('scroll', r, { once: true }));
      log.scrollTop = 0;
      await scrolled;
      await say(bob, roomID, 'while you read');
      await until(() => shown(chat).length === 31);
      await chat.updateComplete;
      expect(log.scrollTop).to.equal(0);
      const button = await until(() => part<HTMLButtonElement>(chat, 'new-messages'));
      expect(button.textContent?.trim()).to.equal('New messages');
      expect(visible(button)).to.equal(true);
      button.click();
      await until(() => atBottom() && !part(chat, 'new-messages'), 3000, 'at the newest, the button gone');
      // At the bottom again: the next one is followed.
      await say(bob, roomID, 'and now');
      await until(() => shown(chat).length === 32);
      await chat.updateComplete;
      expect(atBottom()).to.equal(true);
      expect(part(chat, 'new-messages')).to.equal(null);
    });

    it('removing and re-inserting it unsubscribes and subscribes again exactly once; it shows what came meanwhile', async () => {
      const { chat, room, session, bob, roomID } = await chatRoom('chat-reinsert');
      const before = session.subscriptionCount();
      expect(session.subscriptionCount('messages')).to.equal(1);
      chat.remove();
      expect(session.subscriptionCount('messages')).to.equal(0);
      expect(session.subscriptionCount()).to.equal(before - 2);
      await say(bob, roomID, 'while it was away');
      await until(() => session.messages.length === 1);
      room.append(chat);
      expect(session.subscriptionCount('messages')).to.equal(1);
      expect(session.subscriptionCount()).to.equal(before);
      await chat.updateComplete;
      expect(shown(chat)).to.deep.equal(['while it was away']);
    });

    it('speaks zh-CN when an ancestor has lang="zh-CN"', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><zego-chat open></zego-chat></div>`);
      const chat = wrapper.querySelector('zego-chat')!;
      await until(() => part(chat, 'empty')!.textContent === '还没有消息。');
      expect(sendButton(chat).textContent).to.equal('发送');
      await write(chat, '中'.repeat(342)); // 1,026 bytes
      expect(part(chat, 'error')!.textContent).to.contain('1,024 字节');
    });
  });

  describe('in <zego-call>', () => {
    it('the Chat button counts unread messages; opening the panel shows them and clears the count', async () => {
      const roomID = uniqueRoom('chat-in-call');
      const bob = await join('bob', roomID);
      const call = await fixture<ZegoCall>(
        html`<zego-call
          style="height: 640px"
          room-id=${roomID}
          user-id="alice"
          user-name="Alice"
          token=${await tokenFor('alice', roomID)}
          server=${wsURL}
          app-id=${appID}
          prejoin="off"
        ></zego-call>`,
      );
      const inCall = call.shadowRoot!;
      await until(() => inCall.querySelector('zego-room')?.getAttribute('state') === 'connected', 10000, 'in the call');
      const button = inCall.querySelector<HTMLButtonElement>('[part~="panel-button"][part~="chat"]')!;
      const chat = inCall.querySelector('zego-chat')!;
      expect(visible(chat)).to.equal(false);
      await say(bob, roomID, 'hello', 'anyone?');
      await until(() => button.querySelector('[part~="badge"]')?.textContent === '2', 5000, 'the badge says 2');
      button.click();
      await until(() => visible(part(chat, 'log')) && shown(chat).length === 2, 5000, 'the chat open');
      expect(shown(chat)).to.deep.equal(['hello', 'anyone?']);
      expect(chat.unread).to.equal(0);
      await until(() => !button.querySelector('[part~="badge"]'));
      // Written in the panel, it reaches the others.
      await write(chat, 'here!');
      sendButton(chat).click();
      await bob.log.waitFor('IMRecvBroadcastMessage', (_r, list) => list[0].message === 'here!');
    });
  });
});
