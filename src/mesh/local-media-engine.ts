/**
 * The half of `MeshEngine` that needs no room: its events, and the local side — capturing streams,
 * muting them, switching and re-opening their devices, listing devices. What a room must know when
 * a local stream changes, `MeshEngine` says in {@link LocalMediaEngine.tracksChanged}.
 */
import type {
  ZegoDeviceInfo,
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

  // What the browser has and can do: the same with or without a room.
  readonly useAudioOutputDevice = useAudioOutputDevice;
  readonly enumDevices = enumDevices;
  readonly getCameras = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).cameras;
  readonly getMicrophones = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).microphones;
  readonly getSpeakers = async (): Promise<ZegoDeviceInfo[]> => (await enumDevices()).speakers;
  readonly checkSystemRequirements = checkSystemRequirements;
}
