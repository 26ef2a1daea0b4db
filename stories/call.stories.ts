import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { MeshEngine } from '../dist/mesh/mesh-engine.js';
import { InPageTransport } from '../dist/mesh/in-page-transport.js';
import type { ZegoCall } from '../dist/components/call/call.js';
import { gesturesOf } from '../dist/core/gestures.js';
import { startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

const call = (c: Call, attrs: { prejoin?: 'on' | 'off'; layout?: 'grid' | 'speaker'; language?: string } = {}) =>
  html`<zego-call
    style="height:620px"
    room-id=${c.roomID}
    user-id="you"
    user-name="Ada Lovelace"
    token="in-page"
    prejoin=${attrs.prejoin ?? 'off'}
    layout=${attrs.layout ?? 'grid'}
    language=${attrs.language ?? ''}
    .engine=${c.engine}
  ></zego-call>`;

/** Waits until the story's call is in the room. */
async function inCall(canvas: HTMLElement): Promise<ZegoCall> {
  const el = canvas.querySelector<ZegoCall>('zego-call')!;
  for (let i = 0; i < 200 && el.shadowRoot?.querySelector('zego-room')?.getAttribute('state') !== 'connected'; i++)
    await new Promise((r) => setTimeout(r, 25));
  return el;
}

const click = (el: ZegoCall, selector: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(selector)?.click();

const meta: Meta = {
  title: 'Elements/zego-call',
  component: 'zego-call',
  parameters: {
    docs: {
      description: {
        component:
          'A whole meeting in one tag. Every story runs without a server: a hub in the page and bots publishing animated canvases.',
      },
    },
  },
};
export default meta;

/** The pre-join screen: camera, microphone meter, devices and name. */
export const PreJoin: StoryObj = {
  loaders: [async () => ({ call: await startCall(2) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call, { prejoin: 'on' }),
};

/** In the call, four people. */
export const InTheCall: StoryObj = {
  loaders: [async () => ({ call: await startCall(3) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call),
};

/** The speaker layout. */
export const SpeakerLayout: StoryObj = {
  loaders: [async () => ({ call: await startCall(4) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call, { layout: 'speaker' }),
};

/** The chat open beside the tiles (a sheet over them on a phone). */
export const ChatOpen: StoryObj = {
  loaders: [async () => ({ call: await startCall(2) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call),
  play: async ({ canvasElement }) => click(await inCall(canvasElement), '[part~="panel-button"][part~="chat"]'),
};

/** Two hands raised (on their tiles and first in the people list) and reactions floating up. */
export const HandsAndReactions: StoryObj = {
  loaders: [async () => ({ call: await startCall(3) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call),
  play: async ({ canvasElement, loaded }) => {
    const el = await inCall(canvasElement);
    const { call: c } = loaded as Loaded;
    // The bots use the kit's own API, as an app with its own buttons would.
    const [linus, grace, ada] = [...c.bots].reverse().map((bot) => gesturesOf(bot.session!));
    await linus!.raiseHand();
    await grace!.raiseHand();
    click(el, '[part~="panel-button"][part~="participants"]');
    for (const emoji of ['🎉', '👏', '❤️', '👍'])
      await Promise.all([ada!.react(emoji), new Promise((r) => setTimeout(r, 900))]).catch(() => undefined);
  },
};

/** You clicked Leave: the end screen with Rejoin. */
export const Left: StoryObj = {
  loaders: [async () => ({ call: await startCall(1) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call),
  play: async ({ canvasElement }) => (await inCall(canvasElement)).leave(),
};

/** Removed: the same user signed in elsewhere (1002050); the end screen says so. */
export const Removed: StoryObj = {
  loaders: [async () => ({ call: await startCall(1) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call),
  play: async ({ canvasElement, loaded }) => {
    await inCall(canvasElement);
    const { call: c } = loaded as Loaded;
    const elsewhere = new MeshEngine(1, new InPageTransport(c.hub));
    await elsewhere.loginRoom(c.roomID, 'in-page', { userID: 'you' });
    setTimeout(() => elsewhere.destroyEngine(), 500);
  },
};

/** In Chinese (`language="zh-CN"`), down to every tile. */
export const Chinese: StoryObj = {
  loaders: [async () => ({ call: await startCall(2) })],
  render: (_a, { loaded }) => call((loaded as Loaded).call, { language: 'zh-CN' }),
};
