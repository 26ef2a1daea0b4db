/** The hub: room logic with no I/O, the wire protocol, ID rules and token04. Node and browser. */
export { Hub, type HubOptions, type HubObserver } from './hub.js';
export { HubClient, type HubPeer } from './hub-client.js';
export {
  PROTOCOL_VERSION,
  parseClientMessage,
  isInvalid,
  type ClientMessage,
  type ServerMessage,
  type WireStream,
  type SignalData,
  type LoginReply,
  type BroadcastMessage,
  type Invalid,
} from './protocol.js';
export { ID_LIMITS, checkRoomID, checkStreamID, checkUserID, checkUserName } from './ids.js';
export {
  generateToken04,
  verifyToken04,
  parseToken04Privileges,
  type Token04Plaintext,
  type Token04Privileges,
  type Token04Variant,
  type GenerateToken04Options,
  type VerifyToken04Options,
} from './token04.js';
