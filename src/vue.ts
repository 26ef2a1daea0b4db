/**
 * Vue 3 template typings for the elements (`GlobalComponents`), for `vue-tsc` and Vue's editor
 * tooling: `import type {} from 'zego-elements/vue'` once. Types only: nothing here runs, and
 * nothing registers the elements (`import 'zego-elements'` does).
 *
 * Tell Vue's compiler that `zego-*` tags are custom elements, not Vue components:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('zego-') } } })`.
 *
 * At run time Vue sets a binding as a DOM property when the element has it (`:roomId`, `:pageSize`,
 * `:engine`) and as an attribute otherwise (`:room-id`, `room-id="…"`); bind numbers, booleans and
 * objects by their camelCase property name (an attribute bound to `false` would read "false").
 * `@zego-room-state-change="…"` listens to the `zego-room-state-change` event.
 * The shape follows Vue's guide, "Non-Vue Web Components and TypeScript".
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
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

/** An event map in the shape of Vue's `$emit` type. */
export type VueEmit<Events> = EmitFn<{
  [K in keyof Events]: (event: Events[K]) => void;
}>;

/**
 * `<Tag>` as Vue's type checker sees a component: its props (`$props`) and its events (`$emit`).
 * `$props` and `$emit` exist for the type checker only, not on the element.
 */
export type ZegoVueElement<Tag extends keyof ZegoElementTags> = new () => ZegoElementTags[Tag] & {
  /** @deprecated Template type checking only: the element has no `$props`. */
  $props: HTMLAttributes & Partial<ZegoElementProperties[Tag]> & Partial<ZegoElementAttributes[Tag]> & PublicProps;
  /** @deprecated Template type checking only: the element has no `$emit`. */
  $emit: VueEmit<ZegoElementEvents[Tag]>;
};

declare module 'vue' {
  interface GlobalComponents {
    'zego-room': ZegoVueElement<'zego-room'>;
    'zego-preview': ZegoVueElement<'zego-preview'>;
    'zego-remote-stream': ZegoVueElement<'zego-remote-stream'>;
    'zego-stream-grid': ZegoVueElement<'zego-stream-grid'>;
    'zego-call-controls': ZegoVueElement<'zego-call-controls'>;
    'zego-prejoin': ZegoVueElement<'zego-prejoin'>;
    'zego-call': ZegoVueElement<'zego-call'>;
    'zego-chat': ZegoVueElement<'zego-chat'>;
    'zego-participants': ZegoVueElement<'zego-participants'>;
  }
}
