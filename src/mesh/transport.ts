/**
 * How `MeshEngine` reaches a hub: over a WebSocket to the server, or to a hub in the same page.
 */
import { Hub, type HubClient } from '../hub/hub.js';
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

/**
 * Connects to a {@link Hub} in the same page: for stories, demos and tests without a server.
 * Several engines share one hub by sharing it: `new InPageTransport(hub)`. Messages are delivered
 * asynchronously and serialized as JSON, as over a network.
 */
export class InPageTransport implements Transport {
  readonly hub: Hub;
  private client: HubClient | undefined;
  private handlers: TransportHandlers | undefined;

  constructor(hub?: Hub) {
    this.hub = hub ?? new Hub();
  }

  open(handlers: TransportHandlers): Promise<void> {
    this.close();
    this.handlers = handlers;
    // Callbacks run later (setTimeout), after `client` is assigned.
    const live = (): boolean => this.client === client;
    const client: HubClient = this.hub.connect({
      send: (m) => {
        const text = JSON.stringify(m);
        setTimeout(() => live() && handlers.message(JSON.parse(text) as ServerMessage), 0);
      },
      close: (code, reason) => {
        setTimeout(() => {
          if (!live()) return;
          this.client = undefined;
          handlers.closed(code, reason);
        }, 0);
      },
    });
    this.client = client;
    return Promise.resolve();
  }

  send(message: ClientMessage): void {
    const client = this.client;
    if (client) {
      const text = JSON.stringify(message);
      setTimeout(() => client.receive(text), 0);
    }
  }

  close(): void {
    const client = this.client;
    this.client = undefined;
    this.handlers = undefined;
    client?.disconnect();
  }

  /** Drops the connection as a network failure would (the hub is not told of a logout). */
  drop(): void {
    const handlers = this.handlers;
    this.close();
    handlers?.closed(1006, 'connection lost');
  }
}
