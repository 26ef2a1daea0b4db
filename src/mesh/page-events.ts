/**
 * What the page tells an engine in a room: it is being closed (`pagehide`), or the browser thinks
 * it went offline or online (hints, not the truth). Nothing happens outside a browser page.
 */
export interface PageHandlers {
  pagehide(): void;
  online(): void;
  offline(): void;
}

/** Listens until the returned function is called. */
export function watchPage(handlers: PageHandlers): () => void {
  const page = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  if (typeof page.addEventListener !== 'function' || typeof globalThis.document === 'undefined') return () => {};
  const names = ['pagehide', 'online', 'offline'] as const;
  const listeners = names.map((name) => [name, () => handlers[name]()] as const);
  for (const [name, fn] of listeners) page.addEventListener(name, fn);
  return () => {
    for (const [name, fn] of listeners) page.removeEventListener?.(name, fn);
  };
}
