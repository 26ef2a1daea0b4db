/**
 * The half of `MeshEngine` that needs no room: its events, and the local side — capturing streams,
 * muting them, switching and re-opening their devices, listing devices. What a room must know when
 * a local stream changes, `MeshEngine` says in {@link LocalMediaEngine.tracksChanged}.
 */
import type {
  ZegoDeviceInfo,
  ZegoLogConfig,
  ZegoEngineEventName,
  ZegoEngineEvents,
  ZegoLocalStreamConfig,
  ZegoServerResponse,
} from '../core/engine.js';
import { LocalDevices, checkSystemRequirements, enumDevices, useAudioOutputDevice } from './devices.js';
import { Emitter } from './emitter.js';

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

  mutePublishStreamVideo(localStream: MediaStream, mute: boolean, _retain?: boolean): boolean {
    if (!(localStream instanceof MediaStream)) return false;
    for (const t of localStream.getVideoTracks()) t.enabled = !mute;
    this.tracksChanged(localStream);
    return true;
  }

  mutePublishStreamAudio(localStream: MediaStream, mute: boolean): boolean {
    if (!(localStream instanceof MediaStream)) return false;
    for (const t of localStream.getAudioTracks()) t.enabled = !mute;
    this.tracksChanged(localStream);
    return true;
  }

  createStream(source: ZegoLocalStreamConfig = { camera: {} }): Promise<MediaStream> {
    return this.devices.create(source);
  }

  destroyStream(localStream: MediaStream): void {
    if (!(localStream instanceof MediaStream)) return;
    this.releasing(localStream);
    this.devices.destroy(localStream);
  }

  /** Live local streams made by `createStream` and not yet destroyed. */
  get capturedStreams(): readonly MediaStream[] {
    return [...this.devices.streams];
  }

  async enableVideoCaptureDevice(localStream: MediaStream, enable = true): Promise<boolean> {
    await this.devices.enableCamera(localStream, enable);
    this.tracksChanged(localStream);
    return true;
  }

  async useVideoDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse> {
    await this.devices.use('video', localStream, deviceID);
    this.tracksChanged(localStream);
    return { errorCode: 0 };
  }

  async useAudioDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse> {
    await this.devices.use('audio', localStream, deviceID);
    this.tracksChanged(localStream);
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
  readonly checkSystemRequirements = checkSystemRequirements;
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
