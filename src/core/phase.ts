/**
 * What the elements need of a session before one exists: `RoomSession` itself loads at join
 * (with the engine), so these live apart from it.
 */
import type { RoomPhase } from './session.js';

/** Sound level above which a stream counts as speaking. */
export const SPEAKING_LEVEL = 10;

/** The phases in which a session is (or is about to be) in the room: media may be captured and sent. */
export function isActive(phase: RoomPhase): boolean {
  return phase === 'idle' || phase === 'connecting' || phase === 'connected' || phase === 'reconnecting';
}
