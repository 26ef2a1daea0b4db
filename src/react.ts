/**
 * React 19 JSX typings for the elements: `import type {} from 'zego-elements/react'` once (or list
 * `zego-elements/react` in `compilerOptions.types`), and `<zego-room>` & co. type-check in TSX.
 * Types only: nothing here runs, and nothing registers the elements (`import 'zego-elements'` does).
 *
 * How React 19 treats a custom element (react-dom's `setPropOnCustomElement`):
 * - a prop whose name is a property of the element (`'roomId' in el`) is set as that property, so
 *   camelCase props carry numbers, booleans, objects and functions as they are; other props become
 *   attributes (`room-id="…"`, and what a server renders). Import the kit before rendering, so the
 *   elements are defined (and have their properties) when React sets the props.
 * - a function prop named `on` + an event name adds a listener for exactly that event name:
 *   `onzego-room-state-change={(e) => …}` listens to `zego-room-state-change` (all lower case, with
 *   its dashes; `onZego…` would listen to `Zego…`). A `Capture` suffix listens in the capture phase.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  ZegoElementAttributes,
  ZegoElementEvents,
  ZegoElementProperties,
  ZegoElementTags,
} from './framework-types.js';

export type {
  ZegoElementAttributes,
  ZegoElementEvents,
  ZegoElementProperties,
  ZegoElementTags,
  ZegoTagName,
  StreamErrorDetail,
  StreamPlayingDetail,
} from './framework-types.js';

/** `on<event-name>` handler props for an event map, as React 19 wires them to custom elements. */
export type ReactEventHandlers<Events> = {
  [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void;
};

/** Every prop `<Tag>` takes in React 19 JSX: HTML attributes, its properties and attributes, its events. */
export type ZegoReactProps<Tag extends keyof ZegoElementTags> = DetailedHTMLProps<
  HTMLAttributes<ZegoElementTags[Tag]>,
  ZegoElementTags[Tag]
> &
  Partial<ZegoElementProperties[Tag]> &
  Partial<ZegoElementAttributes[Tag]> &
  ReactEventHandlers<ZegoElementEvents[Tag]>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX lives in a namespace
  namespace JSX {
    interface IntrinsicElements {
      'zego-room': ZegoReactProps<'zego-room'>;
      'zego-preview': ZegoReactProps<'zego-preview'>;
      'zego-remote-stream': ZegoReactProps<'zego-remote-stream'>;
      'zego-stream-grid': ZegoReactProps<'zego-stream-grid'>;
      'zego-call-controls': ZegoReactProps<'zego-call-controls'>;
      'zego-prejoin': ZegoReactProps<'zego-prejoin'>;
      'zego-call': ZegoReactProps<'zego-call'>;
      'zego-chat': ZegoReactProps<'zego-chat'>;
      'zego-participants': ZegoReactProps<'zego-participants'>;
    }
  }
}
