import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { sessionContext } from '../context.js';
import type { RoomSession, Topic } from '../session.js';

type Host = ReactiveControllerHost & HTMLElement & { session?: RoomSession | undefined };

/**
 * Gives an element the room session — its own `session` property if set, else the nearest
 * `<zego-room>`'s through context — and subscribes it to the topics it renders while connected.
 * Call `refresh()` when the topics depend on something that changed (e.g. `stream-id`).
 */
export class SessionController implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof sessionContext, Host>;
  #subscribed: RoomSession | undefined;
  #key = '';
  #unsubscribe: (() => void)[] = [];
  #connected = false;

  constructor(
    private readonly host: Host,
    private readonly topics: (session: RoomSession) => Topic[],
    private readonly onChange: () => void = () => host.requestUpdate(),
  ) {
    this.#consumer = new ContextConsumer(host, {
      context: sessionContext,
      subscribe: true,
      callback: () => this.refresh(),
    });
    host.addController(this);
  }

  /** The session in effect: the property wins over the context. */
  get session(): RoomSession | undefined {
    return this.host.session ?? this.#consumer.value;
  }

  hostConnected(): void {
    this.#connected = true;
    this.refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.refresh();
  }

  /** Re-subscribes if the session or the topics changed. */
  refresh(): void {
    const session = this.#connected ? this.session : undefined;
    const topics = session ? this.topics(session) : [];
    const key = topics.join('\n');
    if (session === this.#subscribed && key === this.#key) return;
    for (const u of this.#unsubscribe) u();
    this.#unsubscribe = session ? topics.map((t) => session.subscribe(t, this.onChange)) : [];
    const changedSession = session !== this.#subscribed;
    this.#subscribed = session;
    this.#key = key;
    if (changedSession) this.onChange();
  }
}
