/**
 * An event emitter typed over an event map (ZEGO's engine events by default). A listener that
 * throws is reported and does not stop the others.
 */
import type { ZegoEngineEvents } from '../core/engine.js';

type Listener = (...args: unknown[]) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any listener shape
export class Emitter<E extends { [K in keyof E]: (...args: any[]) => void } = ZegoEngineEvents> {
  readonly #listeners = new Map<string, Set<Listener>>();

  on<K extends keyof E & string>(event: K, callBack: E[K]): boolean {
    if (typeof callBack !== 'function') return false;
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(callBack as Listener);
    return true;
  }

  /** As ZEGO's: without a callback, every listener of the event goes. */
  off<K extends keyof E & string>(event: K, callBack?: E[K]): boolean {
    if (callBack === undefined) return this.#listeners.delete(event);
    return this.#listeners.get(event)?.delete(callBack as Listener) ?? false;
  }

  emit<K extends keyof E & string>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const cb of [...set]) {
      try {
        cb(...(args as unknown[]));
      } catch (err) {
        console.error(`zego-elements: a ${event} listener threw`, err);
      }
    }
  }

  /** Number of listeners registered, per event or in all. */
  count(event?: keyof E & string): number {
    if (event) return this.#listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.#listeners.clear();
  }
}
