import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { startCall, type BotOptions, type Call } from './support/call.js';

type Loaded = { call: Call };

const grid = (
  bots: number | BotOptions[],
  attrs: { layout?: string; pageSize?: number; pinned?: string } = {},
): StoryObj => ({
  loaders: [
    async () => ({
      call: await startCall(
        typeof bots === 'number' ? Array.from({ length: bots }, (_, i) => ({ speaking: i === 0 })) : bots,
      ),
    }),
  ],
  render: (_a, { loaded }) => {
    const { call } = loaded as Loaded;
    return html`<zego-room
      style="height:560px"
      room-id=${call.roomID}
      user-id="you"
      user-name="You"
      token="in-page"
      .engine=${call.engine}
      ><zego-stream-grid
        layout=${attrs.layout ?? 'grid'}
        page-size=${attrs.pageSize ?? 9}
        pinned=${attrs.pinned ?? ''}
        no-preview
      ></zego-stream-grid
    ></zego-room>`;
  },
});

const meta: Meta = { title: 'Elements/zego-stream-grid', component: 'zego-stream-grid' };
export default meta;

export const OneParticipant = grid(1);
export const TwoParticipants = grid(2);
export const FourParticipants = grid(4);
export const NineParticipants = grid(9);
export const SixteenParticipants = grid(16, { pageSize: 16 });
export const SpeakerLayout = grid(4, { layout: 'speaker' });
export const Pagination = grid(12, { pageSize: 4 });
/** The third person pinned: on stage whoever speaks (the first one does), on every page. */
export const Pinned = grid(6, { pinned: 'bot3_main', pageSize: 4 });
/** Someone shares a screen: it takes the stage, the people in a strip. */
export const Presentation = grid([{ sharing: true, speaking: true }, {}, {}]);
/** People who publish nothing (camera and microphone denied) still have a tile. */
export const PeopleWithoutStreams = grid([
  { speaking: true },
  { noStream: true },
  { noStream: true, name: 'Grace Brewster Murray Hopper' },
]);
/** Muted microphones show a red badge at a glance. */
export const Muted = grid([{ micMuted: true }, { micMuted: true, cameraOff: true }, { speaking: true }]);
