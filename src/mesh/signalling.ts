/**
 * The engine's side of the wire: one logged-in session with a hub over a {@link Transport}.
 * Requests are typed by message type and answered by the hub's replies; a heartbeat keeps the
 * session and notices a silent link within two beats. When the link is lost, the reconnect ladder
 * runs, retrying with back-off capped at {@link MAX_DELAY} until `reconnectTimeout`:
 *  1. resume: the same session, if the hub still holds it (the signals made meanwhile go out after
 *     it, in order);
 *  2. rejoin: a fresh login to the same room as the same user, when the hub no longer knows the
 *     session (it restarted, or the session timed out), with a new token if the old one is refused;
 *  3. give up, with the last reason.
 */
import { ZegoError, errorCodeOf, messageOf } from '../core/errors.js';
import {
  HEARTBEAT_TIMEOUT,
  LOGIN_TIMEOUT,
  NETWORK_BROKEN,
  NOT_LOGGED_IN,
  TOKEN_ERROR,
  TOKEN_EXPIRED,
  TOKEN_EXPIRED_ROOM,
} from '../core/codes.js';
import { PROTOCOL_VERSION } from '../hub/ids.js';
import type { ClientMessage, LoginReply, ReplyData, Request, ServerMessage, SignalData } from '../hub/protocol.js';
import type { Transport } from './transport.js';

/** Messages the hub pushes unasked. */
export type PushMessage = Exclude<ServerMessage, { t: 'reply' } | { t: 'hb' }>;

/** What the client reports to its owner. */
export interface SignallingHandlers {
  /** A message the hub pushed. */
  push(message: PushMessage): void;
  /** The link dropped; resuming. */
  reconnecting(): void;
  /** Back in the room: the hub's view of it now. `rejoined`: as a new session (nothing was kept). */
  resumed(reply: LoginReply, rejoined: boolean): void;
  /** The session is gone for good (code: why). The client is closed. */
  lost(code: number): void;
}

export interface SignallingOptions {
  /** How long to keep trying to get back after the link drops, ms; 0: give up at once. */
  reconnectTimeout: number;
  /** A fresh token, for a rejoin the hub refused the old one for; none (undefined): the ladder gives up then. */
  refreshToken?: () => Promise<string | undefined>;
}

/** `closed` → `connecting` (login) → `open` ⇄ `reconnecting` → `closed`. */
export type SignallingState = 'closed' | 'connecting' | 'open' | 'reconnecting';

interface Pending {
  resolve(data: object): void;
  reject(err: ZegoError): void;
}

/** Signals kept while reconnecting, at most this many. */
const OUTBOX_LIMIT = 256;
/** The first pause between attempts to get back, ms; it doubles up to `MAX_DELAY`. */
const FIRST_DELAY = 250;
/** So that the call is back within about this long after the network is. */
const MAX_DELAY = 1500;
/**
 * The link is dead when nothing was heard for this many heartbeat intervals; it is checked this many
 * times an interval, so a silent link is noticed within 1.75 intervals.
 */
const SILENT_BEATS = 1.5;
const CHECKS_PER_BEAT = 4;
/** After an `offline` hint, the hub must answer a heartbeat within this long, ms. */
const PROBE_TIMEOUT = 1000;
/**
 * How long an attempt's connection may take, ms: short at first (on a network that is back, a
 * connection takes milliseconds; one that hangs is better retried), longer after a few that timed
 * out, for slow networks.
 */
const FIRST_CONNECT_TIMEOUT = 2000;
/** Tries at the first connect timeout before it grows. */
const SHORT_TRIES = 4;
const MAX_CONNECT_TIMEOUT = 6000;
/** One attempt to get back (connect, then resume or log in) that takes longer has failed, ms. */
const ATTEMPT_TIMEOUT = 8000;
/** A rejoin refused with one of these needs a new token. */
const TOKEN_REFUSED: readonly number[] = [TOKEN_ERROR, TOKEN_EXPIRED, TOKEN_EXPIRED_ROOM];

/** `promise`, or a rejection with ZEGO's `code` and `msg` if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, code: number, msg: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ZegoError(code, msg)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class SignallingClient {
  #_state: SignallingState = 'closed';
  #session = '';
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #outbox: { to: string; streamID: string; data: SignalData }[] = [];
  #heartbeatInterval = 5000;
  #lastBeat = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #lastHeard = 0;
  /** The login, to log in again the same way when the hub forgot the session. */
  #loginRequest: Request<'login'> | undefined;
  #probing: ReturnType<typeof setTimeout> | undefined;
  /** Try to get back now: set while reconnecting. */
  #attemptNow: (() => void) | undefined;

  constructor(
    readonly transport: Transport,
    private readonly handlers: SignallingHandlers,
    private readonly options: SignallingOptions,
  ) {}

  get state(): SignallingState {
    return this.#_state;
  }

  /** Connects and logs in within `timeout` ms (else 1002031). Rejects with a ZEGO error; the client is then closed. */
  async login(request: Request<'login'>, timeout: number): Promise<LoginReply> {
    this.#_state = 'connecting';
    this.#loginRequest = { ...request };
    try {
      const reply = await within(this.#connectAndLogin(request), timeout, LOGIN_TIMEOUT, 'login timed out');
      if (this.#_state !== 'connecting') throw new ZegoError(LOGIN_TIMEOUT, 'login was abandoned');
      this.#opened(reply);
      return reply;
    } catch (err) {
      if (this.#_state === 'connecting') this.close();
      throw err;
    }
  }

  async #connectAndLogin(request: Request<'login'>): Promise<LoginReply> {
    try {
      await this.transport.open({ message: this.#onMessage, closed: this.#onClosed });
    } catch (err) {
      throw new ZegoError(NETWORK_BROKEN, messageOf(err));
    }
    return this.request(request);
  }

  /** The token a rejoin logs in with (after `renewToken`). */
  set token(token: string) {
    if (this.#loginRequest) this.#loginRequest.token = token;
  }

  /**
   * The browser says it went offline: a hint, not the truth. A heartbeat goes now, and the link is
   * dropped if nothing at all is heard within a second.
   */
  probe(): void {
    if (this.#_state !== 'open') return;
    const asked = Date.now();
    this.transport.send({ t: 'hb' });
    clearTimeout(this.#probing);
    this.#probing = setTimeout(() => {
      if (this.#_state === 'open' && this.#lastHeard < asked) this.transport.drop();
    }, PROBE_TIMEOUT);
  }

  /** While reconnecting, tries at once (say, the browser is online again) instead of after the back-off. */
  retryNow(): void {
    this.#attemptNow?.();
  }

  /** Sends a request; resolves with the hub's reply, rejects with its error. */
  request<M extends Request>(message: M): Promise<ReplyData[M['t']]> {
    const id = this.#nextId++;
    return new Promise<ReplyData[M['t']]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (data: object) => void, reject });
      this.transport.send({ ...message, id } as ClientMessage);
    });
  }

  /** Sends a message that needs no answer, when the link is up. */
  send(message: ClientMessage): void {
    if (this.#_state === 'open') this.transport.send(message);
  }

  /** Relays negotiation to another user; while reconnecting, keeps it for after the resume. */
  signal(to: string, streamID: string, data: SignalData): void {
    if (this.#_state === 'reconnecting') {
      if (this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push({ to, streamID, data });
    } else this.send({ t: 'signal', to, streamID, data });
  }

  /** Logs out: the hub drops the session at once. Resolves when it answered, or after `wait` ms. */
  async logout(wait = 1000): Promise<void> {
    if (this.#_state !== 'open') return this.close();
    const answered = this.request({ t: 'logout' }).catch(() => undefined);
    this.#stopTimers();
    this.#_state = 'closed';
    await within(answered, wait, NETWORK_BROKEN, 'no answer to logout').catch(() => undefined);
    if (this.#_state === 'closed') this.close();
  }

  /** For a closing page: asks the server to end the session by a way that outlives the page, if any. */
  beacon(): void {
    if (this.#session && this.#_state !== 'closed') this.transport.beacon?.(this.#session);
  }

  /** Ends the session here (no logout): timers stop, requests fail, the link closes. */
  close(): void {
    this.#_state = 'closed';
    this.#session = '';
    this.#attemptNow = undefined;
    this.#outbox = [];
    this.#stopTimers();
    this.#failPending('left the room', NOT_LOGGED_IN);
    this.transport.close();
  }

  #failPending(msg: string, code: number = NETWORK_BROKEN): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(new ZegoError(code, msg));
  }

  #stopTimers(): void {
    clearTimeout(this.#probing);
    clearInterval(this.#heartbeat);
    clearTimeout(this.#retry);
    this.#heartbeat = this.#retry = undefined;
  }

  #opened(reply: LoginReply): void {
    this.#_state = 'open';
    this.#session = reply.session;
    this.#heartbeatInterval = reply.heartbeatInterval;
    this.#lastHeard = Date.now();
    clearInterval(this.#heartbeat);
    this.#lastBeat = Date.now();
    this.#heartbeat = setInterval(this.#beat, this.#heartbeatInterval / CHECKS_PER_BEAT);
  }

  /** Runs a few times a heartbeat interval: sends the heartbeat when due, and checks the link. */
  readonly #beat = (): void => {
    if (this.#_state !== 'open') return;
    const now = Date.now();
    // A hub that answers no heartbeat is gone, even if the socket looks open: the ladder starts now.
    if (now - this.#lastHeard > this.#heartbeatInterval * SILENT_BEATS) return this.transport.drop();
    if (now - this.#lastBeat < this.#heartbeatInterval * 0.95) return;
    this.#lastBeat = now;
    this.transport.send({ t: 'hb' });
  };

  readonly #onMessage = (m: ServerMessage): void => {
    this.#lastHeard = Date.now();
    if (m.t === 'hb') return;
    if (m.t !== 'reply') return this.handlers.push(m);
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(new ZegoError(m.code, m.msg));
  };

  readonly #onClosed = (): void => {
    // Nothing sent on this link will be answered now.
    this.#failPending('connection lost');
    if (this.#_state !== 'open') return;
    this.#stopTimers();
    if (this.options.reconnectTimeout <= 0) return this.#giveUp(NETWORK_BROKEN);
    this.#_state = 'reconnecting';
    this.handlers.reconnecting();
    const deadline = Date.now() + this.options.reconnectTimeout;
    let delay = FIRST_DELAY;
    let connectTimeout = FIRST_CONNECT_TIMEOUT;
    let timeouts = 0;
    let busy = false;
    const attempt = async (): Promise<void> => {
      clearTimeout(this.#retry);
      if (this.#_state !== 'reconnecting' || busy) return;
      busy = true;
      try {
        const back = this.#getBack(connectTimeout);
        const { reply, rejoined } = await within(back, ATTEMPT_TIMEOUT, NETWORK_BROKEN, 'no answer');
        if (this.#_state !== 'reconnecting') return;
        this.#opened(reply);
        this.#attemptNow = undefined;
        const outbox = rejoined ? [] : this.#outbox;
        this.#outbox = [];
        for (const m of outbox) this.signal(m.to, m.streamID, m.data);
        this.handlers.resumed(reply, rejoined);
      } catch (err) {
        if (this.#_state !== 'reconnecting') return;
        const code = errorCodeOf(err) ?? NETWORK_BROKEN;
        if (TOKEN_REFUSED.includes(code) || Date.now() + delay > deadline) return this.#giveUp(code);
        // A slow network gets longer to connect, but only once short tries kept failing: while a link
        // is merely silent, each try that hangs delays the recovery by what is left of its time.
        if (messageOf(err).includes('in time') && ++timeouts >= SHORT_TRIES)
          connectTimeout = Math.min(connectTimeout + 1000, MAX_CONNECT_TIMEOUT);
        this.transport.close();
        this.#failPending('connection lost');
        this.#retry = setTimeout(() => void attempt(), delay);
        delay = Math.min(delay * 2, MAX_DELAY);
      } finally {
        busy = false;
      }
    };
    this.#attemptNow = () => {
      delay = FIRST_DELAY;
      void attempt();
    };
    this.#retry = setTimeout(() => void attempt(), 0);
  };

  /** One rung up the ladder: resume the session, or log in afresh if the hub no longer knows it. */
  async #getBack(connectTimeout: number): Promise<{ reply: LoginReply; rejoined: boolean }> {
    await this.transport.open({ message: this.#onMessage, closed: this.#onClosed }, connectTimeout);
    try {
      return {
        reply: await this.request({ t: 'resume', v: PROTOCOL_VERSION, session: this.#session }),
        rejoined: false,
      };
    } catch (err) {
      if (errorCodeOf(err) !== HEARTBEAT_TIMEOUT || !this.#loginRequest) throw err;
    }
    try {
      return { reply: await this.request(this.#loginRequest), rejoined: true };
    } catch (err) {
      const token = TOKEN_REFUSED.includes(errorCodeOf(err) ?? 0) ? await this.options.refreshToken?.() : undefined;
      if (!token) throw err;
      this.token = token;
      return { reply: await this.request(this.#loginRequest), rejoined: true };
    }
  }

  #giveUp(code: number): void {
    this.close();
    this.handlers.lost(code);
  }
}
