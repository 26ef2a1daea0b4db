import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { startCall, type BotOptions, type Call } from './support/call.js';

type Loaded = { call: Call };

/**
 * A call with `bots`; the list alone, or beside a grid (which plays the streams, so speaking and
 * network quality are measured, and captures your camera and microphone).
 */
const people = (bots: number | BotOptions[], options: { grid?: boolean; play?: StoryObj['play'] } = {}): StoryObj => ({
  loaders: [async () => ({ call: await startCall(bots) })],
  render: (_a, { loaded }) => {
    const { call } = loaded as Loaded;
    const list = html`<zego-participants style="width:300px;flex:none;min-height:0"></zego-participants>`;
    return html`<zego-room
      style="height:560px"
      room-id=${call.roomID}
      user-id="you"
      user-name="You"
      token="in-page"
      .engine=${call.engine}
      >${
        options.grid
          ? html`<div style="display:flex;gap:12px;flex:1;min-height:0">
              <zego-stream-grid style="min-height:0"></zego-stream-grid>${list}
            </div>`
          : list
      }</zego-room
    >`;
  },
  ...(options.play ? { play: options.play } : {}),
});

const meta: Meta = {
  title: 'Elements/zego-participants',
  component: 'zego-participants',
  parameters: {
    docs: {
      description: {
        component:
          'Everyone in the call, you first. The stories with a grid play the streams, so speaking (a ring on the initials) and network quality are measured; in the list alone they read "unknown".',
      },
    },
  },
};
export default meta;

/** Three others beside the grid: one speaks now and then, one is muted. */
export const SmallCall = people([{ speaking: true }, {}, { micMuted: true }], { grid: true });

/** Twelve people: above the search threshold (8), so a search box filters the list by name. */
export const LargeCall = people(11);

/** The search finds the names holding "ra", ignoring case. */
export const LargeCallSearching = people(11, {
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('zego-participants')!;
    let search: HTMLInputElement | null | undefined;
    for (let i = 0; i < 200 && !(search = list.shadowRoot?.querySelector('input')); i++)
      await new Promise((r) => setTimeout(r, 25));
    if (!search) return;
    search.value = 'ra';
    search.dispatchEvent(new Event('input'));
  },
});

/** Someone shares their screen: a presenting mark on their row (the share takes the grid's stage). */
export const SomeonePresenting = people([{ sharing: true, speaking: true }, {}, {}], { grid: true });

/** People who publish nothing, and one with both camera and microphone off: all listed, all off. */
export const WithoutCameraOrMicrophone = people([
  { noStream: true },
  { micMuted: true, cameraOff: true },
  { noStream: true, name: 'Grace Brewster Murray Hopper' },
]);
