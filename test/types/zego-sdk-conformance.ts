/**
 * Type-level proof that ZEGO's real SDK class satisfies the kit's engine contract. Checked by
 * `tsc --noEmit` in `npm test`; never executed (the SDK touches `window` at import).
 */
import type { ZegoExpressEngine } from 'zego-express-engine-webrtc';
import type { ZegoEngine } from '../../src/core/engine.js';

declare const real: ZegoExpressEngine;
export const asContract: ZegoEngine = real;

// Calls through the contract are fully typed: a wrong callback shape must not compile.
asContract.on('roomStreamUpdate', (roomID, type, list, extended) => {
  const ids: string[] = list.map((s) => s.streamID + s.user.userID + roomID + type + extended);
  void ids;
});
// @ts-expect-error roomStreamUpdate's third argument is a list, not a string
asContract.on('roomStreamUpdate', (_roomID: string, _type: string, _list: string) => undefined);
// @ts-expect-error unknown events are rejected
asContract.on('notAnEvent', () => undefined);
