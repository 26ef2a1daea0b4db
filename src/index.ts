/**
 * zego-elements: Web Components for real-time audio/video calls in the ZEGO Express model.
 * Importing the package root registers the elements and exports their classes and the core types.
 */
import './define.js';

export * from './core/index.js';
export { RoomSession, SPEAKING_LEVEL, MAX_MESSAGES } from './core/session.js';
export type {
  RemoteStreamState,
  PublishedStreamState,
  LocalMedia,
  RoomPhase,
  RoomStatus,
  Topic,
  EngineEventCall,
} from './core/session.js';
export { sessionContext } from './core/context.js';
export { SessionController } from './core/controllers/session-controller.js';
export { ZegoRoom } from './components/room/room.js';
export type {
  RoomStateChangeDetail,
  UserUpdateDetail,
  StreamUpdateDetail,
  ErrorDetail,
  TokenRequest,
} from './components/room/room.js';
export { ZegoPreview, type PreviewErrorDetail } from './components/preview/preview.js';
export {
  ZegoRemoteStream,
  type StreamPlayingDetail,
  type StreamErrorDetail,
} from './components/remote-stream/remote-stream.js';
export { ZegoStreamGrid } from './components/stream-grid/stream-grid.js';
export { ZegoCallControls } from './components/call-controls/call-controls.js';
export { ZegoPrejoin, type PrejoinSubmitDetail } from './components/prejoin/prejoin.js';
export { ZegoCall, type CallEndDetail } from './components/call/call.js';
export { ZegoChat, type ChatUnreadDetail } from './components/chat/chat.js';
export { ZegoParticipants } from './components/participants/participants.js';
export {
  msg,
  errorText,
  localeOf,
  loadLocale,
  loadErrorWords,
  setWords,
  type MessageKey,
} from './components/localize.js';
