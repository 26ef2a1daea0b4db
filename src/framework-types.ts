/**
 * What an app sets on and hears from each element, as types for framework typings
 * (`zego-elements/react`, `zego-elements/vue`). Types only: this module has no runtime code.
 *
 * Kept in step with the elements by the compiler (properties are picked from the classes, events
 * from `HTMLElementEventMap`) and by a test that compares it with `custom-elements.json`.
 */
import type { ZegoRoom } from './components/room/room.js';
import type { ZegoPreview } from './components/preview/preview.js';
import type {
  StreamErrorDetail,
  StreamPlayingDetail,
  ZegoRemoteStream,
} from './components/remote-stream/remote-stream.js';
import type { ZegoStreamGrid } from './components/stream-grid/stream-grid.js';
import type { ZegoCallControls } from './components/call-controls/call-controls.js';
import type { PrejoinSubmitDetail, ZegoPrejoin } from './components/prejoin/prejoin.js';
import type { CallEndDetail, ZegoCall } from './components/call/call.js';
import type { ZegoChat } from './components/chat/chat.js';
import type { ZegoParticipants } from './components/participants/participants.js';

/** Each tag and its class. */
export interface ZegoElementTags {
  'zego-room': ZegoRoom;
  'zego-preview': ZegoPreview;
  'zego-remote-stream': ZegoRemoteStream;
  'zego-stream-grid': ZegoStreamGrid;
  'zego-call-controls': ZegoCallControls;
  'zego-prejoin': ZegoPrejoin;
  'zego-call': ZegoCall;
  'zego-chat': ZegoChat;
  'zego-participants': ZegoParticipants;
}

export type ZegoTagName = keyof ZegoElementTags;

/**
 * The properties an app may set, camelCase as on the element (React 19 and Vue set a prop as a DOM
 * property when the element has it).
 */
export interface ZegoElementProperties {
  'zego-room': Pick<
    ZegoRoom,
    | 'roomId'
    | 'userId'
    | 'userName'
    | 'token'
    | 'server'
    | 'appId'
    | 'iceServers'
    | 'provider'
    | 'engine'
    | 'loginTimeout'
    | 'tokenProvider'
    | 'camera'
    | 'microphone'
    | 'cameraDevice'
    | 'microphoneDevice'
    | 'speakerDevice'
  >;
  'zego-preview': Pick<
    ZegoPreview,
    'publish' | 'streamId' | 'camera' | 'microphone' | 'noMirror' | 'videoQuality' | 'session'
  >;
  'zego-remote-stream': Pick<ZegoRemoteStream, 'streamId' | 'fit' | 'session'>;
  'zego-stream-grid': Pick<
    ZegoStreamGrid,
    'layout' | 'pageSize' | 'pinned' | 'noPreview' | 'noPublish' | 'noPresentation' | 'fit' | 'session'
  >;
  'zego-call-controls': Pick<ZegoCallControls, 'noScreen' | 'noDevices' | 'session'>;
  'zego-prejoin': Pick<
    ZegoPrejoin,
    'userName' | 'camera' | 'microphone' | 'cameraDevice' | 'microphoneDevice' | 'speakerDevice'
  >;
  'zego-call': Pick<
    ZegoCall,
    | 'roomId'
    | 'userId'
    | 'userName'
    | 'token'
    | 'server'
    | 'appId'
    | 'provider'
    | 'engine'
    | 'tokenProvider'
    | 'prejoin'
    | 'camera'
    | 'microphone'
    | 'layout'
    | 'showChat'
    | 'showParticipants'
    | 'showScreenShare'
    | 'language'
    | 'shortcuts'
    | 'pushToTalk'
    | 'shortcutKeys'
  >;
  /** `unread` is the element's to set; it is listed so a framework can read it back. */
  'zego-chat': Pick<ZegoChat, 'open' | 'unread' | 'session'>;
  'zego-participants': Pick<ZegoParticipants, 'searchThreshold' | 'session'>;
}

/**
 * The attributes whose names differ from their property's (kebab-case), as written in HTML or
 * rendered on a server. Values become attribute strings; `true` sets a boolean attribute, `false`
 * (React) removes it.
 */
export interface ZegoElementAttributes {
  'zego-room': {
    'room-id': string;
    'user-id': string;
    'user-name': string;
    'app-id': number | string;
    'ice-servers': string;
    'login-timeout': number | string;
    'camera-device': string;
    'microphone-device': string;
    'speaker-device': string;
  };
  'zego-preview': {
    'stream-id': string;
    'no-mirror': boolean;
    'video-quality': 1 | 2 | 3 | 4 | '1' | '2' | '3' | '4';
  };
  'zego-remote-stream': {
    'stream-id': string;
  };
  'zego-stream-grid': {
    'page-size': number | string;
    'no-preview': boolean;
    'no-publish': boolean;
    'no-presentation': boolean;
  };
  'zego-call-controls': {
    'no-screen': boolean;
    'no-devices': boolean;
  };
  'zego-prejoin': {
    'user-name': string;
    'camera-device': string;
    'microphone-device': string;
    'speaker-device': string;
  };
  'zego-call': {
    'room-id': string;
    'user-id': string;
    'user-name': string;
    'app-id': number | string;
    'show-chat': boolean | 'false' | 'true' | 'off';
    'show-participants': boolean | 'false' | 'true' | 'off';
    'show-screen-share': boolean | 'false' | 'true' | 'off';
    'push-to-talk': boolean;
  };
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- its attributes are named as its properties
  'zego-chat': {};
  'zego-participants': {
    'search-threshold': number | string;
  };
}

export type { CallEndDetail, PrejoinSubmitDetail, StreamErrorDetail, StreamPlayingDetail };

/** The events each element fires itself (they bubble and are composed, so ancestors hear them too). */
export interface ZegoElementEvents {
  'zego-room': Pick<
    HTMLElementEventMap,
    | 'zego-room-state-change'
    | 'zego-user-update'
    | 'zego-stream-update'
    | 'zego-publisher-state-change'
    | 'zego-player-state-change'
    | 'zego-error'
  >;
  'zego-preview': Pick<HTMLElementEventMap, 'zego-preview-ready' | 'zego-preview-error' | 'zego-error'>;
  'zego-remote-stream': {
    'zego-stream-playing': CustomEvent<StreamPlayingDetail>;
    'zego-stream-error': CustomEvent<StreamErrorDetail>;
    'zego-error': HTMLElementEventMap['zego-error'];
  };
  'zego-stream-grid': Pick<HTMLElementEventMap, 'zego-pin-change'>;
  'zego-call-controls': Pick<HTMLElementEventMap, 'zego-leave-request' | 'zego-controls-error'>;
  'zego-prejoin': Pick<HTMLElementEventMap, 'zego-prejoin-submit'>;
  'zego-call': Pick<HTMLElementEventMap, 'zego-call-end' | 'zego-room-state-change' | 'zego-error'>;
  'zego-chat': Pick<HTMLElementEventMap, 'zego-chat-unread' | 'zego-chat-error'>;
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the list fires no events of its own
  'zego-participants': {};
}
