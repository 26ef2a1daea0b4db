/**
 * `<zego-call>`'s picture-in-picture: leave the tab and keep seeing the call. Document
 * Picture-in-Picture where the browser has it (the person on stage, with Microphone, Camera and
 * Leave buttons), the video element's picture-in-picture where it has only that, and no button
 * where it has neither (Firefox). Loaded with the call (`in-call.ts`).
 */
import { html, nothing, render, type ReactiveController } from 'lit';
import type { RoomSession } from '../../core/session.js';
import { streamIDFor } from '../../core/stream-ids.js';
import { msg } from '../localize.js';
import { icon, icons } from '../icons.js';
import type { CallHooks } from './shortcuts.js';
import type { InCallHost } from './in-call.js';

interface DocumentPip {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  readonly window: Window | null;
}
const documentPip = (): DocumentPip | undefined =>
  (globalThis as { documentPictureInPicture?: DocumentPip }).documentPictureInPicture;

/** Whether this browser can show the call in a picture-in-picture window at all. */
export const canPip = (): boolean => !!documentPip() || !!globalThis.document?.pictureInPictureEnabled;

const pipIcon = icon(
  'M19 11h-8v6h8zm4 8V5a2 2 0 0 0-2-2H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2zm-2 0H3V5h18z',
);

/** The Document Picture-in-Picture window's styles (its own document: none of the page's apply). */
const STYLE = `
  html, body { margin: 0; height: 100%; background: #16181d; color: #e8eaed; font: 14px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  .ui { display: contents; }
  video { flex: 1; min-height: 0; width: 100%; object-fit: contain; background: #000; }
  .name { position: absolute; left: 8px; top: 8px; padding: 2px 8px; border-radius: 6px; background: rgb(0 0 0 / 0.55); }
  .bar { display: flex; gap: 8px; justify-content: center; padding: 8px; }
  button { width: 40px; height: 40px; border: 0; border-radius: 50%; display: grid; place-items: center;
    color: inherit; background: rgb(255 255 255 / 0.14); cursor: pointer; }
  button[aria-pressed='false'] { color: #ff6b6b; box-shadow: inset 0 0 0 2px #ff6b6b; }
  button.leave { background: #d32f2f; color: #fff; }
  button:focus-visible { outline: 3px solid #5b8cff; }
  svg { width: 20px; height: 20px; fill: currentColor; }
`;

/**
 * The picture-in-picture of `<zego-call>`: who is shown (a screen share, else the active speaker,
 * else the first other person, else you), kept in step with the call; closed when the call ends.
 */
export class CallPip implements ReactiveController {
  /** The Document Picture-in-Picture window, while open. */
  #window: Window | undefined;
  /** The video shown: in that window, or the page's (hidden) one in the video's own picture-in-picture. */
  #video: HTMLVideoElement | undefined;
  /** The session and stream shown (a remote one is held with `acquire` until released). */
  #shown: { session: RoomSession; streamID: string } | undefined;
  #offs: (() => void)[] = [];
  #opening = false;

  constructor(
    private readonly host: InCallHost,
    private readonly call: CallHooks,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // The call ended (or is another one now): the window goes.
    if (this.#shown && this.call.session() !== this.#shown.session) this.close();
  }

  hostDisconnected(): void {
    this.close();
  }

  get open(): boolean {
    return !!this.#video;
  }

  /** The bar's button (none where the browser has no picture-in-picture). */
  button() {
    if (!canPip()) return '';
    const label = msg(this.host, 'pictureInPicture');
    return html`<button
      part="panel-button pip"
      type="button"
      title=${label}
      aria-pressed=${String(this.open)}
      @click=${() => void (this.open ? this.close() : this.show())}
    >
      ${pipIcon}<span class="sr-only">${label}</span>
    </button>`;
  }

  /** Opens the picture-in-picture window (from a click: browsers ask for one). */
  async show(): Promise<void> {
    const session = this.call.session();
    if (!session || this.open || this.#opening) return;
    this.#opening = true;
    try {
      const pip = documentPip();
      const video = document.createElement('video');
      Object.assign(video, { muted: true, autoplay: true, playsInline: true });
      if (pip) {
        const win = await pip.requestWindow({ width: 360, height: 300 });
        this.#window = win;
        win.document.head.append(Object.assign(win.document.createElement('style'), { textContent: STYLE }));
        // The video, then what is drawn over and below it (re-rendered as the call changes).
        win.document.body.append(video, Object.assign(win.document.createElement('div'), { className: 'ui' }));
        // Closed from its own button, or by the browser.
        win.addEventListener('pagehide', () => this.close(), { once: true });
      } else {
        // The page keeps the video (hidden); the browser shows it in its own window.
        video.style.cssText = 'position:fixed;width:1px;height:1px;opacity:0;pointer-events:none';
        this.host.renderRoot.append(video);
        video.addEventListener('leavepictureinpicture', () => this.close(), { once: true });
      }
      this.#video = video;
      for (const topic of ['streams', 'speaker', 'local', 'state'] as const)
        this.#offs.push(session.subscribe(topic, () => void this.#follow(session)));
      await this.#follow(session);
      if (!pip) {
        // The browser needs the video's size first.
        if (video.readyState < 1)
          await new Promise((loaded) => video.addEventListener('loadedmetadata', loaded, { once: true }));
        await video.requestPictureInPicture();
      }
    } catch {
      // Refused (no click, or the browser said no): nothing stays open.
      this.close();
    } finally {
      this.#opening = false;
      this.host.requestUpdate();
    }
  }

  /** Closes the window and lets go of what it showed. Idempotent. */
  close(): void {
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#release();
    const video = this.#video;
    this.#video = undefined;
    if (video) {
      video.srcObject = null;
      // In picture-in-picture from the call's shadow root (the document sees the call element).
      if ((video.getRootNode() as Document | ShadowRoot).pictureInPictureElement === video)
        void document.exitPictureInPicture().catch(() => {});
      video.remove();
    }
    const win = this.#window;
    this.#window = undefined;
    win?.close();
    this.host.requestUpdate();
  }

  /** Who to show: a screen share, else the active speaker, else the first other person, else you (''). */
  #pick(session: RoomSession): string {
    const streams = [...session.streams.values()];
    const share = streams.find((s) => s.streamID === streamIDFor(s.user.userID, 'screen'));
    if (share) return share.streamID;
    if (session.streams.has(session.activeSpeaker)) return session.activeSpeaker;
    return streams[0]?.streamID ?? '';
  }

  /** Shows who should be shown now and renders the window's buttons. */
  async #follow(session: RoomSession): Promise<void> {
    const video = this.#video;
    if (!video) return;
    if (session.status.phase !== 'connected' && session.status.phase !== 'reconnecting') return this.close();
    const streamID = this.#pick(session);
    if (this.#shown?.streamID !== streamID) {
      this.#release();
      this.#shown = { session, streamID };
      try {
        video.srcObject = streamID ? await session.acquire(streamID) : (session.local.stream ?? null);
      } catch {
        video.srcObject = null;
      }
    }
    if (this.#window) this.#renderWindow(session, this.#window, streamID);
  }

  #release(): void {
    const shown = this.#shown;
    this.#shown = undefined;
    if (shown?.streamID) shown.session.release(shown.streamID);
  }

  /** The window's name tag and buttons: Microphone, Camera, Leave. */
  #renderWindow(session: RoomSession, win: Window, streamID: string): void {
    const { local } = session;
    const user = streamID ? session.streams.get(streamID)?.user : session.user;
    const name = user ? user.userName || user.userID : '';
    const toggle = (which: 'microphone' | 'camera') => {
      if (!local[`${which}Error`]) session.setLocal({ [which]: !local[which] });
    };
    const button = (which: string, label: string, glyph: unknown, click: () => void, pressed?: boolean) =>
      html`<button
        class=${which}
        type="button"
        title=${label}
        aria-label=${label}
        aria-pressed=${pressed === undefined ? nothing : String(pressed)}
        @click=${click}
      >
        ${glyph}
      </button>`;
    const mic = local.microphone;
    const cam = local.camera;
    render(
      html`<div class="name">${name}</div>
        <div class="bar">
          ${button('microphone', msg(this.host, 'microphone'), mic ? icons.mic : icons.micOff, () => toggle('microphone'), mic)}
          ${button('camera', msg(this.host, 'camera'), cam ? icons.cam : icons.camOff, () => toggle('camera'), cam)}
          ${button('leave', msg(this.host, 'leave'), icons.leave, () => session.requestLeave())}
        </div>`,
      win.document.querySelector<HTMLElement>('.ui')!,
    );
  }
}
