/**
 * Type-level proof that `MeshEngine` (with `zego-elements/mesh`'s ZEGO surface) can stand in for
 * ZEGO's `ZegoExpressEngine` wherever an app uses the 3.x stream API, the housekeeping calls and the
 * room features. Checked by `tsc --noEmit` in `npm test`.
 */
import type { ZegoExpressEngine } from 'zego-express-engine-webrtc';
import type { MeshEngine } from '../../src/mesh/index.js';

type Used =
  // The 3.x stream API, and everything that takes its streams.
  | 'createZegoStream'
  | 'createRemoteStreamView'
  | 'createLocalStreamView'
  | 'startPublishingStream'
  | 'mutePublishStreamVideo'
  | 'mutePublishStreamAudio'
  | 'useVideoDevice'
  | 'useAudioDevice'
  | 'enableVideoCaptureDevice'
  | 'destroyStream'
  | 'checkVideoTrackIsActive'
  | 'checkAudioTrackIsActive'
  // Housekeeping on every page load.
  | 'getVersion'
  | 'setDebugVerbose'
  | 'setLogConfig'
  // Room features.
  | 'sendBroadcastMessage'
  | 'sendBarrageMessage'
  | 'sendCustomCommand'
  | 'setRoomExtraInfo'
  | 'setStreamExtraInfo'
  | 'muteMicrophone'
  | 'isMicrophoneMuted';

declare const mesh: MeshEngine;
export const asZego: Pick<ZegoExpressEngine, Used> = mesh;
