/**
 * The sweeper's rules: when silence times out (a session's resume window, a connection's time to
 * log in) and when a session's token is about to expire or has expired. `Hub.sweep` applies them.
 */
import type { Session } from './session.js';

/** What a sweep must do about a session: drop it as silent, drop it as expired, or warn it. */
export type SessionDue = 'silent' | 'expired' | 'expiring';

export class Sweeper {
  constructor(private readonly options: { heartbeatTimeout: number; tokenWillExpireSeconds: number }) {}

  /** Whether something last heard from at `lastSeen` has been silent past the heartbeat timeout at `now`. */
  timedOut(lastSeen: number, now: number): boolean {
    return now - lastSeen > this.options.heartbeatTimeout;
  }

  /** What is due for `session` at `now`, if anything. */
  due(session: Session, now: number): SessionDue | undefined {
    if (this.timedOut(session.lastSeen, now)) return 'silent';
    const { expire } = session.grant;
    if (!expire) return undefined;
    const left = expire * 1000 - now;
    if (left <= 0) return 'expired';
    return left <= this.options.tokenWillExpireSeconds * 1000 ? 'expiring' : undefined;
  }
}
