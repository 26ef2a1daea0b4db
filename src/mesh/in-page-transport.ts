/**
 * `InPageTransport`: a {@link Transport} to a hub in the same page. It takes the hub it is given
 * and imports none of the hub's code, so the mesh engine's bundle does not carry the hub.
 */
import type { Hub, HubClient } from '../hub/hub.js';
import type { ServerMessage, ClientMessage } from '../hub/protocol.js';
import type { Transport, TransportHandlers } from './transport.js';

/**
 * Connects to a {@link Hub} in the same page: for stories, demos and tests without a server.
 * Several engines share one hub by sharing it: `new InPageTransport(hub)`. Messages are delivered
 * asynchronously and serialized as JSON, as over a network.
 */
export class InPageTransport implements Transport {
  #client: HubClient | undefined;
  #handlers: TransportHandlers | undefined;

  constructor(readonly hub: Hub) {}

  open(handlers: TransportHandlers): Promise<void> {
    this.close();
    this.#handlers = handlers;
    // Callbacks run later (setTimeout), after `client` is assigned.
    const live = (): boolean => this.#client === client;
    const client: HubClient = this.hub.connect({
      send: (m) => {
        const text = JSON.stringify(m);
        setTimeout(() => live() && handlers.message(JSON.parse(text) as ServerMessage), 0);
      },
      close: (code, reason) => {
        setTimeout(() => {
          if (!live()) return;
          this.#client = undefined;
          handlers.closed(code, reason);
        }, 0);
      },
    });
    this.#client = client;
    return Promise.resolve();
  }

  send(message: ClientMessage): void {
    const client = this.#client;
    if (client) {
      const text = JSON.stringify(message);
      setTimeout(() => client.receive(text), 0);
    }
  }

  close(): void {
    const client = this.#client;
    this.#client = undefined;
    this.#handlers = undefined;
    client?.disconnect();
  }

  /** Drops the connection as a network failure would (the hub is not told of a logout). */
  drop(): void {
    const handlers = this.#handlers;
    this.close();
    handlers?.closed(1006, 'connection lost');
  }
}
