/**
 * Raised hands and reactions: small room state every page agrees on, carried on the engine's
 * custom commands (`sendCustomCommand` / `IMRecvCustomCommand`), so it works the same on the mesh
 * engine and on ZEGO's cloud. `<zego-call>` loads it when the call starts; an app with its own
 * buttons gets it with `gesturesOf(session)` (`zego-elements/gestures`).
 *
 * The wire format (JSON text, far below ZEGO's 1,024 bytes a command):
 * - `{"t":"zego-hand","up":true,"at":1764662400000}`: the sender raised their hand at `at` (ms since
 *   1970 on the sender's clock; it orders the hands). Sent to everyone when raised, to newcomers and
 *   to whoever asks while raised, and to everyone again after a reconnection.
 * - `{"t":"zego-hand","up":false}`: the hand is down.
 * - `{"t":"zego-hands"}`: "whose hand is up?" — sent to everyone by a page that starts following the
 *   room (a late joiner) and after a reconnection; each raised hand answers the asker alone.
 * - `{"t":"zego-reaction","emoji":"👍"}`: a reaction, at most {@link MAX_EMOJI} UTF-16 units.
 * Any other command (an app's own) is left alone; malformed ones are ignored.
 *
 * No DOM at import; safe under SSR.
 */
import type { ZegoEngineEventName, ZegoEngineEvents, ZegoUser } from './engine.js';
import { ZegoError } from './errors.js';
import { PARAM_INVALID } from './codes.js';
import { isActive, type RoomSession } from './session.js';

/** The reactions `<zego-call>` offers. */
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉'];
/** How long a reaction stays on screen (ms). */
export const REACTION_MS = 4000;
/**
 * Yours are sent at most this often (ms); quicker ones are dropped. ZEGO allows a room 10 commands
 * a second to many users, shared by everyone in it.
 */
export const REACTION_EVERY_MS = 700;
/** Longest reaction accepted (UTF-16 units: one emoji with its modifiers). */
export const MAX_EMOJI = 16;
/** At most this many reactions of one person on screen at once (more are dropped). */
const MAX_SHOWN = 4;

/** A reaction on screen. */
export interface Reaction {
  /** Unique on this page (keys the floating emoji). */
  id: number;
  user: ZegoUser;
  emoji: string;
}

type Listen = <K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]) => boolean;

type Command =
  | { t: 'zego-hand'; up: boolean; at?: number | undefined }
  | { t: 'zego-hands' }
  | { t: 'zego-reaction'; emoji: string };

/** What a well-formed command of ours says, or undefined (an app's own command, or garbage). */
function parse(command: string): Command | undefined {
  if (!command.includes('"zego-')) return undefined;
  try {
    const m = JSON.parse(command) as Record<string, unknown> | null;
    const { t, up, at, emoji } = m ?? {};
    if (t === 'zego-hand' && typeof up === 'boolean')
      return { t, up, at: typeof at === 'number' && Number.isFinite(at) ? at : undefined };
    if (t === 'zego-hands') return { t };
    if (t === 'zego-reaction' && typeof emoji === 'string' && emoji && emoji.length <= MAX_EMOJI) return { t, emoji };
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

/**
 * The room's raised hands and the reactions on screen, kept in step with the other pages. Changes
 * notify the session's `gestures` topic. It lives as long as the session is in the room: leaving,
 * a failure or a removal clears it.
 */
export class Gestures {
  readonly session: RoomSession;
  /** Raised hands, yours included: userID → when raised (ms since 1970). {@link raised} orders them. */
  readonly hands = new Map<string, number>();
  /** Reactions on screen now, oldest first; each goes after {@link REACTION_MS}. */
  readonly reactions: Reaction[] = [];
  /** Someone else raised their hand (for announcements). */
  onRaise: ((user: ZegoUser) => void) | undefined;

  #offs: (() => void)[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #reactionID = 0;
  #lastReaction = -Infinity;
  #phase: string;
  /** When each asker was last answered. */
  readonly #answered = new Map<string, number>();

  constructor(session: RoomSession) {
    this.session = session;
    this.#phase = session.status.phase;
    const { engine } = session;
    const on = <K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]) => {
      (engine.on as Listen)(event, callBack);
      this.#offs.push(() => (engine.off as Listen)(event, callBack));
    };
    on('IMRecvCustomCommand', (roomID, from, command) => {
      if (roomID === session.roomID) this.#receive(from, command);
    });
    on('roomUserUpdate', (roomID, type, users) => {
      if (roomID !== session.roomID) return;
      if (type === 'ADD') {
        // Newcomers learn that your hand is up (those that start following later ask).
        const at = this.hands.get(session.user.userID);
        if (at)
          this.#quietly(
            { t: 'zego-hand', up: true, at },
            users.map((u) => u.userID),
          );
      } else if (users.some((u) => this.hands.delete(u.userID)) || this.#dropReactions(users)) this.#changed();
    });
    this.#offs.push(
      session.subscribe('state', () => {
        const { phase } = session.status;
        if (!isActive(phase)) return this.dispose();
        if (phase === 'connected' && this.#phase !== 'connected') {
          // Back after a reconnection: hands may have gone down meanwhile (asked again below), and
          // the others may have dropped yours.
          if (this.#phase === 'reconnecting') {
            const mine = this.hands.get(session.user.userID);
            this.hands.clear();
            if (mine) {
              this.hands.set(session.user.userID, mine);
              this.#quietly({ t: 'zego-hand', up: true, at: mine });
            }
            this.#changed();
          }
          this.#ask();
        }
        this.#phase = phase;
      }),
    );
    if (this.#phase === 'connected') this.#ask();
  }

  /** UserIDs of the raised hands, first raised first. */
  get raised(): string[] {
    return [...this.hands].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** Whether your hand is up. */
  get handRaised(): boolean {
    return this.hands.has(this.session.user.userID);
  }

  /**
   * Raises (or with `false` lowers) your hand and tells the room. Shown at once; if the engine
   * refuses, it is undone and the promise rejects with a `ZegoError` (ZEGO's code).
   */
  async raiseHand(up = true): Promise<void> {
    const me = this.session.user.userID;
    const before = this.hands.get(me);
    if (up === (before !== undefined)) return;
    const at = Date.now();
    if (up) this.hands.set(me, at);
    else this.hands.delete(me);
    this.#changed();
    try {
      await this.#send(up ? { t: 'zego-hand', up, at } : { t: 'zego-hand', up });
    } catch (err) {
      if (before === undefined) this.hands.delete(me);
      else this.hands.set(me, before);
      this.#changed();
      throw err;
    }
  }

  /**
   * Sends a reaction to the room and shows it on your own tile. At most one every
   * {@link REACTION_EVERY_MS}: a quicker one is dropped (resolves `false`). Rejects with a
   * `ZegoError` when the engine refuses (then nothing shows).
   */
  async react(emoji: string): Promise<boolean> {
    if (!emoji || emoji.length > MAX_EMOJI) throw new ZegoError(PARAM_INVALID, 'a reaction is one emoji');
    const now = Date.now();
    if (now - this.#lastReaction < REACTION_EVERY_MS) return false;
    this.#lastReaction = now;
    await this.#send({ t: 'zego-reaction', emoji });
    this.#show(this.session.user, emoji);
    return true;
  }

  /** Stops listening and clears everything (the session left the room). Idempotent. */
  dispose(): void {
    for (const off of this.#offs) off();
    this.#offs = [];
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    const had = this.hands.size + this.reactions.length;
    this.hands.clear();
    this.reactions.length = 0;
    if (this.session.gestures === this) delete this.session.gestures;
    if (had) this.#changed();
  }

  /** Asks everyone whose hand is up to say so (on joining, and after a reconnection). */
  #ask(): void {
    this.#quietly({ t: 'zego-hands' });
  }

  /** Sends, and lets a failure pass: the next ask or change will say it again. */
  #quietly(message: object, to?: string[]): void {
    this.#send(message, to).catch(() => undefined);
  }

  /**
   * Sends to `to`, or to everyone else in the room: named one by one (ZEGO's web SDK documents no
   * "everyone" for an empty list); nothing is sent while you are alone.
   */
  async #send(message: object, to = [...this.session.users.keys()]): Promise<void> {
    if (!to.length) return;
    const { errorCode } = await this.session.engine.sendCustomCommand(this.session.roomID, JSON.stringify(message), to);
    if (errorCode) throw new ZegoError(errorCode, 'not sent');
  }

  #receive(from: ZegoUser, command: string): void {
    const m = parse(command);
    if (!m || from.userID === this.session.user.userID) return;
    if (m.t === 'zego-reaction') return this.#show(from, m.emoji);
    if (m.t === 'zego-hands') {
      // Someone asks whose hand is up (at most one answer a second each: a flood stays small).
      const at = this.hands.get(this.session.user.userID);
      const now = Date.now();
      if (at && now - (this.#answered.get(from.userID) ?? -Infinity) >= 1000) {
        this.#answered.set(from.userID, now);
        this.#quietly({ t: 'zego-hand', up: true, at }, [from.userID]);
      }
      return;
    }
    const was = this.hands.has(from.userID);
    if (m.up) this.hands.set(from.userID, m.at ?? Date.now());
    else if (!this.hands.delete(from.userID)) return;
    this.#changed();
    if (m.up && !was) this.onRaise?.(from);
  }

  #show(user: ZegoUser, emoji: string): void {
    if (this.reactions.filter((r) => r.user.userID === user.userID).length >= MAX_SHOWN) return;
    const reaction = { id: ++this.#reactionID, user, emoji };
    this.reactions.push(reaction);
    this.#changed();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const i = this.reactions.indexOf(reaction);
      if (i >= 0) this.reactions.splice(i, 1);
      this.#changed();
    }, REACTION_MS);
    this.#timers.add(timer);
  }

  /** Drops the reactions of people who left; returns whether there were any. */
  #dropReactions(users: ZegoUser[]): boolean {
    const gone = new Set(users.map((u) => u.userID));
    const kept = this.reactions.filter((r) => !gone.has(r.user.userID));
    const dropped = kept.length < this.reactions.length;
    this.reactions.splice(0, this.reactions.length, ...kept);
    return dropped;
  }

  #changed(): void {
    this.session.notify('gestures');
  }
}

/** The session's raised hands and reactions, created (and listening) on first use. */
export function gesturesOf(session: RoomSession): Gestures {
  return (session.gestures ??= new Gestures(session));
}
