/**
 * The engine's timed reports: stream quality every `qualityInterval` (ZEGO: 3 s) while in a
 * room, and sound levels while the app asked for them (`setSoundLevelDelegate`).
 */
import type { Emitter } from './emitter.js';
import type { Playback } from './playback.js';
import type { Publication } from './publication.js';
import { LocalLevels, soundLevelOf } from './stats.js';

/** What the monitors read from the engine. */
export interface Monitored {
  publications(): Iterable<Publication>;
  playbacks(): Iterable<Playback>;
  /** Live local streams (for the captured sound level). */
  localStreams(): Iterable<MediaStream>;
  /** Our userID while in a room with the link up. */
  self(): string | undefined;
}

export class Monitors {
  #quality: ReturnType<typeof setInterval> | undefined;
  #sound: ReturnType<typeof setInterval> | undefined;
  readonly #levels = new LocalLevels();

  constructor(
    private readonly engine: Monitored,
    private readonly events: Emitter,
    private readonly qualityInterval: number,
  ) {}

  startQuality(): void {
    clearInterval(this.#quality);
    this.#quality = setInterval(() => void this.measureQuality(), this.qualityInterval);
  }

  stopQuality(): void {
    clearInterval(this.#quality);
    this.#quality = undefined;
  }

  /** Sound levels every `interval` ms (clamped to 500–3000 as ZEGO's), or none. */
  setSound(enable: boolean, interval: number): void {
    clearInterval(this.#sound);
    this.#sound = undefined;
    if (!enable) return this.#levels.close();
    this.#sound = setInterval(() => void this.#measureSound(), Math.min(3000, Math.max(500, interval)));
  }

  close(): void {
    this.stopQuality();
    this.setSound(false, 0);
  }

  private async measureQuality(): Promise<void> {
    let up = -1;
    for (const pub of [...this.engine.publications()]) {
      if (pub.state !== 'PUBLISHING') continue;
      const stats = await pub.meter.publish(pub.stream, pub.connections);
      if (pub.state !== 'PUBLISHING') continue;
      up = Math.max(up, stats.video.videoQuality, stats.audio.audioQuality);
      this.events.emit('publishQualityUpdate', pub.streamID, stats);
    }
    for (const pb of [...this.engine.playbacks()]) {
      if (pb.state !== 'PLAYING') continue;
      const stats = await pb.meter.play(pb.link.pc, pb.remote);
      if (pb.state !== 'PLAYING') continue;
      this.events.emit('playQualityUpdate', pb.streamID, stats);
      this.events.emit('networkQuality', pb.owner, Math.max(stats.video.videoQuality, stats.audio.audioQuality), -1);
    }
    const self = this.engine.self();
    if (self !== undefined) this.events.emit('networkQuality', self, up, -1);
  }

  async #measureSound(): Promise<void> {
    const levels: { streamID: string; soundLevel: number; type: 'push' | 'pull' }[] = [];
    for (const pub of this.engine.publications())
      levels.push({ streamID: pub.streamID, soundLevel: this.#levels.level(pub.stream), type: 'push' });
    for (const pb of [...this.engine.playbacks()]) {
      if (pb.state === 'PLAYING')
        levels.push({ streamID: pb.streamID, soundLevel: await soundLevelOf(pb.link.pc), type: 'pull' });
    }
    const captured = [...this.engine.localStreams()].find((s) =>
      s.getAudioTracks().some((t) => t.readyState === 'live'),
    );
    if (captured) this.events.emit('capturedSoundLevelUpdate', this.#levels.level(captured));
    if (levels.length) this.events.emit('soundLevelUpdate', levels);
  }
}
