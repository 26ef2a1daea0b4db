/**
 * The engine's side of the wire: one logged-in session with a hub over a {@link Transport}.
 * Requests are typed by message type and answered by the hub's replies; a heartbeat keeps the
 * session and notices a silent link; when the link drops, the session is resumed with back-off
 * and the signals made meanwhile go out after the resume, in order.
 */
import { ZegoError, ZegoErrorCode, errorCodeOf, messageOf } from '../core/errors.js';
import {
  PROTOCOL_VERSION,
  type ClientMessage,
  type LoginReply,
  type ReplyData,
  type Request,
  type ServerMessage,
  type SignalData,
} from '../hub/protocol.js';
import type { Transport } from './transport.js';

/** Messages the hub pushes unasked. */
export type PushMessage = Exclude<ServerMessage, { t: 'reply' } | { t: 'hb' }>;

/** What the client reports to its owner. */
export interface SignallingHandlers {
  /** A message the hub pushed. */
  push(message: PushMessage): void;
  /** The link dropped; resuming. */
  reconnecting(): void;
  /** The session is back: the hub's view of the room now. */
  resumed(reply: LoginReply): void;
  /** The session is gone for good (code: why). The client is closed. */
  lost(code: number): void;
}

export interface SignallingOptions {
  /** How long to keep trying to resume after the link drops, ms; 0: give up at once. */
  reconnectTimeout: number;
}

/** `closed` → `connecting` (login) → `open` ⇄ `reconnecting` → `closed`. */
export type SignallingState = 'closed' | 'connecting' | 'open' | 'reconnecting';

interface Pending {
  resolve(data: object): void;
  reject(err: ZegoError): void;
}

/** Signals kept while reconnecting, at most this many. */
const OUTBOX_LIMIT = 256;
/** The first pause between resume attempts, ms; it doubles up to `MAX_DELAY`. */
const FIRST_DELAY = 250;
const MAX_DELAY = 4000;

export class SignallingClient {
  private _state: SignallingState = 'closed';
  private session = '';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private outbox: { to: string; streamID: string; data: SignalData }[] = [];
  private heartbeatInterval = 5000;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private lastHeard = 0;

  constructor(
    readonly transport: Transport,
    private readonly handlers: SignallingHandlers,
    private readonly options: SignallingOptions,
  ) {}

  get state(): SignallingState {
    return this._state;
  }

  /** Connects and logs in within `timeout` ms (else 1002031). Rejects with a ZEGO error; the client is then closed. */
  async login(request: Request<'login'>, timeout: number): Promise<LoginReply> {
    this._state = 'connecting';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ZegoError(ZegoErrorCode.LOGIN_TIMEOUT, 'login timed out')), timeout);
    });
    try {
      const reply = await Promise.race([this.connectAndLogin(request), late]);
      if (this._state !== 'connecting') throw new ZegoError(ZegoErrorCode.LOGIN_TIMEOUT, 'login was abandoned');
      this.opened(reply);
      return reply;
    } catch (err) {
      if (this._state === 'connecting') this.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connectAndLogin(request: Request<'login'>): Promise<LoginReply> {
    try {
      await this.transport.open({ message: this.onMessage, closed: this.onClosed });
    } catch (err) {
      throw new ZegoError(ZegoErrorCode.NETWORK_BROKEN, messageOf(err));
    }
    return this.request(request);
  }

  /** Sends a request; resolves with the hub's reply, rejects with its error. */
  request<M extends Request>(message: M): Promise<ReplyData[M['t']]> {
    const id = this.nextId++;
    return new Promise<ReplyData[M['t']]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (data: object) => void, reject });
      this.transport.send({ ...message, id } as ClientMessage);
    });
  }

  /** Sends a message that needs no answer, when the link is up. */
  send(message: ClientMessage): void {
    if (this._state === 'open') this.transport.send(message);
  }

  /** Relays negotiation to another user; while reconnecting, keeps it for after the resume. */
  signal(to: string, streamID: string, data: SignalData): void {
    if (this._state === 'reconnecting') {
      if (this.outbox.length < OUTBOX_LIMIT) this.outbox.push({ to, streamID, data });
    } else this.send({ t: 'signal', to, streamID, data });
  }

  /** Logs out: the hub drops the session at once. Resolves when it answered, or after `wait` ms. */
  async logout(wait = 1000): Promise<void> {
    if (this._state !== 'open') return this.close();
    const answered = this.request({ t: 'logout' }).catch(() => undefined);
    this.stopTimers();
    this._state = 'closed';
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([answered, new Promise((done) => (timer = setTimeout(done, wait)))]);
    clearTimeout(timer);
    if (this._state === 'closed') this.close();
  }

  /** Ends the session here (no logout): timers stop, requests fail, the link closes. */
  close(): void {
    this._state = 'closed';
    this.session = '';
    this.outbox = [];
    this.stopTimers();
    for (const p of this.pending.values()) p.reject(new ZegoError(ZegoErrorCode.NOT_LOGGED_IN, 'left the room'));
    this.pending.clear();
    this.transport.close();
  }

  private stopTimers(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    this.heartbeat = this.retry = undefined;
  }

  private opened(reply: LoginReply): void {
    this._state = 'open';
    this.session = reply.session;
    this.heartbeatInterval = reply.heartbeatInterval;
    this.lastHeard = Date.now();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(this.beat, this.heartbeatInterval);
  }

  private readonly beat = (): void => {
    if (this._state !== 'open') return;
    // A hub that stays silent for three beats is gone, even if the socket looks open.
    if (Date.now() - this.lastHeard > this.heartbeatInterval * 3) this.transport.drop();
    else this.transport.send({ t: 'hb' });
  };

  private readonly onMessage = (m: ServerMessage): void => {
    this.lastHeard = Date.now();
    if (m.t === 'hb') return;
    if (m.t !== 'reply') return this.handlers.push(m);
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(new ZegoError(m.code, m.msg));
  };

  private readonly onClosed = (): void => {
    if (this._state !== 'open') {
      // A login or resume on this link will never be answered.
      for (const p of this.pending.values()) p.reject(new ZegoError(ZegoErrorCode.NETWORK_BROKEN, 'connection lost'));
      this.pending.clear();
      return;
    }
    this.stopTimers();
    if (this.options.reconnectTimeout <= 0) return this.giveUp(ZegoErrorCode.NETWORK_BROKEN);
    this._state = 'reconnecting';
    this.handlers.reconnecting();
    const deadline = Date.now() + this.options.reconnectTimeout;
    let delay = FIRST_DELAY;
    const attempt = async (): Promise<void> => {
      if (this._state !== 'reconnecting') return;
      try {
        await this.transport.open({ message: this.onMessage, closed: this.onClosed });
        const reply = await this.request({ t: 'resume', v: PROTOCOL_VERSION, session: this.session });
        if (this._state !== 'reconnecting') return;
        this.opened(reply);
        const outbox = this.outbox;
        this.outbox = [];
        for (const m of outbox) this.signal(m.to, m.streamID, m.data);
        this.handlers.resumed(reply);
      } catch (err) {
        if (this._state !== 'reconnecting') return;
        const code = errorCodeOf(err);
        if (code === ZegoErrorCode.HEARTBEAT_TIMEOUT || Date.now() + delay > deadline)
          return this.giveUp(code ?? ZegoErrorCode.NETWORK_BROKEN);
        this.retry = setTimeout(() => void attempt(), delay);
        delay = Math.min(delay * 2, MAX_DELAY);
      }
    };
    this.retry = setTimeout(() => void attempt(), 0);
  };

  private giveUp(code: number): void {
    this.close();
    this.handlers.lost(code);
  }
}
