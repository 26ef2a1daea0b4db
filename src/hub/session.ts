/**
 * A session: one user's presence in one room. It outlives its connection by the heartbeat timeout,
 * so that a client whose connection dropped can resume it; what is addressed to it meanwhile is held.
 */
import type { ZegoUser } from '../core/engine.js';
import type { ServerMessage } from './protocol.js';
import type { Grant } from './auth.js';
import type { Room } from './room.js';

/** The connection a session is attached to (a `HubClient`). */
export interface Connection {
  send(message: ServerMessage): void;
  /** Sends the reason, then closes. */
  kick(code: number, msg: string): void;
  /** Its session was resumed on another connection: close. */
  resumedElsewhere(): void;
}

/** At most this many messages, and this much JSON, are held for a reconnecting session; more is dropped. */
const MAX_HELD = 256;
const MAX_HELD_SIZE = 1 << 20;

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Session {
  /** What a reconnecting client presents to resume it. */
  readonly id: string;
  private connection: Connection | null;
  private seen: number;
  private granted: Grant;
  private warned = false;
  /** What arrived for it while it was reconnecting and must not be lost (signals, messages). */
  private held: ServerMessage[] = [];
  /** Their size as JSON, in characters. */
  private heldSize = 0;

  constructor(
    readonly room: Room,
    readonly user: ZegoUser,
    /** Whether it is told of users coming and going (ZEGO's `userUpdate` login option). */
    readonly userUpdate: boolean,
    /** None for a session brought over from another node: it waits for its client's resume. */
    connection: Connection | null,
    grant: Grant,
    now: number,
    id = randomId(),
  ) {
    this.id = id;
    this.connection = connection;
    this.granted = grant;
    this.seen = now;
  }

  /** When it was last heard from, ms. */
  get lastSeen(): number {
    return this.seen;
  }

  /** What its token grants. */
  get grant(): Grant {
    return this.granted;
  }

  /** Whether `connection` is the one it is attached to. */
  isAttachedTo(connection: Connection): boolean {
    return this.connection === connection;
  }

  /** It was heard from. */
  touch(now: number): void {
    this.seen = now;
  }

  /** Moves it to `connection` (a resume); the connection it had is closed. */
  attach(connection: Connection, now: number): void {
    const previous = this.connection;
    this.connection = connection;
    this.seen = now;
    if (previous && previous !== connection) previous.resumedElsewhere();
  }

  /** Its connection closed; it waits for a resume. */
  detach(connection: Connection): void {
    if (this.connection === connection) this.connection = null;
  }

  /** It left its room: its connection, if any, is no longer logged in. */
  end(): void {
    this.connection = null;
  }

  /** A renewed token. */
  renew(grant: Grant): void {
    this.granted = grant;
    this.warned = false;
  }

  /** Sends room state (users, streams, counts); dropped while reconnecting, as the resume reply carries it. */
  send(message: ServerMessage): void {
    this.connection?.send(message);
  }

  /**
   * Sends a message meant for it (a signal, broadcast or command), or holds it while it is reconnecting.
   *
   * @returns whether it was sent now.
   */
  deliver(message: ServerMessage): boolean {
    if (this.connection) {
      this.connection.send(message);
      return true;
    }
    const size = JSON.stringify(message).length;
    if (this.held.length >= MAX_HELD || this.heldSize + size > MAX_HELD_SIZE) return false;
    this.held.push(message);
    this.heldSize += size;
    return false;
  }

  /** Hands a resumed session what was held for it. */
  deliverHeld(): void {
    const held = this.held;
    this.held = [];
    this.heldSize = 0;
    for (const m of held) this.send(m);
  }

  /** Kicks its connection, if it has one. */
  kick(code: number, msg: string): void {
    this.connection?.kick(code, msg);
  }

  /** Tells it, once per token, that its token is about to expire. */
  warnExpiring(): void {
    if (this.warned) return;
    this.warned = true;
    this.send({ t: 'expiring' });
  }
}
