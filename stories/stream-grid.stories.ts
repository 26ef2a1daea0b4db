import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

const grid = (bots: number, attrs: { layout?: string; pageSize?: number } = {}): StoryObj => ({
  loaders: [async () => ({ call: await startCall(Array.from({ length: bots }, (_, i) => ({ speaking: i === 0 }))) })],
  render: (_a, { loaded }) => {
    const { call } = loaded as Loaded;
    return html`<zego-room
      style="height:560px"
      room-id=${call.roomID}
      user-id="you"
      user-name="You"
      token="in-page"
      .engine=${call.engine}
      ><zego-stream-grid layout=${attrs.layout ?? 'grid'} page-size=${attrs.pageSize ?? 9} no-preview></zego-stream-grid
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
