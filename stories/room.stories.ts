import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Hub } from '../dist/hub/hub.js';
import { MeshEngine } from '../dist/mesh/mesh-engine.js';
import { InPageTransport } from '../dist/mesh/in-page-transport.js';
import type { ZegoRoom } from '../dist/components/room/room.js';
import { FlakyTransport, StalledTransport, startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

const room = (
  call: Call,
  content = html`<zego-stream-grid></zego-stream-grid><zego-call-controls></zego-call-controls>`,
) =>
  html`<zego-room
    style="height:560px"
    room-id=${call.roomID}
    user-id="you"
    user-name="You"
    token="in-page"
    .engine=${call.engine}
    >${content}</zego-room
  >`;

const meta: Meta = {
  title: 'Elements/zego-room',
  component: 'zego-room',
  parameters: {
    docs: {
      description: {
        component:
          'Every story runs without a server: a hub in the page and bot participants publishing real WebRTC streams from animated canvases.',
      },
    },
  },
};
export default meta;

export const Connected: StoryObj = {
  loaders: [async () => ({ call: await startCall(3) })],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
};

export const Connecting: StoryObj = {
  render: () => {
    const engine = new MeshEngine(1, new StalledTransport());
    return html`<zego-room room-id="stalled" user-id="you" token="in-page" .engine=${engine}
      ><zego-stream-grid no-publish></zego-stream-grid
    ></zego-room>`;
  },
};

export const Reconnecting: StoryObj = {
  loaders: [async () => ({ call: await startCall(2, (hub) => new FlakyTransport(hub)) })],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<ZegoRoom>('zego-room')!;
    for (let i = 0; i < 200 && el.getAttribute('state') !== 'connected'; i++)
      await new Promise((r) => setTimeout(r, 25));
    (el.engine as MeshEngine).transport.drop();
  },
};

export const Failed: StoryObj = {
  render: () => {
    // A hub that verifies token04s: "in-page" is not one, so login fails with 1102016.
    const hub = new Hub({ appID: 1, serverSecret: 'showcasesecret0123456789abcdefgh' });
    const engine = new MeshEngine(1, new InPageTransport(hub));
    return html`<zego-room room-id="secured" user-id="you" token="in-page" .engine=${engine}></zego-room>`;
  },
};

export const KickedOut: StoryObj = {
  loaders: [async () => ({ call: await startCall(2) })],
  render: (_args, { loaded }) => room((loaded as Loaded).call),
  play: async ({ canvasElement, loaded }) => {
    const el = canvasElement.querySelector<ZegoRoom>('zego-room')!;
    for (let i = 0; i < 200 && el.getAttribute('state') !== 'connected'; i++)
      await new Promise((r) => setTimeout(r, 25));
    const { call } = loaded as Loaded;
    // The same user signs in elsewhere: this room is kicked out (1002050).
    const elsewhere = new MeshEngine(1, new InPageTransport(call.hub));
    await elsewhere.loginRoom(call.roomID, 'in-page', { userID: 'you' });
    setTimeout(() => elsewhere.destroyEngine(), 500);
  },
};

export const Chinese: StoryObj = {
  loaders: [async () => ({ call: await startCall(2) })],
  render: (_args, { loaded }) => html`<div lang="zh-CN">${room((loaded as Loaded).call)}</div>`,
};
