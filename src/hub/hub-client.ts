/**
 * One connection to the hub: it checks each inbound frame (size, rate, shape), dispatches it to
 * the hub, its room or its session, and answers with a reply or a ZEGO error code.
 */
import { ZegoError, errorCodeOf } from '../core/errors.js';
import {
  ALREADY_IN_ROOM,
  MESSAGE_TOO_LONG,
  NETWORK_BROKEN,
  NOT_LOGGED_IN,
  PARAM_INVALID,
  RATE_LIMITED,
} from '../core/codes.js';
import {
  PROTOCOL_VERSION,
  isInvalid,
  parseClientMessage,
  type ClientMessage,
  type IceServer,
  type LoginReply,
  type ServerMessage,
} from './protocol.js';
import { byteLength } from './ids.js';
import { checkPublish } from './auth.js';
import type { Connection, Session } from './session.js';
import type { Hub, HubObserver } from './hub.js';

/** Where the hub sends one connection's messages. */
export interface HubPeer {
  send(message: ServerMessage): void;
  /** Ends the connection (the hub has already said why). */
  close(code: number, reason: string): void;
}

const alreadyInRoom = (): ZegoError => new ZegoError(ALREADY_IN_ROOM, 'already logged in to a room');

/** One connection to the hub. */
export class HubClient implements Connection {
  /** The session it logged in to or resumed; its own while attached to it. */
  private current: Session | null = null;
  private seen: number;
  private closed = false;
  private tokens: number;
  private refill: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: Hub,
    private readonly peer: HubPeer,
  ) {
    this.seen = hub.options.now();
    this.tokens = hub.options.maxMessagesPerSecond * 2;
    this.refill = this.seen;
  }

  /** @internal Its session, while it is logged in. */
  get session(): Session | null {
    return this.current?.isAttachedTo(this) ? this.current : null;
  }

  /** @internal When it last sent a frame, ms. */
  get lastSeen(): number {
    return this.seen;
  }

  /** Handles one inbound frame. Never throws: every problem becomes an error reply. */
  receive(raw: string): void {
    if (this.closed) return;
    const max = this.hub.options.maxMessageBytes;
    // The limit is in UTF-8 bytes; a UTF-16 code unit is at most 3 of them.
    const arrived = performance.now();
    if (raw.length > max || (raw.length * 3 > max && byteLength(raw) > max)) {
      this.observe((o) => o.received?.('rejected'));
      this.send({ t: 'error', code: MESSAGE_TOO_LONG, msg: `message is larger than ${max} bytes` });
      return;
    }
    if (!this.allow()) {
      this.observe((o) => o.received?.('rejected'));
      this.send({ t: 'error', code: RATE_LIMITED, msg: 'too many messages; slow down' });
      return;
    }
    // Requests are handled in order, even those that wait for token verification.
    this.chain = this.chain.then(() => this.handle(raw, arrived)).catch(() => undefined);
  }

  /** The connection closed. Without a logout the session stays until the heartbeat timeout. */
  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    this.current?.detach(this);
    this.current = null;
    this.hub.forget(this);
  }

  /** @internal */
  send(message: ServerMessage): void {
    if (!this.closed) this.peer.send(message);
  }

  /** @internal Sends the reason, then closes. */
  kick(code: number, msg: string): void {
    if (this.closed) return;
    this.send({ t: 'kicked', code, msg });
    this.peer.close(4000, msg);
    this.disconnect();
  }

  /** @internal The server is going away: the connection closes with 1012 and no kick, so the client comes back. */
  goAway(): void {
    if (this.closed) return;
    this.peer.close(1012, 'the server is restarting');
    this.disconnect();
  }

  /** @internal The session moved to another connection. */
  resumedElsewhere(): void {
    this.peer.close(4001, 'session resumed elsewhere');
    this.disconnect();
  }

  /** Tells the hub's observer, if any; its throws are ignored. */
  private observe(tell: (observer: HubObserver) => void): void {
    const observer = this.hub.options.observer;
    if (!observer) return;
    try {
      tell(observer);
    } catch {
      // An observer's bug must not break the connection.
    }
  }

  private allow(): boolean {
    const now = this.hub.options.now();
    const rate = this.hub.options.maxMessagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.refill) / 1000) * rate);
    this.refill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async handle(raw: string, arrived: number): Promise<void> {
    if (this.closed) return;
    const m = parseClientMessage(raw);
    this.observe((o) => o.received?.(isInvalid(m) ? 'invalid' : m.t));
    this.seen = this.hub.options.now();
    this.session?.touch(this.seen);
    if (isInvalid(m)) {
      if (m.id === undefined) this.send({ t: 'error', code: m.code, msg: m.msg });
      else this.send({ t: 'reply', id: m.id, ok: false, code: m.code, msg: m.msg });
      return;
    }
    if (m.t === 'hb') {
      this.send({ t: 'hb' });
      return;
    }
    try {
      const data = await this.dispatch(m, arrived);
      if (m.id !== undefined) this.send({ t: 'reply', id: m.id, ok: true, ...data });
      // A resume gets what was held for it; a login, the room's chat so far (a resume had it already).
      if (m.t === 'resume') this.session?.deliverHeld();
      if (m.t === 'login') {
        for (const message of this.session?.room.history ?? []) this.send(message);
        // And the room's extra info, as ZEGO tells joiners.
        const info = this.session?.room.extraInfo ?? [];
        if (info.length) this.send({ t: 'roomExtra', info });
      }
    } catch (err) {
      const code = errorCodeOf(err) ?? PARAM_INVALID;
      const msg = err instanceof ZegoError ? err.msg : 'request failed';
      if (m.id !== undefined) this.send({ t: 'reply', id: m.id, ok: false, code, msg });
      else this.send({ t: 'error', code, msg });
    }
  }

  private async dispatch(
    m: Exclude<ClientMessage, { t: 'hb' }>,
    arrived: number,
  ): Promise<Record<string, unknown> | undefined> {
    if (m.t === 'login') return { ...(await this.login(m)), v: PROTOCOL_VERSION };
    if (m.t === 'resume') return { ...this.resume(m.session), v: PROTOCOL_VERSION };
    const session = this.session;
    if (!session) throw new ZegoError(NOT_LOGGED_IN, 'log in to a room first');
    const room = session.room;
    switch (m.t) {
      case 'logout':
        this.hub.leave(session);
        return undefined;
      case 'publish':
        checkPublish(session.grant, m.streamID);
        room.publish(session, m);
        return undefined;
      case 'unpublish':
        room.unpublish(session, m.streamID);
        return undefined;
      case 'media':
        room.media(session, m.streamID, m.camera, m.mic);
        return undefined;
      case 'signal':
        if (room.signal(session, m.to, m.streamID, m.data))
          this.observe((o) => o.signalRelayed?.(performance.now() - arrived));
        return undefined;
      case 'ice':
        return { iceServers: [], ...this.ice(session) };
      case 'renew': {
        const grant = await this.hub.auth.grant(m.token, session.user.userID, room.id);
        if (!grant.expire) return {};
        session.renew(grant);
        return { expire: grant.expire };
      }
      case 'broadcast': {
        const messageID = this.hub.nextMessageID();
        const sendTime = this.hub.options.now();
        room.broadcast(session, { t: 'broadcast', from: session.user, message: m.message, sendTime, messageID });
        return { messageID };
      }
      case 'barrage': {
        // ZEGO's barrage IDs are strings; no history is kept (ZEGO keeps none either).
        const messageID = String(this.hub.nextMessageID());
        const sendTime = this.hub.options.now();
        room.barrage(session, { t: 'barrage', from: session.user, message: m.message, sendTime, messageID });
        return { messageID };
      }
      case 'roomExtra':
        room.setExtraInfo(session, m.key, m.value, this.hub.options.now());
        return {};
      case 'streamExtra':
        room.setStreamExtraInfo(session, m.streamID, m.extraInfo);
        return {};
      case 'command':
        room.command(session, m.command, m.to);
        return undefined;
    }
  }

  private async login(m: Extract<ClientMessage, { t: 'login' }>): Promise<LoginReply> {
    if (this.session) throw alreadyInRoom();
    const grant = await this.hub.auth.grant(m.token, m.user.userID, m.roomID);
    // The connection may have closed while the token was being verified: no session for it.
    if (this.closed) throw new ZegoError(NETWORK_BROKEN, 'the connection closed during login');
    if (this.session) throw alreadyInRoom();
    this.current = this.hub.admit(this, m, grant);
    const { user } = this.current;
    this.observe((o) => o.loggedIn?.(user, m.roomID));
    return this.reply(this.current);
  }

  private resume(sessionID: string): LoginReply {
    const session = this.hub.resumable(sessionID);
    if (this.session) throw alreadyInRoom();
    session.attach(this, this.hub.options.now());
    this.current = session;
    return this.reply(session);
  }

  private reply(session: Session): LoginReply {
    const reply: LoginReply = {
      session: session.id,
      ...session.room.view(session),
      heartbeatInterval: this.hub.options.heartbeatInterval,
    };
    if (session.grant.expire) reply.expire = session.grant.expire;
    return { ...reply, ...this.ice(session) };
  }

  /** STUN/TURN servers for the session's user, fresh credentials included (none unless configured). */
  private ice(session: Session): { iceServers?: IceServer[]; iceTTL?: number } {
    const ice = this.hub.options.iceServers?.(session.user.userID);
    return ice ? { iceServers: ice.iceServers, ...(ice.ttl ? { iceTTL: ice.ttl } : {}) } : {};
  }
}
