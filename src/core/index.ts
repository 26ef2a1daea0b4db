/** Core: the engine contract, its data and event types, and ZEGO's error codes. No DOM at import. */
export type * from './engine.js';
export { StreamDeleteReason } from './engine.js';
export {
  ZegoError,
  ZegoErrorCode,
  errorCodeOf,
  messageOf,
  toErrorInfo,
  type ZegoErrorInfo,
  type ZegoErrorCodeName,
} from './errors.js';
export { streamIDFor } from './stream-ids.js';
export { MAX_MESSAGE_BYTES, utf8Length, type ChatMessage } from './chat.js';
export { detectCapabilities, type Capabilities } from './capabilities.js';
