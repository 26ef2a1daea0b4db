import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ZegoRoom } from '../dist/components/room/room.js';
import type { ZegoChat } from '../dist/components/chat/chat.js';
import { startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

/** What the bots say before you join (so it reaches you as the room's history): [bot index, text]. */
const CONVERSATION: [number, string][] = [
  [0, 'Morning! The agenda for today: https://example.com/agenda'],
  [1, 'Thanks. I will share my screen after the demo.'],
  [1, 'Notes from last week are at https://example.org/notes (see section 2).'],
  [2, '好的，我马上到。'],
  [0, 'Recording: https://example.com/recordings?id=42 — and javascript:alert(1) stays text.'],
];

/** A call of bots that publish nothing (the chat needs no media) and say `lines` before you join. */
const chatCall =
  (lines: [number, string][] = []) =>
  async (): Promise<Loaded> => {
    const call = await startCall([{ noStream: true }, { noStream: true }, { noStream: true }]);
    for (const [bot, text] of lines) await call.bots[bot]!.engine.sendBroadcastMessage(call.roomID, text);
    return { call };
  };

const room = (call: Call, chat = html`<zego-chat open></zego-chat>`) =>
  html`<zego-room room-id=${call.roomID} user-id="you" user-name="You" token="in-page" .engine=${call.engine}
    >${chat}</zego-room
  >`;

/** Waits until the story's room is connected. */
async function connected(canvas: HTMLElement): Promise<ZegoRoom> {
  const el = canvas.querySelector<ZegoRoom>('zego-room')!;
  for (let i = 0; i < 200 && el.getAttribute('state') !== 'connected'; i++) await new Promise((r) => setTimeout(r, 25));
  return el;
}

const meta: Meta = {
  title: 'Elements/zego-chat',
  component: 'zego-chat',
  parameters: {
    docs: {
      description: {
        component:
          'The room’s chat, against a hub in the page with bot participants. On the embedded engine a late joiner gets the room’s last 100 messages (as here: the bots spoke before you joined); ZEGO’s cloud keeps no history.',
      },
    },
  },
};
export default meta;

export const Empty: StoryObj = {
  loaders: [chatCall()],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
};

export const Conversation: StoryObj = {
  loaders: [chatCall(CONVERSATION)],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
  play: async ({ canvasElement }) => {
    const el = await connected(canvasElement);
    await el.session?.sendMessage('Joining in a minute — see you there!');
  },
};

export const TooLong: StoryObj = {
  name: 'Too long (over 1,024 bytes)',
  loaders: [chatCall(CONVERSATION.slice(0, 2))],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
  play: async ({ canvasElement }) => {
    await connected(canvasElement);
    const chat = canvasElement.querySelector<ZegoChat>('zego-chat')!;
    await chat.updateComplete;
    const box = chat.shadowRoot!.querySelector('textarea')!;
    // 350 × 3 bytes: 1,050 bytes in 350 characters.
    box.value = '€'.repeat(350);
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  },
};

export const UnreadWhileClosed: StoryObj = {
  name: 'Unread while closed',
  loaders: [chatCall(CONVERSATION.slice(0, 1))],
  render: (_args, { loaded }) => {
    const toggle = (e: Event) => {
      const button = e.currentTarget as HTMLButtonElement;
      const chat = button.nextElementSibling as ZegoChat;
      chat.open = !chat.open;
      button.setAttribute('aria-expanded', String(chat.open));
    };
    const badge = (e: CustomEvent<{ count: number }>) => {
      const count = (e.currentTarget as ZegoChat).previousElementSibling!.querySelector('span')!;
      count.textContent = e.detail.count ? String(e.detail.count) : '';
    };
    return room(
      (loaded as Loaded).call,
      html`<button
          type="button"
          aria-expanded="false"
          style="align-self:flex-start;font:inherit;padding:6px 14px;margin-bottom:8px;border-radius:999px"
          @click=${toggle}
        >
          Chat
          <span style="display:inline-block;min-width:1.2em;border-radius:999px;color:#fff;background:#d32f2f"></span>
        </button>
        <zego-chat @zego-chat-unread=${badge}></zego-chat>`,
    );
  },
  play: async ({ canvasElement, loaded }) => {
    await connected(canvasElement);
    const { call } = loaded as Loaded;
    for (const [bot, text] of CONVERSATION.slice(1, 4))
      await call.bots[bot]!.engine.sendBroadcastMessage(call.roomID, text);
  },
};
