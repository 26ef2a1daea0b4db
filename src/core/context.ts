import { createContext } from '@lit/context';
import type { RoomSession } from './session.js';

/** The Lit context key under which `<zego-room>` provides its {@link RoomSession}. */
export const sessionContext = createContext<RoomSession | undefined>(Symbol.for('zego-elements/session'));
