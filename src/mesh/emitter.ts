/**
 * The engine's event emitter, typed over ZEGO's event map. A listener that throws is reported
 * and does not stop the others.
 */
import type { ZegoEngineEventName, ZegoEngineEvents } from '../core/engine.js';

type Listener = (...args: unknown[]) => void;

export class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();

  on<K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]): boolean {
    if (typeof callBack !== 'function') return false;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callBack as Listener);
    return true;
  }

  /** As ZEGO's: without a callback, every listener of the event goes. */
  off<K extends ZegoEngineEventName>(event: K, callBack?: ZegoEngineEvents[K]): boolean {
    if (callBack === undefined) return this.listeners.delete(event);
    return this.listeners.get(event)?.delete(callBack as Listener) ?? false;
  }

  emit<K extends ZegoEngineEventName>(event: K, ...args: Parameters<ZegoEngineEvents[K]>): void {
    const set = this.listeners.get(event);
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
  count(event?: ZegoEngineEventName): number {
    if (event) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.listeners.clear();
  }
}
