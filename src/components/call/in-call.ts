/**
 * What `<zego-call>` loads when the call starts (it is of no use before): the keyboard shortcuts,
 * raised hands and reactions — the bar's Raise hand and Reactions buttons, the reactions tray,
 * and the hand and floating reactions over each person's tile (the grid's `tile:<userID>` slots) —
 * picture-in-picture (`pip.ts`) and the Full screen button.
 */
import { css, html, type ReactiveController } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { gesturesOf, REACTIONS, type Gestures } from '../../core/gestures.js';
import { errorCodeOf } from '../../core/errors.js';
import type { RoomSession } from '../../core/session.js';
import { addWords, errorText, msg } from '../localize.js';
import { addStyles } from '../lazy-styles.js';
import { hand, icon, icons } from '../icons.js';
import { Shortcuts, type CallHooks, type ShortcutsHost } from './shortcuts.js';
import { CallPip } from './pip.js';

/** The English words of hands and reactions: they load with them, when a call starts. */
export const words = {
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  handUp: 'Hand raised',
  handDown: 'Hand lowered',
  handRaised: '{name} raised a hand',
  reactions: 'Reactions',
  pictureInPicture: 'Picture in picture',
};
addWords(words);

const smile = icon(
  'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zM8.5 11a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm7 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM12 17.5a5.5 5.5 0 0 0 5.1-3.5H6.9a5.5 5.5 0 0 0 5.1 3.5z',
);

const styles = css`
  /* Over a person's tile (slotted into the grid's tile:<userID>): their hand and reactions. */
  .over {
    position: absolute;
    /* Above the video (your own is mirrored: a transform, painted over what comes before it). */
    z-index: 1;
    inset: 0;
    overflow: hidden;
    pointer-events: none;
  }
  .over [part~='hand'] {
    position: absolute;
    top: 8px;
    left: 44px;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #1d2129;
    background: var(--zego-hand-color, #e8a317);
    /* Seen on any video, a yellow one too. */
    box-shadow:
      0 0 0 2px #fff,
      0 1px 6px rgb(0 0 0 / 0.5);
  }
  .over [part~='hand'] svg {
    width: 18px;
    height: 18px;
  }
  [part~='reaction'] {
    position: absolute;
    bottom: 40px;
    left: calc(50% - 0.6em + var(--_x, 0px));
    font-size: 40px;
    line-height: 1;
    animation: zego-float 4s ease-out forwards;
  }
  @keyframes zego-float {
    from {
      opacity: 0;
      transform: translateY(16px) scale(0.6);
    }
    10%,
    70% {
      opacity: 1;
    }
    to {
      opacity: 0;
      transform: translateY(-90px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='reaction'] {
      animation-name: zego-fade;
    }
  }
  @keyframes zego-fade {
    70% {
      opacity: 1;
    }
    to {
      opacity: 0;
    }
  }
  /* Icons only (their names are their tooltips and accessible names). */
  [part~='panel-button'][part~='hand'],
  [part~='panel-button'][part~='react'],
  [part~='panel-button'][part~='pip'] {
    width: var(--zego-control-size, 44px);
    padding: 0;
    justify-content: center;
  }
  [part~='hand'][aria-pressed='true'] {
    color: #1d2129;
    background: var(--zego-hand-color, #e8a317);
  }
  [part~='pip'][aria-pressed='true'] {
    color: #fff;
    background: var(--_accent);
  }
  /* The tray of reactions, at the foot of the tiles, above the bar. */
  [part~='reactions'] {
    position: absolute;
    z-index: 6;
    bottom: 8px;
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    max-width: calc(100% - 16px);
    box-sizing: border-box;
    padding: 4px;
    border-radius: 28px;
    background: var(--_bg);
    box-shadow: 0 4px 18px rgb(0 0 0 / 0.3);
  }
  [part~='reactions'] button {
    width: 44px;
    height: 44px;
    flex: none;
    border: 0;
    border-radius: 50%;
    font-size: 24px;
    background: transparent;
  }
  [part~='reactions'] button:hover {
    background: color-mix(in srgb, var(--_fg) 10%, transparent);
  }
`;

/** The call the extras live in (`<zego-call>`). */
export interface InCallHost extends ShortcutsHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Raised hands and reactions in `<zego-call>`: follows the call's session (a rejoin makes a new
 * one), renders the buttons, the tray and what shows over the tiles, and announces hands.
 */
export class CallGestures implements ReactiveController {
  /** The reactions tray is open. */
  #tray = false;
  #session: RoomSession | undefined;
  #gestures: Gestures | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: InCallHost,
    private readonly call: CallHooks,
  ) {
    const root = host.renderRoot as ShadowRoot;
    addStyles(root, styles);
    // The session comes with the connection (and a new one with each rejoin).
    root.addEventListener('zego-room-state-change', () => this.#follow());
    host.addController(this);
    this.#follow();
  }

  hostConnected(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#follow(true);
  }

  #follow(gone = false): void {
    let session = gone ? undefined : this.call.session();
    // A new session counts once connected; the current one stays through a reconnection.
    if (session !== this.#session && session?.status.phase !== 'connected') session = undefined;
    if (session === this.#session) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#session = session;
    this.#gestures = undefined;
    this.#tray = false;
    if (session) {
      const gestures = (this.#gestures = gesturesOf(session));
      gestures.onRaise = (user) => this.call.say(msg(this.host, 'handRaised', { name: user.userName || user.userID }));
      this.#unsubscribe = session.subscribe('gestures', () => this.host.requestUpdate());
    }
    this.host.requestUpdate();
  }

  /** Raises or lowers your hand (the H key, the bar's button). */
  toggleHand(): void {
    const g = this.#gestures;
    if (!g) return;
    const up = !g.handRaised;
    this.call.say(msg(this.host, up ? 'handUp' : 'handDown'));
    g.raiseHand(up).catch((err: unknown) => this.call.say(errorText(this.host, errorCodeOf(err) ?? 0)));
  }

  #react(emoji: string): void {
    this.#gestures?.react(emoji).catch((err: unknown) => this.call.say(errorText(this.host, errorCodeOf(err) ?? 0)));
  }

  #toggleTray(): void {
    this.#tray = !this.#tray;
    this.host.requestUpdate();
    if (this.#tray)
      void this.host.updateComplete.then(() =>
        this.host.renderRoot.querySelector<HTMLElement>('[part~="reactions"] button')?.focus(),
      );
  }

  readonly #onTrayKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.#toggleTray();
    this.host.renderRoot.querySelector<HTMLElement>('[part~="panel-button"][part~="react"]')?.focus();
  };

  /** The Raise hand and Reactions buttons, for the call's bar. */
  bar() {
    const g = this.#gestures;
    if (!g) return '';
    const up = g.handRaised;
    const label = msg(this.host, up ? 'lowerHand' : 'raiseHand');
    const reactions = msg(this.host, 'reactions');
    return html`<button
        part="panel-button hand"
        type="button"
        title=${label}
        aria-pressed=${String(up)}
        @click=${() => this.toggleHand()}
      >
        ${hand}<span class="sr-only">${label}</span></button
      ><button
        part="panel-button react"
        type="button"
        title=${reactions}
        aria-expanded=${String(this.#tray)}
        aria-controls="reactions"
        @click=${() => this.#toggleTray()}
      >
        ${smile}<span class="sr-only">${reactions}</span>
      </button>`;
  }

  /** The reactions tray (open or not), for the stage. */
  tray() {
    return this.#gestures && this.#tray
      ? html`<div
          part="reactions"
          id="reactions"
          role="group"
          aria-label=${msg(this.host, 'reactions')}
          @keydown=${this.#onTrayKey}
        >
          ${REACTIONS.map((emoji) => html`<button type="button" @click=${() => this.#react(emoji)}>${emoji}</button>`)}
        </div>`
      : '';
  }

  /** What shows over each person's tile: their raised hand and their reactions floating up. */
  tiles() {
    const g = this.#gestures;
    if (!g) return '';
    const users = new Set([...g.hands.keys(), ...g.reactions.map((r) => r.user.userID)]);
    return repeat(
      users,
      (id) => id,
      (id) =>
        html`<div slot=${'tile:' + id} class="over">
          ${g.hands.has(id) ? html`<span part="hand" role="img" aria-label=${msg(this.host, 'handUp')}>${hand}</span>` : ''}
          ${repeat(
            g.reactions.filter((r) => r.user.userID === id),
            (r) => r.id,
            (r) =>
              html`<span part="reaction" style=${`--_x:${((r.id % 5) - 2) * 16}px`} aria-hidden="true"
                >${r.emoji}</span
              >`,
          )}
        </div>`,
    );
  }
}

/** What the call renders of them: the bar's buttons, the reactions tray, what shows over the tiles. */
export interface InCall {
  bar(): unknown;
  tray(): unknown;
  tiles(): unknown;
}

/** Full screen for the whole call, where the browser allows it (Escape leaves, as always). */
function fullscreenButton(host: InCallHost) {
  if (!document.fullscreenEnabled) return '';
  // Its root (a document, or an app's shadow root) says whether the call fills the screen.
  const on = (host.getRootNode() as Document | ShadowRoot).fullscreenElement === host;
  const label = msg(host, 'fullscreen');
  return html`<button
    part="panel-button fullscreen"
    type="button"
    title=${label}
    aria-pressed=${String(on)}
    @click=${() => void (on ? document.exitFullscreen() : host.requestFullscreen())}
  >
    ${icons.fullscreen}<span class="label">${label}</span>
  </button>`;
}

/** Starts the keyboard shortcuts, hands and reactions, picture-in-picture and full screen in a call. */
export function start(host: InCallHost, call: CallHooks): InCall {
  const gestures = new CallGestures(host, call);
  const pip = new CallPip(host, call);
  new Shortcuts(host, { ...call, raiseHand: () => gestures.toggleHand() });
  // Entering or leaving full screen (Escape included) re-renders the button's state.
  host.addEventListener('fullscreenchange', () => host.requestUpdate());
  return {
    bar: () => html`${gestures.bar()}${pip.button()}${fullscreenButton(host)}`,
    tray: () => gestures.tray(),
    tiles: () => gestures.tiles(),
  };
}
