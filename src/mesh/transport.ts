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
  open(handlers: TransportHandlers): Promise<void>;
  send(message: ClientMessage): void;
  close(): void;
  /** Drops the connection as a network failure would: no logout reaches the hub. */
  drop(): void;
}

/** Connects to the server's `ws://…/ws` endpoint. */
export class WebSocketTransport implements Transport {
  private socket: WebSocket | undefined;
  constructor(readonly url: string) {}

  open(handlers: TransportHandlers): Promise<void> {
    this.close();
    return new Promise((resolve, reject) => {
      let opened = false;
      let socket: WebSocket;
      try {
        socket = new WebSocket(this.url);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.socket = socket;
      socket.onopen = () => {
        opened = true;
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
        if (this.socket === socket) this.socket = undefined;
        if (opened) handlers.closed(ev.code, ev.reason);
        else reject(new Error(`cannot connect to ${this.url}`));
      };
    });
  }

  send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    if (s) {
      s.onmessage = s.onclose = s.onopen = null;
      s.close(1000, 'bye');
    }
  }

  drop(): void {
    this.socket?.close(4002, 'dropped');
  }
}
