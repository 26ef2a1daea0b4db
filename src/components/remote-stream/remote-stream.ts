import { html, css, type PropertyValues, type PropertyDeclarations } from 'lit';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession } from '../../core/session.js';
import { SPEAKING_LEVEL } from '../../core/phase.js';
import { errorCodeOf, messageOf, type ZegoErrorInfo } from '../../core/errors.js';
import { DEVICE_NOT_READABLE, PLAY_STREAM_NOT_FOUND, STREAM_NOT_FOUND } from '../../core/codes.js';
import { streamIDFor } from '../../core/stream-ids.js';
import { errorText, initials, msg, type MessageKey } from '../localize.js';
import { ZegoElement } from '../zego-element.js';
import { icons, signalBars } from '../icons.js';
import { tileStyles, tokens } from '../shared.styles.js';

export interface StreamPlayingDetail {
  streamID: string;
  stream: MediaStream;
}
export interface StreamErrorDetail extends ZegoErrorInfo {
  streamID: string;
}

/**
 * One remote stream: plays it while it exists in the room, stops on DELETE, and switches cleanly
 * when `stream-id` changes (the old video goes away at once; the new one shows when it plays). Shows
 * the publisher's name, microphone and camera state, a speaking outline and network quality.
 *
 * @summary Plays one remote stream of the room.
 *
 * @tagname zego-remote-stream
 *
 * @event {CustomEvent<StreamPlayingDetail>} zego-stream-playing - The stream started playing here.
 * @event {CustomEvent<StreamErrorDetail>} zego-stream-error - Playing failed (code is ZEGO's).
 * @event {CustomEvent<{code: number; msg: string}>} zego-error - Playing failed for a reason other than the stream leaving the room, or the sound could not be moved to the chosen speaker (1103065).
 *
 * @slot actions - Buttons over the tile, top right (`<zego-stream-grid>` puts Pin and Full screen there).
 *
 * @csspart base - The tile.
 * @csspart video - The `<video>` playing the stream.
 * @csspart avatar - Initials while the camera is off or before video arrives.
 * @csspart label - Name, microphone state and network quality.
 * @csspart quality - The network quality bars.
 * @csspart muted - The badge shown while the microphone is off.
 * @csspart state - Why there is no video, in words: "Camera off" (turned off, or none to capture).
 * @csspart message - Why the stream cannot play, in words.
 * @csspart unmute - Button shown when the browser blocked sound until a click.
 *
 * @cssproperty --zego-tile-radius - Corner radius of the tile.
 * @cssproperty --zego-tile-background - Tile background behind video and avatar.
 * @cssproperty --zego-tile-aspect-ratio - Aspect ratio of the tile (default 4 / 3).
 * @cssproperty --zego-avatar-background - Background of the initials avatar.
 * @cssproperty --zego-speaking-color - Outline colour while this participant speaks.
 */
export class ZegoRemoteStream extends ZegoElement {
  static override properties: PropertyDeclarations = {
    streamId: { attribute: 'stream-id', reflect: true },
    fit: { reflect: true },
    media: { state: true },
    blocked: { state: true },
    failure: { state: true },
  };
  static override styles = [
    tokens,
    tileStyles,
    css`
      :host([fit='contain']) {
        --_fit: contain;
      }
      [part~='unmute'] {
        position: absolute;
        top: 8px;
        right: 8px;
        font: inherit;
        font-size: 13px;
        padding: 6px 10px;
        border: 0;
        border-radius: 6px;
        color: #fff;
        background: var(--_accent);
        cursor: pointer;
      }
      [part~='unmute']:focus-visible {
        box-shadow: var(--_focus);
        outline: none;
      }
      [part~='quality'] {
        display: inline-flex;
      }
    `,
  ];

  /** The stream to play. */
  streamId = '';
  /** `cover` (default: fill the tile, cropping) or `contain` (show all, letterboxed). */
  fit: 'cover' | 'contain' = 'cover';

  /**
   * The media being shown, once playing.
   * @readonly
   */
  media: MediaStream | undefined = undefined;
  private blocked = false;
  private failure: ZegoErrorInfo | undefined = undefined;
  get #video(): HTMLVideoElement | null | undefined {
    return this.renderRoot?.querySelector('video');
  }

  readonly #ctl = new SessionController(
    this,
    () => [`stream:${this.streamId}`, 'local', 'state'],
    () => this.#sync(),
  );
  /** What we hold: the session and stream we acquired a playback of. */
  #held: { session: RoomSession; streamID: string } | undefined;
  #sinkApplied = '';
  /** The tile is on screen (not on another page, scrolled away or `display: none`). */
  #onScreen = false;
  #io: IntersectionObserver | undefined;
  /** How wide the tile shows the video, in device pixels (a thumbnail is received small). */
  #width = Infinity;
  #ro: ResizeObserver | undefined;

  protected override removed(): void {
    this.#drop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#sync();
    // Video that nobody sees is not received (the sound goes on): off screen, or the tab hidden.
    (this.#io ??= new IntersectionObserver((entries) => {
      this.#onScreen = !!entries.at(-1)?.isIntersecting;
      this.#view();
    })).observe(this);
    (this.#ro ??= new ResizeObserver((entries) => {
      const width = Math.round((entries.at(-1)?.contentRect.width ?? 0) * devicePixelRatio);
      if (!width || width === this.#width) return;
      this.#width = width;
      this.#view();
    })).observe(this);
    document.addEventListener('visibilitychange', this.#view);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#io?.disconnect();
    this.#ro?.disconnect();
    document.removeEventListener('visibilitychange', this.#view);
  }

  /** Tells the session whether this tile shows its stream's video now, and how wide. */
  readonly #view = (): void => {
    const held = this.#held;
    if (held && this.media) held.session.view(held.streamID, this, this.#onScreen && !document.hidden, this.#width);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('streamId') || changed.has('session')) {
      this.#ctl.refresh();
      this.#sync();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const video = this.#video;
    if (!video) return;
    if (video.srcObject !== (this.media ?? null)) {
      video.srcObject = this.media ?? null;
      if (this.media) this.#startVideo(video);
    }
    const sink = this.#ctl.session?.local.speakerDevice ?? '';
    if (this.media && sink !== this.#sinkApplied) {
      this.#sinkApplied = sink;
      this.#ctl.session?.engine.useAudioOutputDevice(video, sink).catch((err: unknown) => {
        // The sound stays where it was; the app hears why (the controls check a speaker before using it).
        if (this.#video === video)
          this.emit('zego-error', { code: DEVICE_NOT_READABLE, msg: `speaker: ${messageOf(err)}` });
      });
    }
  }

  #startVideo(video: HTMLVideoElement): void {
    video.muted = false;
    video.play().catch((err: { name?: string }) => {
      if (err?.name !== 'NotAllowedError' || video.srcObject !== this.media) return;
      // Autoplay with sound was blocked: play muted and offer a click to hear.
      video.muted = true;
      this.blocked = true;
      void video.play().catch(() => undefined);
    });
  }

  readonly #unmute = (): void => {
    const video = this.#video;
    if (!video) return;
    video.muted = false;
    void video.play().then(
      () => (this.blocked = false),
      () => (video.muted = true),
    );
  };

  /** Plays what should play, stops what should not. */
  #sync(): void {
    const session = this.isConnected ? this.#ctl.session : undefined;
    const streamID = this.streamId;
    const exists = !!session?.streams.has(streamID);
    const held = this.#held;
    if (held && (held.session !== session || held.streamID !== streamID || !exists)) this.#drop();
    if (session && exists && !this.#held) {
      const hold = { session, streamID };
      this.#held = hold;
      this.failure = undefined;
      session.acquire(streamID).then(
        (media) => {
          if (this.#held !== hold) return;
          this.media = media;
          this.#view();
          this.emit('zego-stream-playing', { streamID, stream: media });
        },
        (err: unknown) => {
          if (this.#held !== hold) return;
          this.#held = undefined;
          const code = errorCodeOf(err) ?? 0;
          this.failure = { code, msg: errorText(this, code) };
          this.emit('zego-stream-error', { streamID, ...this.failure });
          // A stream that left the room meanwhile is no failure to report to the app.
          if (code && code !== PLAY_STREAM_NOT_FOUND && code !== STREAM_NOT_FOUND)
            this.emit('zego-error', this.failure);
        },
      );
    }
    this.requestUpdate();
  }

  /** Releases the playback and clears the video at once (no frame of the old stream stays). */
  #drop(): void {
    const held = this.#held;
    this.#held = undefined;
    this.media = undefined;
    this.blocked = false;
    this.#sinkApplied = '';
    if (this.#video) this.#video.srcObject = null;
    if (held) {
      held.session.view(held.streamID, this, false);
      held.session.release(held.streamID);
    }
  }

  protected override render() {
    const info = this.#ctl.session?.streams.get(this.streamId);
    const who = info ? info.user.userName || info.user.userID : this.streamId;
    // A screen share (`streamIDFor(user, 'screen')`) is labelled as such, without a microphone.
    const screen = !!info && this.streamId === streamIDFor(info.user.userID, 'screen');
    const name = screen ? msg(this, 'screenOf', { name: who }) : who;
    const cameraOn = !!this.media && info?.camera !== 'MUTE';
    const micOn = screen || info?.mic !== 'MUTE';
    const speaking = !!info && micOn && info.soundLevel >= SPEAKING_LEVEL;
    const grade = info?.quality ?? -1;
    const gradeKey = (grade >= 0 && grade <= 4 ? `grade${grade}` : 'gradeUnknown') as MessageKey;
    return html`<div part="base" class=${speaking ? 'speaking' : ''} role="group" aria-label=${name}>
      <slot name="actions"></slot>
      <video part="video" class=${cameraOn ? '' : 'off'} autoplay playsinline></video>
      <div part="avatar" ?hidden=${cameraOn} aria-hidden="true">${initials(name)}</div>
      <div part="muted" ?hidden=${micOn} aria-hidden="true">${icons.micOff}</div>
      ${
        this.media && !cameraOn && !screen
          ? html`<div part="state" aria-hidden="true">${msg(this, 'cameraOff')}</div>`
          : ''
      }
      <div part="label">
        ${screen ? icons.screen : micOn ? icons.mic : icons.micOff}
        <span class="name" title=${name}>${name}</span>
        ${micOn ? '' : html`<span class="sr-only">${msg(this, 'muted')}</span>`}
        ${info?.camera === 'MUTE' ? html`<span class="sr-only">${msg(this, 'cameraOff')}</span>` : ''}
        ${speaking ? html`<span class="sr-only">${msg(this, 'speaking')}</span>` : ''}
        <span part="quality" title=${msg(this, 'quality', { grade: msg(this, gradeKey) })}>${signalBars(grade)}</span>
      </div>
      ${
        this.blocked
          ? html`<button part="unmute" type="button" @click=${this.#unmute}>${msg(this, 'tapToUnmute')}</button>`
          : ''
      }
      ${this.failure ? html`<div part="message" role="alert">${this.failure.msg}</div>` : ''}
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-stream-playing': CustomEvent<StreamPlayingDetail>;
    'zego-stream-error': CustomEvent<StreamErrorDetail>;
  }
}
