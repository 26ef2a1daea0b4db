import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALE_LOADED } from './localize.js';

/** Re-renders its host when a language table finishes loading. */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  readonly #onLoaded = (): void => this.host.requestUpdate();
  hostConnected(): void {
    globalThis.addEventListener?.(LOCALE_LOADED, this.#onLoaded);
  }
  hostDisconnected(): void {
    globalThis.removeEventListener?.(LOCALE_LOADED, this.#onLoaded);
  }
}
