/**
 * The rest of ZEGO's `ZegoExpressEngine` 3.12 surface on `MeshEngine`, for apps written against
 * ZEGO's SDK: the stream views (`createRemoteStreamView`, `createLocalStreamView`), the microphone
 * switch, track checks — and every method the mesh engine does not support, answering as a ZEGO
 * engine answers for a module that is not there (1101003), never "is not a function".
 *
 * Installed by importing `zego-elements/mesh` (once, anywhere in the app): `<zego-room>` on its own
 * loads only what the elements call.
 */
import type { ZegoServerResponse } from '../core/engine.js';
import { ZegoError } from '../core/errors.js';
import { mediaOf, type LocalStream } from './local-media-engine.js';
import { MeshEngine } from './mesh-engine.js';
import { MeshStreamView } from './stream-view.js';

/** ZEGO's code for a feature whose module is not loaded; the mesh engine has no such module. */
export const NOT_SUPPORTED = 1101003;
const why = (name: string) => `${name} is not supported on the mesh engine (Module not imported)`;

/** Methods of ZEGO's SDK the mesh engine does not have, by what they return there. */
const UNSUPPORTED = {
  /** `Promise<ZegoServerResponse>`: resolve with `{errorCode: 1101003}`, as a failed call does. */
  response:
    'addPublishCdnUrl removePublishCdnUrl addTrack removeTrack replaceTrack enableAiDenoise setAiDenoiseMode ' +
    'enableBackgroundProcess initBackgroundModule enableLiveAudioEffect enableVirtualStereo setAudioChangerParam ' +
    'setVideoConfig setAudioFrameCallback setCaptureAudioFrameCallback setCaptureVolume ' +
    'setEffectsBeauty setLowlightEnhancement setMixerTaskConfig setReverbPreset setVoiceChangerParam ' +
    'setVoiceChangerPreset startAutoMixerTask stopAutoMixerTask startMixerTask stopMixerTask sendTransparentMessage ' +
    'updatePublishingStream useFrontCamera',
  /** `Promise<boolean>`: resolve with false. */
  no: 'muteAllPlayAudioStreams muteAllPlayVideoStreams setBackgroundBlurOptions setDummyCaptureImagePath setStreamAlignmentProperty setTransparentBackgroundOptions setVirtualBackgroundOptions switchRoom',
  /** Other promises: reject with a ZegoError. */
  reject: 'callExperimentalAPI getElectronScreenSources loadAudioEffect uploadLog',
  /** Synchronous booleans: false. */
  false:
    'enableMultiRoom sendSEI setMixingAudioVolume setRoomScenario startMixingAudio stopMixingAudio unloadAudioEffect',
  /** Synchronous, nothing returned: nothing happens. */
  void: 'destroyCopyrightedMusic destroyRealTimeSequentialDataManager enableAutoSwitchDevice enableDualStream enableHardwareEncoder setEngineConfig setLowStreamParameter setSEIConfig setTurnServer',
  /** Synchronous, an object returned: throw, as ZEGO's SDK throws for a missing module. */
  throw:
    'createAudioEffectPlayer createCopyrightedMusic createRangeAudioInstance createRealTimeSequentialDataManager createStreamCompositor getNetworkTimeInfo',
  /** Quality on demand: null (the mesh engine reports quality through its events). */
  null: 'getPlayingStreamQuality getPublishingStreamQuality',
} as const;

/** The names of every unsupported method, for the compatibility table and its test. */
export const unsupportedMethods = (): string[] => Object.values(UNSUPPORTED).flatMap((names) => names.split(' '));

const answers: Record<keyof typeof UNSUPPORTED, (name: string) => unknown> = {
  response: (name) =>
    Promise.resolve({ errorCode: NOT_SUPPORTED, extendedData: why(name) } satisfies ZegoServerResponse),
  no: () => Promise.resolve(false),
  reject: (name) => Promise.reject(new ZegoError(NOT_SUPPORTED, why(name))),
  false: () => false,
  void: () => undefined,
  throw: (name) => {
    throw new ZegoError(NOT_SUPPORTED, why(name));
  },
  null: () => null,
};

const muted = new WeakMap<MeshEngine, boolean>();

declare module './mesh-engine.js' {
  interface MeshEngine {
    /** ZEGO's `ZegoStreamView` for a stream being played (what `startPlayingStream` resolved with); throws for any other, as ZEGO's SDK does. */
    createRemoteStreamView(remoteStream: MediaStream): MeshStreamView;
    /** A view of a local stream (`play`, `playVideo`, …): its sound plays only if asked. */
    createLocalStreamView(localStream: LocalStream): MeshStreamView;
    /** Silences (true) or unsilences every local stream's microphone. */
    muteMicrophone(mute: boolean): boolean;
    isMicrophoneMuted(): boolean;
    /** Whether the stream has a live, enabled, flowing video (audio) track. */
    checkVideoTrackIsActive(stream: LocalStream): Promise<boolean>;
    checkAudioTrackIsActive(stream: LocalStream): Promise<boolean>;
  }
}

const proto = MeshEngine.prototype as unknown as Record<string, unknown>;
for (const [kind, names] of Object.entries(UNSUPPORTED) as [keyof typeof UNSUPPORTED, string][])
  // What the engine has itself stays its own (a name here by mistake must not hide it).
  for (const name of names.split(' ')) if (!(name in proto)) proto[name] = () => answers[kind](name);

const active = (tracks: MediaStreamTrack[] | undefined) =>
  Promise.resolve(!!tracks?.some((t) => t.readyState === 'live' && t.enabled && !t.muted));

Object.assign(MeshEngine.prototype, {
  createRemoteStreamView(this: MeshEngine, remoteStream: MediaStream): MeshStreamView {
    if (!this.isPlaying(remoteStream)) throw new ZegoError(1100001, 'create viewer failed.');
    return new MeshStreamView(remoteStream);
  },
  createLocalStreamView(this: MeshEngine, localStream: LocalStream): MeshStreamView {
    const media = mediaOf(localStream);
    if (!media) throw new ZegoError(1100001, 'create viewer failed.');
    return new MeshStreamView(media);
  },
  muteMicrophone(this: MeshEngine, mute: boolean): boolean {
    muted.set(this, mute);
    for (const s of this.capturedStreams) this.mutePublishStreamAudio(s, mute);
    return true;
  },
  isMicrophoneMuted(this: MeshEngine): boolean {
    return muted.get(this) ?? false;
  },
  checkVideoTrackIsActive: (stream: LocalStream) => active(mediaOf(stream)?.getVideoTracks()),
  checkAudioTrackIsActive: (stream: LocalStream) => active(mediaOf(stream)?.getAudioTracks()),
});
