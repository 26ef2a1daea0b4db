/**
 * The engine contract: the part of ZEGO Express's `ZegoExpressEngine` (npm
 * `zego-express-engine-webrtc`) that the kit calls, with the same method names, argument order,
 * event names and callback arguments. ZEGO's class is assignable to {@link ZegoEngine} as is, and
 * the embedded `MeshEngine` implements it, so the elements run on either.
 *
 * Types only: importing this module has no side effects and touches no DOM.
 */

/** A user in a room. */
export interface ZegoUser {
  userID: string;
  userName?: string;
}

/** A stream in a room, as `roomStreamUpdate` reports it. */
export interface ZegoStreamInfo {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
}

export type ZegoRoomState = 'DISCONNECTED' | 'CONNECTING' | 'CONNECTED';

export type ZegoRoomStateChangedReason =
  | 'LOGINING'
  | 'LOGINED'
  | 'LOGIN_FAILED'
  | 'RECONNECTING'
  | 'RECONNECTED'
  | 'RECONNECT_FAILED'
  | 'KICKOUT'
  | 'LOGOUT'
  | 'LOGOUT_FAILED';

export type ZegoUpdateType = 'ADD' | 'DELETE';
export type ZegoPublishState = 'PUBLISHING' | 'NO_PUBLISH' | 'PUBLISH_REQUESTING';
export type ZegoPlayState = 'PLAYING' | 'NO_PLAY' | 'PLAY_REQUESTING';
export type ZegoDeviceStatus = 'OPEN' | 'MUTE';

/** `stream_delete_reason[].code` carried in a DELETE's `extendedData`. */
export const StreamDeleteReason = {
  STOPPED: 1,
  HEARTBEAT_TIMEOUT: 2,
  REPEATED_LOGIN: 3,
  KICKED: 4,
  DISCONNECTED: 5,
  REMOVED_BY_SERVER: 6,
} as const;

/** Network quality grade: -1 unknown, 0 excellent, 1 good, 2 middle, 3 poor, 4 die. */
export type ZegoQualityGrade = number;

export interface ZegoPublisherState {
  streamID: string;
  state: ZegoPublishState;
  errorCode: number;
  extendedData: string;
}

export interface ZegoPlayerState {
  streamID: string;
  state: ZegoPlayState;
  errorCode: number;
  extendedData: string;
}

/** Quality of a stream you publish, every few seconds (`publishQualityUpdate`), as ZEGO's SDK 3.12 reports it. */
export interface ZegoPublishVideoStats {
  /** kbps, averaged over the players. */
  videoBitrate: number;
  videoFPS: number;
  videoTransferFPS: number;
  frameWidth: number;
  frameHeight: number;
  /** Packets the players lost, in all. */
  videoPacketsLost: number;
  /** 0..1 */
  videoPacketsLostRate: number;
  /** -1 unknown, 0 excellent, 1 good, 2 fair, 3 poor, 4 nothing flows. */
  videoQuality: number;
  /** `VP8`, `H264`, … (empty before it is known). */
  googCodecName: string;
  /** '1' when the track is off or missing. */
  muteState: '0' | '1';
}

export interface ZegoPublishAudioStats {
  audioBitrate: number;
  /** `opus`. */
  audioCodec: string;
  googCodecName: string;
  /** Packets a second. */
  audioFPS: number;
  audioPacketsLost: number;
  audioPacketsLostRate: number;
  audioQuality: number;
  muteState: '0' | '1';
}

export interface ZegoPublishStats {
  video: ZegoPublishVideoStats;
  audio: ZegoPublishAudioStats;
}

/** Quality of a stream you play (`playQualityUpdate`). */
export interface ZegoPlayVideoStats extends ZegoPublishVideoStats {
  videoRenderFPS: number;
  videoFramesDecoded: number;
  videoFramesDropped: number;
  /** ms */
  videoCumulativeDecodeTime: number;
  /** Time the picture froze, ms. */
  videoCumulativeBreakTime: number;
  /** Frozen time over shown time, 0..1. */
  videoCumulativeBreakRate: number;
}

export interface ZegoPlayAudioStats extends ZegoPublishAudioStats {
  /** ms */
  audioJitter: number;
  /** 0..100 */
  audioLevel: number;
  /** Hz */
  audioSamplingRate: number;
  /** Sound played, ms. */
  audioCumulativeDecodeTime: number;
  /** Sound made up to hide gaps (lost or late packets), ms. */
  audioCumulativeBreakTime: number;
  /** 0..1 */
  audioCumulativeBreakRate: number;
}

export interface ZegoPlayStats {
  video: ZegoPlayVideoStats;
  audio: ZegoPlayAudioStats;
  /** Round trip between the two peers, ms. */
  peerToPeerDelay: number | undefined;
  /** Packet loss between the two peers, 0..1. */
  peerToPeerPacketLostRate: number | undefined;
}

export interface ZegoSoundLevelInfo {
  streamID: string;
  /** 0..100 */
  soundLevel: number;
  type: 'push' | 'pull';
}

export interface ZegoDeviceInfo {
  deviceName: string;
  deviceID: string;
}

export interface ZegoDeviceInfos {
  microphones: ZegoDeviceInfo[];
  speakers: ZegoDeviceInfo[];
  cameras: ZegoDeviceInfo[];
}

export interface ZegoBroadcastMessageInfo {
  fromUser: ZegoUser;
  message: string;
  sendTime: number;
  messageID: number;
}

/** A barrage (bullet-screen) message as ZEGO delivers it: like a broadcast, with a string ID. */
export interface ZegoBarrageMessageInfo {
  fromUser: ZegoUser;
  message: string;
  sendTime: number;
  messageID: string;
}

/** A room's extra info as ZEGO reports it (`roomExtraInfoUpdate`). */
export interface ZegoRoomExtraInfo {
  key: string;
  value: string;
  updateUser: ZegoUser;
  updateTime: number;
}

export interface ZegoRoomConfig {
  /** Must be true for `roomUserUpdate` to fire. */
  userUpdate?: boolean;
  maxMemberCount?: number;
}

/** A number (what the browser should aim for) or bounds, as `getUserMedia` takes them. */
export type ZegoConstraint = number | { ideal?: number; min?: number; max?: number; exact?: number };

export interface ZegoCameraConfig {
  audio?: boolean;
  video?: boolean;
  audioInput?: string;
  videoInput?: string;
  /** 1: 320×240 15 fps 300 kbps, 2 (default): 640×480 15 fps 800 kbps, 3: 1280×720 20 fps 1,500 kbps, 4: `width`, `height`, `frameRate`, `bitrate`. */
  videoQuality?: 1 | 2 | 3 | 4;
  facingMode?: 'user' | 'environment';
  width?: ZegoConstraint;
  height?: ZegoConstraint;
  frameRate?: ZegoConstraint;
  /** Most the video may send, kbps (quality 4; presets have their own). */
  bitrate?: number;
  /** Microphone: noise suppression, automatic gain, echo cancellation (each on unless false), 1 or 2 channels. */
  ANS?: boolean;
  AGC?: boolean;
  AEC?: boolean;
  channelCount?: 1 | 2;
}

/** The microphone's processing (ZEGO's "3A"), changed live with `setAudioConfig`; each on unless false. */
export interface ZegoPublishStreamAudioConfig {
  /** Noise suppression. */
  ANS?: boolean;
  /** Automatic gain control. */
  AGC?: boolean;
  /** Echo cancellation. */
  AEC?: boolean;
}

export interface ZegoScreenConfig {
  audio?: boolean;
  videoQuality?: 1 | 2 | 3 | 4;
  width?: ZegoConstraint;
  height?: ZegoConstraint;
  frameRate?: ZegoConstraint;
  bitrate?: number;
}

export interface ZegoCustomSourceConfig {
  source: HTMLMediaElement | MediaStream;
  bitrate?: number;
}

export interface ZegoLocalStreamConfig {
  camera?: ZegoCameraConfig;
  screen?: boolean | ZegoScreenConfig;
  custom?: ZegoCustomSourceConfig;
}

export interface ZegoPublishOption {
  extraInfo?: string;
  videoCodec?: 'VP8' | 'H264' | 'H265';
  roomID?: string;
}

export interface ZegoPlayOption {
  video?: boolean;
  audio?: boolean;
}

export interface ZegoServerResponse {
  errorCode: number;
  extendedData?: string;
}

/** What `sendBroadcastMessage` resolves with: `errorCode` 0 when sent, and the message's ID where the engine tells it. */
export interface ZegoBroadcastMessageResponse extends ZegoServerResponse {
  messageID?: number;
}

/** What `checkSystemRequirements` found wrong, by check (ZEGO spells the param error `extendedDate`). */
export interface ZegoCapabilityErrorInfo {
  webRTC?: { name?: string; message?: string };
  customCapture?: { name?: string; message?: string };
  camera?: { name?: string; message?: string };
  microphone?: { name?: string; message?: string };
  extendedDate?: string;
}

/**
 * `checkSystemRequirements()` answers every check (`webRTC`, `customCapture`, `camera`,
 * `microphone`, `screenSharing`, `videoCodec`) with `errInfo`; with one check type, `{result, errInfo}`.
 */
export interface ZegoCapabilityDetection {
  webRTC?: boolean;
  customCapture?: boolean;
  camera?: boolean;
  microphone?: boolean;
  screenSharing?: boolean;
  videoCodec?: { H264?: boolean; VP8?: boolean; H265?: boolean; VP9?: boolean };
  errInfo: ZegoCapabilityErrorInfo;
  result?: boolean;
}

export type ZegoSystemRequirement =
  'webRTC' | 'customCapture' | 'camera' | 'microphone' | 'screenSharing' | 'H264' | 'VP8' | 'H265';

/** Every engine event the kit listens to, with ZEGO's callback arguments. */
export interface ZegoEngineEvents {
  roomStateUpdate: (roomID: string, state: ZegoRoomState, errorCode: number, extendedData: string) => void;
  roomStateChanged: (
    roomID: string,
    reason: ZegoRoomStateChangedReason,
    errorCode: number,
    extendedData: string,
  ) => void;
  roomUserUpdate: (roomID: string, updateType: ZegoUpdateType, userList: ZegoUser[]) => void;
  roomStreamUpdate: (
    roomID: string,
    updateType: ZegoUpdateType,
    streamList: ZegoStreamInfo[],
    extendedData: string,
  ) => void;
  roomOnlineUserCountUpdate: (roomID: string, count: number) => void;
  publisherStateUpdate: (result: ZegoPublisherState) => void;
  playerStateUpdate: (result: ZegoPlayerState) => void;
  publishQualityUpdate: (streamID: string, stats: ZegoPublishStats) => void;
  playQualityUpdate: (streamID: string, stats: ZegoPlayStats) => void;
  networkQuality: (userID: string, upstreamQuality: ZegoQualityGrade, downstreamQuality: ZegoQualityGrade) => void;
  soundLevelUpdate: (soundLevelList: ZegoSoundLevelInfo[]) => void;
  capturedSoundLevelUpdate: (soundLevel: number) => void;
  remoteCameraStatusUpdate: (streamID: string, status: ZegoDeviceStatus) => void;
  remoteMicStatusUpdate: (streamID: string, status: ZegoDeviceStatus) => void;
  screenSharingEnded: (mediaStream: MediaStream) => void;
  videoDeviceStateChanged: (updateType: ZegoUpdateType, deviceInfo: ZegoDeviceInfo) => void;
  audioDeviceStateChanged: (
    updateType: ZegoUpdateType,
    deviceType: 'Input' | 'Output',
    deviceInfo: ZegoDeviceInfo,
  ) => void;
  deviceError: (errorCode: number, deviceName: string) => void;
  tokenWillExpire: (roomID: string) => void;
  IMRecvBroadcastMessage: (roomID: string, chatData: ZegoBroadcastMessageInfo[]) => void;
  IMRecvBarrageMessage: (roomID: string, messageInfo: ZegoBarrageMessageInfo[]) => void;
  roomExtraInfoUpdate: (roomID: string, roomExtraInfoList: ZegoRoomExtraInfo[]) => void;
  streamExtraInfoUpdate: (
    roomID: string,
    streamList: { streamID: string; user: ZegoUser; extraInfo: string }[],
  ) => void;
  IMRecvCustomCommand: (roomID: string, fromUser: ZegoUser, command: string) => void;
  exceptionUpdate: (streamID: string, eventData: { code: number; message: string }) => void;
}

export type ZegoEngineEventName = keyof ZegoEngineEvents;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * `on(event, cb)` typed as one overload per event. A generic signature over a smaller event map is
 * not satisfied by ZEGO's class (its map is larger); an intersection of per-event signatures is.
 */
export type ZegoOn = UnionToIntersection<
  { [K in ZegoEngineEventName]: (event: K, callBack: ZegoEngineEvents[K]) => boolean }[ZegoEngineEventName]
>;

/**
 * `off(event, cb)`. The kit always passes the callback: ZEGO's `off` without one removes every
 * listener of that event, including other components'.
 */
export type ZegoOff = UnionToIntersection<
  { [K in ZegoEngineEventName]: (event: K, callBack: ZegoEngineEvents[K]) => boolean }[ZegoEngineEventName]
>;

/** ZEGO's log settings (`setLogConfig`). */
export interface ZegoLogConfig {
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'report' | 'disable';
  remoteLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'disable';
  logURL?: string;
  logCount?: number;
  logSize?: number;
}

/**
 * The engine contract. `new ZegoExpressEngine(appID, server)` from `zego-express-engine-webrtc` and
 * `new MeshEngine(appID, server)` both satisfy it.
 */
export interface ZegoEngine {
  loginRoom(roomID: string, token: string, user: ZegoUser, config?: ZegoRoomConfig): Promise<boolean>;
  logoutRoom(roomID?: string): void;
  renewToken(token: string, roomID?: string): boolean;
  destroyEngine(): void;
  /** The SDK's version, e.g. `"3.12.0"` (apps compare it as a string: `< "2.17.0"`). */
  getVersion(): string;
  setDebugVerbose(enable: boolean): void;
  /** False when `logURL` is not a string (ZEGO checks nothing else); throws on null. */
  setLogConfig(config: ZegoLogConfig): boolean;

  on: ZegoOn;
  off: ZegoOff;

  createStream(source?: ZegoLocalStreamConfig): Promise<MediaStream>;
  destroyStream(localStream: MediaStream): void;
  startPublishingStream(streamID: string, localStream: MediaStream, publishOption?: ZegoPublishOption): boolean;
  stopPublishingStream(streamID: string): boolean;
  startPlayingStream(streamID: string, playOption?: ZegoPlayOption): Promise<MediaStream>;
  stopPlayingStream(streamID: string): void;
  mutePlayStreamVideo(streamID: string, mute: boolean): Promise<boolean>;
  /**
   * Which layer of a played stream's video to receive: 0 the small one (half the width and height),
   * 1 the big one, 2 either, as the network allows. On ZEGO's cloud a stream has layers when its
   * publisher sends them (an SVC codec); the mesh engine's publisher sends each player the size it asks for.
   */
  setPlayStreamVideoType(streamID: string, streamType: 0 | 1 | 2): Promise<boolean>;
  mutePlayStreamAudio(streamID: string, mute: boolean): Promise<boolean>;
  mutePublishStreamVideo(localStream: MediaStream, mute: boolean, retain?: boolean): boolean;
  mutePublishStreamAudio(localStream: MediaStream, mute: boolean): boolean;
  enableVideoCaptureDevice(localStream: MediaStream, enable?: boolean): Promise<boolean>;

  enumDevices(): Promise<ZegoDeviceInfos>;
  getCameras(): Promise<ZegoDeviceInfo[]>;
  getMicrophones(): Promise<ZegoDeviceInfo[]>;
  getSpeakers(): Promise<ZegoDeviceInfo[]>;
  useVideoDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse>;
  useAudioDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse>;
  useAudioOutputDevice(media: HTMLMediaElement, deviceID: string): Promise<boolean>;
  /** Turns the microphone's noise suppression, gain control or echo cancellation on or off, live (a switch of microphone keeps it). */
  setAudioConfig(localStream: MediaStream, config: ZegoPublishStreamAudioConfig): Promise<ZegoServerResponse>;

  setSoundLevelDelegate(enable: boolean, interval?: number): void;
  checkSystemRequirements(checkType?: ZegoSystemRequirement): Promise<ZegoCapabilityDetection>;

  sendBroadcastMessage(roomID: string, message: string): Promise<ZegoBroadcastMessageResponse>;
  sendBarrageMessage(roomID: string, message: string): Promise<ZegoServerResponse>;
  /** One key per room (≤ 10 bytes), its value ≤ 100 bytes; the others get `roomExtraInfoUpdate`, and so do later joiners at login. */
  setRoomExtraInfo(roomID: string, key: string, value: string): Promise<ZegoServerResponse>;
  /** For a stream you publish (≤ 1,024 bytes); the others get `streamExtraInfoUpdate`. */
  setStreamExtraInfo(streamID: string, extraInfo: string): Promise<ZegoServerResponse>;
  sendCustomCommand(roomID: string, command: string, toUserIDList: string[]): Promise<ZegoServerResponse>;
}
