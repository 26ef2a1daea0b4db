/**
 * The half of `MeshEngine` that needs no room: its events, and the local side — capturing streams,
 * muting them, switching and re-opening their devices, listing devices. What a room must know when
 * a local stream changes, `MeshEngine` says in {@link LocalMediaEngine.tracksChanged}.
 */
import type {
  ZegoCapabilityDetection,
  ZegoSystemRequirement,
  ZegoDeviceInfo,
  ZegoLogConfig,
  ZegoEngineEventName,
  ZegoEngineEvents,
  ZegoLocalStreamConfig,
  ZegoPublishStreamAudioConfig,
  ZegoServerResponse,
} from '../core/engine.js';
import { LocalDevices, enumDevices, useAudioOutputDevice } from './devices.js';
import { Emitter } from './emitter.js';
import type { LocalStreamHost, MeshLocalStream, ZegoStreamOptions } from './local-stream.js';
import { captureStream } from './media.js';

/** A local stream as apps hand it over: a `MediaStream` (`createStream`) or a `ZegoLocalStream` (`createZegoStream`). */
export type LocalStream = MediaStream | { readonly stream: MediaStream | null };

/** The `MediaStream` of a local stream, if it is one or has one. */
export function mediaOf(s: unknown): MediaStream | undefined {
  const media = s instanceof MediaStream ? s : (s as { stream?: unknown } | null)?.stream;
  return media instanceof MediaStream ? media : undefined;
}

export abstract class LocalMediaEngine {
  protected readonly events = new Emitter();
  protected readonly devices = new LocalDevices((stream) => this.events.emit('screenSharingEnded', stream));

  /** A local stream's tracks changed (muted, switched, turned off or on). */
  protected abstract tracksChanged(stream: MediaStream): void;

  /** A local stream is about to be destroyed: stop using it. */
  protected abstract releasing(stream: MediaStream): void;

  on<K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]): boolean {
    return this.events.on(event, callBack);
  }

  off<K extends ZegoEngineEventName>(event: K, callBack?: ZegoEngineEvents[K]): boolean {
    return this.events.off(event, callBack);
  }

  /** Number of listeners registered, per event or in all. */
  listenerCount(event?: ZegoEngineEventName): number {
    return this.events.count(event);
  }

  mutePublishStreamVideo(localStream: LocalStream, mute: boolean, _retain?: boolean): boolean {
    return this.#mute(localStream, 'video', mute);
  }

  mutePublishStreamAudio(localStream: LocalStream, mute: boolean): boolean {
    return this.#mute(localStream, 'audio', mute);
  }

  #mute(localStream: LocalStream, kind: 'video' | 'audio', mute: boolean): boolean {
    const media = mediaOf(localStream);
    if (!media) return false;
    for (const t of kind === 'video' ? media.getVideoTracks() : media.getAudioTracks()) t.enabled = !mute;
    this.tracksChanged(media);
    return true;
  }

  createStream(source: ZegoLocalStreamConfig = { camera: {} }): Promise<MediaStream> {
    return this.devices.create(source);
  }

  /**
   * ZEGO's 3.x stream API: a `ZegoLocalStream` (`.stream`, `playVideo(element)`, capture by source…),
   * accepted wherever a `MediaStream` is. Its code loads on the first call.
   */
  async createZegoStream(options: ZegoStreamOptions = {}): Promise<MeshLocalStream> {
    const { MeshLocalStream, initialCapture, bitrateOf } = await import('./local-stream.js');
    const config = initialCapture(options);
    const stream = config ? await this.devices.create(config) : null;
    const host: LocalStreamHost = {
      capture: captureStream,
      adopt: (s, bitrate) => this.devices.adopt(s, bitrate),
      changed: (s) => this.tracksChanged(s),
    };
    const local = new MeshLocalStream(host, stream, bitrateOf(options));
    const view = options.view ?? options.captureView;
    if (stream && options.autoPlay && view) local.playVideo(view);
    return local;
  }

  destroyStream(localStream: LocalStream): void {
    const media = mediaOf(localStream);
    if (media) {
      this.releasing(media);
      this.devices.destroy(media);
    }
    (localStream as { detach?: () => void } | null)?.detach?.();
  }

  /** Live local streams made by `createStream` and not yet destroyed. */
  get capturedStreams(): readonly MediaStream[] {
    return [...this.devices.streams];
  }

  async enableVideoCaptureDevice(localStream: LocalStream, enable = true): Promise<boolean> {
    const media = mediaOf(localStream) as MediaStream;
    await this.devices.enableCamera(media, enable);
    this.tracksChanged(media);
    return true;
  }

  useVideoDevice(localStream: LocalStream, deviceID: string): Promise<ZegoServerResponse> {
    return this.#use('video', localStream, deviceID);
  }

  useAudioDevice(localStream: LocalStream, deviceID: string): Promise<ZegoServerResponse> {
    return this.#use('audio', localStream, deviceID);
  }

  /**
   * The microphone's noise suppression (`ANS`), gain control (`AGC`) and echo cancellation (`AEC`),
   * changed live: the microphone is captured again with them and the new track is sent in place
   * of the old one (a later `useAudioDevice` keeps them).
   */
  async setAudioConfig(localStream: LocalStream, config: ZegoPublishStreamAudioConfig): Promise<ZegoServerResponse> {
    const media = mediaOf(localStream) as MediaStream;
    try {
      await this.devices.setAudioConfig(media, config);
    } finally {
      // The microphone was opened again (or could not be): the senders follow either way.
      this.tracksChanged(media);
    }
    return { errorCode: 0 };
  }

  async #use(kind: 'video' | 'audio', localStream: LocalStream, deviceID: string): Promise<ZegoServerResponse> {
    const media = mediaOf(localStream) as MediaStream;
    await this.devices.use(kind, media, deviceID);
    this.tracksChanged(media);
    return { errorCode: 0 };
  }

  // Housekeeping ZEGO apps do on every page load.

  /** The version of ZEGO's Web SDK whose API this engine follows, marked as the mesh engine's. */
  getVersion(): string {
    return MESH_SDK_VERSION;
  }

  /** ZEGO's debug pop-ups: the mesh engine has none (failures come as events and rejections). */
  setDebugVerbose(enable: boolean): void {
    void enable;
  }

  /** Checked as ZEGO checks it (false for a `logURL` that is not a string); the mesh engine keeps no log of its own. */
  setLogConfig(config: ZegoLogConfig): boolean {
    return isLogConfig(config);
  }

  /** A log level on its own (older ZEGO apps call it): checked, nothing else. */
  setLogLevel(level: ZegoLogConfig['logLevel']): boolean {
    return isLogConfig({ logLevel: level });
  }

  /** As `setLogConfig`, before any engine exists. */
  static presetLogConfig(config: ZegoLogConfig): boolean {
    return isLogConfig(config);
  }

  // What the browser has and can do: the same with or without a room.
  readonly useAudioOutputDevice = useAudioOutputDevice;
  readonly enumDevices = enumDevices;
  readonly getCameras = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).cameras;
  readonly getMicrophones = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).microphones;
  readonly getSpeakers = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).speakers;
  /** What this browser can do, all of it or the one check asked, as ZEGO's SDK 3.12 answers (its code loads on the first call). */
  readonly checkSystemRequirements = async (checkType?: ZegoSystemRequirement): Promise<ZegoCapabilityDetection> =>
    (await import('./capabilities.js')).checkSystemRequirements(checkType);
}

/** ZEGO's Web SDK version whose API the mesh engine follows (`"3.12.0-mesh"` ≥ `"2.17.0"` as strings too). */
export const MESH_SDK_VERSION = '3.12.0-mesh';

/**
 * Whether ZEGO's SDK accepts `config`, checked as it checks it (3.12, side by side in a browser
 * test): the config is read (null or undefined throw a TypeError), and a `logURL` must be a string;
 * levels and counts are not checked.
 */
function isLogConfig(config: unknown): boolean {
  const { logURL } = config as ZegoLogConfig;
  return logURL === undefined || typeof logURL === 'string';
}
