/**
 * How `MeshEngine` reaches a hub: over a WebSocket to the server here, or to a hub in the same
 * page with `InPageTransport` (its own module, so a call over the network never loads the hub).
 */
import type { ClientMessage, ServerMessage } from '../hub/protocol.js';

/** Callbacks a transport reports to. */
export interface TransportHandlers {
  message(message: ServerMessage): void;
  /** The connection ended (for whatever reason) and will not deliver more messages. */
  closed(code: number, reason: string): void;
}

/** One connection at a time to a hub. `open` again after `closed` for a new connection. */
export interface Transport {
  /** Connects; fails if that takes longer than `timeout` ms (where the transport can tell). */
  open(handlers: TransportHandlers, timeout?: number): Promise<void>;
  send(message: ClientMessage): void;
  close(): void;
  /** Drops the connection as a network failure would: no logout reaches the hub. */
  drop(): void;
  /** A closing page's last word for session `session`, by another way than the connection, if there is one. */
  beacon?(session: string): void;
}

/** Connects to the server's `ws://…/ws` endpoint. */
export class WebSocketTransport implements Transport {
  #socket: WebSocket | undefined;
  #handlers: TransportHandlers | undefined;
  /** Fails the connection being opened. */
  #abort: ((reason: string) => void) | undefined;

  /** @param connectTimeout an opening that takes longer fails, ms. */
  constructor(
    readonly url: string,
    private readonly connectTimeout = 5000,
  ) {}

  open(handlers: TransportHandlers, timeout = this.connectTimeout): Promise<void> {
    this.close();
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(this.url);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.#socket = socket;
      const timer = setTimeout(() => this.#abort?.(`no connection to ${this.url} in time`), timeout);
      this.#abort = (reason) => {
        clearTimeout(timer);
        this.#abort = undefined;
        socket.onmessage = socket.onclose = socket.onopen = null;
        if (this.#socket === socket) this.#socket = undefined;
        socket.close();
        reject(new Error(reason));
      };
      socket.onopen = () => {
        clearTimeout(timer);
        this.#abort = undefined;
        this.#handlers = handlers;
        resolve();
      };
      socket.onmessage = (ev: MessageEvent) => {
        if (typeof ev.data !== 'string') return;
        let m: ServerMessage;
        try {
          m = JSON.parse(ev.data) as ServerMessage;
        } catch {
          return;
        }
        handlers.message(m);
      };
      socket.onclose = (ev: CloseEvent) => {
        if (this.#abort) return this.#abort(`cannot connect to ${this.url}`);
        if (this.#socket === socket) this.#socket = undefined;
        this.#handlers = undefined;
        handlers.closed(ev.code, ev.reason);
      };
    });
  }

  send(message: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  close(): void {
    this.#abort?.('closed');
    const s = this.#socket;
    this.#socket = undefined;
    this.#handlers = undefined;
    if (s) {
      s.onmessage = s.onclose = s.onopen = null;
      s.close(1000, 'bye');
    }
  }

  /** Asks the server to log the session out, by `navigator.sendBeacon` to its `/api/leave`. */
  beacon(session: string): void {
    const url = /^wss?:\/\/[^/]+\/ws$/.test(this.url)
      ? `${this.url.replace(/^ws/, 'http').slice(0, -'/ws'.length)}/api/leave`
      : undefined;
    if (url) globalThis.navigator?.sendBeacon?.(url, session);
  }

  /**
   * Drops the connection at once, as a network failure would: reported closed now, without waiting
   * for a close handshake that a dead network never completes.
   */
  drop(): void {
    const handlers = this.#handlers;
    const s = this.#socket;
    this.#socket = undefined;
    this.#handlers = undefined;
    if (!s) return;
    s.onmessage = s.onclose = s.onopen = null;
    s.close(4002, 'dropped');
    handlers?.closed(4002, 'dropped');
  }
}
