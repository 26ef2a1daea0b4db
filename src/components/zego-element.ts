import { LitElement, type PropertyDeclarations } from 'lit';
import type { RoomSession } from '../core/session.js';
import { LocaleController } from './locale-controller.js';

type ZegoEventName = Extract<keyof HTMLElementEventMap, `zego-${string}`>;
type DetailOf<K extends ZegoEventName> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * What every element of the kit shares: the `session` property, re-rendering when a language loads,
 * `emit` for its events, and `removed()` for what to release once it has left the document.
 */
export class ZegoElement extends LitElement {
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
  };
  /** The room session; wins over the one provided by an enclosing `<zego-room>`. */
  session: RoomSession | undefined = undefined;

  /** @internal Re-renders when a language loads. */
  protected readonly localeController = new LocaleController(this);

  /**
   * Dispatches the `zego-` event `name` with `detail`, bubbling and composed unless `options` say
   * otherwise. Returns false if a listener called `preventDefault()` on a cancelable event.
   */
  protected emit<K extends ZegoEventName>(
    name: K,
    detail: DetailOf<K>,
    options?: Omit<CustomEventInit, 'detail'>,
  ): boolean {
    return this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, ...options, detail }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the document (disconnect and connect in one task) is not a removal.
    queueMicrotask(() => {
      if (!this.isConnected) this.removed();
    });
  }

  /** Runs once the element has left the document, not merely moved: release what it holds. */
  protected removed(): void {}
}

/**
 * Registers `tag` for `ctor` once. A tag already taken by another class (a second copy of the kit
 * on the page, say) keeps that class, with a warning. Does nothing without a custom element
 * registry (Node, SSR).
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  const existing = registry?.get(tag);
  if (!registry || existing === ctor) return;
  if (existing) console.warn(`zego-elements: <${tag}> is taken by another class`);
  else registry.define(tag, ctor);
}
