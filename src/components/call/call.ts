import { html, css, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { ZegoEngine } from '../../core/engine.js';
import { streamIDFor } from '../../core/stream-ids.js';
import type { PrejoinSubmitDetail } from '../prejoin/prejoin.js';
import type {
  RoomStateChangeDetail,
  StreamUpdateDetail,
  TokenRequest,
  UserUpdateDetail,
  ZegoRoom,
} from '../room/room.js';
import { addWords, errorText, msg } from '../localize.js';
import { words } from './words.js';
import type { ShortcutKeys } from './shortcuts.js';
import type { InCall } from './in-call.js';
import { ZegoElement } from '../zego-element.js';
import { icon } from '../icons.js';
import { tokens } from '../shared.styles.js';

addWords(words);

/** The panel buttons' icons (only this element shows them). */
const people = icon(
  'M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0c-.3 0-.6 0-1 .1 1.2.8 2 2 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z',
);
const chatIcon = icon(
  'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zm-2 12H6v-2h12zm0-3H6V9h12zm0-3H6V6h12z',
);

/** How the call ended, for the end screen. */
export interface CallEndDetail {
  /** `left` (you clicked Leave), `kicked` (removed; `code` says why) or `failed` (could not join or stay). */
  reason: 'left' | 'kicked' | 'failed';
  code: number;
}

/** A boolean attribute that is on unless set to `false` or `off` (ZEGO prebuilt's `show…` flags). */
const onUnlessOff = {
  fromAttribute: (value: string | null) => value === null || !/^(false|off|0)$/i.test(value),
  toAttribute: (value: boolean) => (value ? null : 'false'),
};
const onOff = (on: boolean) => (on ? 'on' : 'off');
/** Whether an element is registered (the panels show only the elements the page has). */
const has = (tag: string) => !!globalThis.customElements?.get(tag);

/** How long a notice stays on screen (ms). */
const NOTICE_MS = 4000;
/** At most one "new messages" announcement this often (ms). */
const CHAT_NOTICE_MS = 10000;

/**
 * A whole meeting in one tag: a pre-join screen (camera, microphone, name), then the call — the
 * tiles (grid, speaker or presentation layout), the controls, and a side panel with the people
 * and the chat (a sheet on phones), Raise hand and Reactions — with notices for joins, leaves,
 * raised hands, shares and reconnects, then an end screen ("You left", removed or failed, with the
 * reason) with Rejoin. Every region can be replaced through its slot; announcements go to one
 * polite live region.
 *
 * Give it a height (e.g. `height: 100dvh`): the call fills it.
 *
 * @summary Pre-join, call, people, chat and end screen in one element.
 *
 * @tagname zego-call
 *
 * @slot prejoin - Replaces the pre-join screen (fire `zego-prejoin-submit` from it, or call `join()`).
 * @slot end - Replaces the end screen.
 * @slot end-actions - The app's own buttons on the end screen, beside Rejoin.
 *
 * @event {CustomEvent<CallEndDetail>} zego-call-end - The call ended: you left, were removed, or it failed.
 * @event {CustomEvent<RoomStateChangeDetail>} zego-room-state-change - From the room inside: connecting, connected, reconnecting, left…
 * @event {CustomEvent<{code: number; msg: string}>} zego-error - From the elements inside: something failed, in ZEGO's words.
 *
 * @csspart base - The whole call.
 * @csspart prejoin - The pre-join screen.
 * @csspart heading - The pre-join and end screens' headings.
 * @csspart stage - The tiles and the side panel.
 * @csspart panel - The side panel (people, chat); a sheet on narrow screens.
 * @csspart panel-close - Closes the side panel.
 * @csspart bar - The controls and the panel buttons.
 * @csspart panel-button - The People, Chat, Raise hand, Reactions, Picture in picture and Full screen buttons (with `participants`, `chat`, `hand`, `react`, `pip` or `fullscreen`); Picture in picture shows where the browser has it (the person on stage in a small window of its own, with Microphone, Camera and Leave where the browser has Document Picture-in-Picture); Full screen shows where the browser allows it and puts the whole call on the screen (Escape leaves).
 * @csspart reactions - The tray of reactions the Reactions button opens.
 * @csspart hand - The hand over the tile of someone whose hand is raised.
 * @csspart reaction - A reaction floating up over its sender's tile.
 * @csspart badge - Unread chat messages on the Chat button.
 * @csspart notices - Notices (joins, leaves, shares, reconnects), also read out by screen readers.
 * @csspart end - The end screen.
 * @csspart rejoin - The end screen's Rejoin button.
 *
 * @cssproperty --zego-hand-color - Colour of a raised hand and of the pressed Raise hand button.
 */
export class ZegoCall extends ZegoElement {
  static override properties: PropertyDeclarations = {
    roomId: { attribute: 'room-id' },
    userId: { attribute: 'user-id' },
    userName: { attribute: 'user-name' },
    token: {},
    server: {},
    appId: { attribute: 'app-id', type: Number },
    provider: {},
    engine: { attribute: false },
    tokenProvider: { attribute: false },
    prejoin: {},
    camera: {},
    microphone: {},
    layout: {},
    showChat: { attribute: 'show-chat', converter: onUnlessOff },
    showParticipants: { attribute: 'show-participants', converter: onUnlessOff },
    showScreenShare: { attribute: 'show-screen-share', converter: onUnlessOff },
    language: {},
    shortcuts: {},
    pushToTalk: { type: Boolean, attribute: 'push-to-talk' },
    shortcutKeys: { attribute: false },
    phase: { state: true },
    ended: { state: true },
    panel: { state: true },
    unread: { state: true },
    notices: { state: true },
  };
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        height: 100%;
        min-height: 320px;
        container-type: size;
        color: var(--_fg);
        background: var(--_bg);
      }
      [part~='base'] {
        position: relative;
        height: 100%;
        box-sizing: border-box;
        display: flex;
        flex-direction: column;
        padding: 12px;
      }
      [part~='prejoin'],
      [part~='end'] {
        margin: auto;
        width: min(960px, 100%);
        max-height: 100%;
        overflow: auto;
        display: grid;
        gap: 12px;
      }
      [part~='end'] {
        width: min(480px, 100%);
        text-align: center;
        justify-items: center;
      }
      [part~='heading'] {
        margin: 0;
        font-size: 22px;
        font-weight: 600;
      }
      /* The end screen's heading takes the focus for screen readers; it is no control to outline. */
      [part~='heading']:focus {
        outline: none;
      }
      /* A short window (a phone on its side): the pre-join heading is for screen readers only. */
      @container (max-height: 480px) {
        [part~='prejoin'] [part~='heading'] {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
      }
      zego-room {
        flex: 1;
        min-height: 0;
      }
      .call {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      [part~='stage'] {
        flex: 1;
        min-height: 0;
        display: flex;
        gap: 12px;
        position: relative;
      }
      zego-stream-grid {
        flex: 1;
        min-height: 0;
        min-width: 0;
      }
      [part~='panel'] {
        width: 320px;
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-height: 0;
        padding: 12px;
        box-sizing: border-box;
        border-radius: 10px;
        background: color-mix(in srgb, var(--_fg) 5%, var(--_bg));
      }
      [part~='panel'][hidden] {
        display: none;
      }
      .pane {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
      .pane > * {
        flex: 1;
        min-height: 0;
      }
      .pane[hidden] {
        display: none;
      }
      [part~='panel'] header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        font-weight: 600;
      }
      /* Phones: the panel is a sheet over the lower part of the tiles. */
      @container (max-width: 700px) {
        [part~='panel'] {
          position: absolute;
          z-index: 5;
          inset: 30% 0 0 0;
          width: auto;
          box-shadow: 0 -4px 18px rgb(0 0 0 / 0.25);
          background: var(--_bg);
        }
      }
      [part~='bar'] {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: end;
        justify-content: center;
      }
      /* The controls take the row (they size to it: container queries), the panel buttons its end;
         where both do not fit, the panel buttons go to a row of their own. */
      [part~='bar'] zego-call-controls {
        flex: 1;
        min-width: min(100%, 260px);
      }
      .panels {
        display: flex;
        gap: 8px;
      }
      button {
        font: inherit;
        cursor: pointer;
      }
      [part~='panel-button'],
      [part~='panel-close'],
      [part~='rejoin'] {
        position: relative;
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: var(--zego-control-size, 44px);
        padding: 0 14px;
        border: 0;
        border-radius: calc(var(--zego-control-size, 44px) / 2);
        color: var(--_fg);
        background: var(--zego-control-background, color-mix(in srgb, var(--_fg) 10%, transparent));
        font-size: 14px;
      }
      [part~='panel-close'] {
        height: 32px;
        padding: 0 10px;
      }
      [part~='panel-button'][aria-expanded='true'] {
        color: #fff;
        background: var(--_accent);
      }
      [part~='rejoin'] {
        color: #fff;
        background: var(--_accent);
        font-weight: 600;
      }
      button:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
      [part~='badge'] {
        position: absolute;
        top: -4px;
        right: -4px;
        min-width: 18px;
        height: 18px;
        padding: 0 4px;
        box-sizing: border-box;
        border-radius: 9px;
        font-size: 11px;
        line-height: 18px;
        color: #fff;
        background: var(--_danger);
      }
      @container (max-width: 520px) {
        [part~='panel-button'] {
          width: var(--zego-control-size, 44px);
          padding: 0;
          justify-content: center;
        }
        [part~='panel-button'] .label {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
      }
      [part~='notices'] {
        position: absolute;
        z-index: 20;
        top: 12px;
        left: 50%;
        transform: translateX(-50%);
        display: grid;
        gap: 6px;
        justify-items: center;
        pointer-events: none;
        width: max-content;
        max-width: calc(100% - 24px);
      }
      [part~='notices'] > div {
        padding: 6px 12px;
        border-radius: 8px;
        font-size: 14px;
        color: #fff;
        background: rgb(0 0 0 / 0.75);
      }
      svg {
        width: 20px;
        height: 20px;
        fill: currentColor;
      }
    `,
  ];

  /** Room to join. */
  roomId = '';
  /** Your user ID. */
  userId = '';
  /** Your name (the pre-join screen's name field starts with it). */
  userName = '';
  /** Login token; see `<zego-room>`. */
  token = '';
  /** Signalling server; see `<zego-room>`. */
  server = '';
  /** App ID; see `<zego-room>`. */
  appId = 0;
  /** `mesh` (default) or `zego`. */
  provider: 'mesh' | 'zego' = 'mesh';
  /** An engine to use as is; see `<zego-room>`. */
  engine: ZegoEngine | undefined = undefined;
  /** Asked for a token when none is set; see `<zego-room>`. */
  tokenProvider: ((request: TokenRequest) => Promise<string>) | undefined = undefined;
  /** `on` (default): the pre-join screen comes first; `off`: join at once. */
  prejoin: 'on' | 'off' = 'on';
  /** Join with the camera / microphone `on` (default) or `off`. */
  camera: 'on' | 'off' = 'on';
  microphone: 'on' | 'off' = 'on';
  /** `grid` (default) or `speaker`; a screen share takes the stage either way. */
  layout: 'grid' | 'speaker' = 'grid';
  /** Show the chat (default; `show-chat="false"` hides it). */
  showChat = true;
  /** Show the people panel (default; `show-participants="false"` hides it). */
  showParticipants = true;
  /** Show the screen-share button (default; `show-screen-share="false"` hides it). */
  showScreenShare = true;
  /**
   * The call's language (`en`, `zh-CN`, `ja`, `ko`, `es`, `fr`, `de`, `pt-BR`; a regional tag such as
   * `de-AT` too); default the page's.
   */
  language = '';
  /**
   * Keyboard shortcuts in the call: `on` (default) or `off`. M microphone, V camera, C chat, P people
   * (`shortcutKeys` changes them), arrow keys from tile to tile; never while typing or with Ctrl, Alt
   * or Meta.
   */
  shortcuts: 'on' | 'off' = 'on';
  /** Hold Space while muted to speak (with shortcuts on). */
  pushToTalk = false;
  /** Other keys for the shortcuts, e.g. `{ camera: 'e' }`; `''` turns one off. */
  shortcutKeys: Partial<ShortcutKeys> = {};

  /**
   * Where the call is: `prejoin`, `call` or `ended`.
   * @readonly
   */
  phase: 'prejoin' | 'call' | 'ended' = 'prejoin';
  /**
   * How the call ended, once it has.
   * @readonly
   */
  ended: CallEndDetail | undefined = undefined;
  private panel: '' | 'participants' | 'chat' = '';
  private unread = 0;
  private notices: { id: number; text: string }[] = [];
  get #room(): ZegoRoom | null | undefined {
    return this.renderRoot?.querySelector('zego-room');
  }

  #choices: PrejoinSubmitDetail | undefined;
  #noticeID = 0;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #lastChatNotice = 0;
  /** Who was in the room when you joined (their ADD is no news); undefined until connected. */
  #present: Set<string> | undefined;
  #wasReconnecting = false;
  #extras: Promise<unknown> | undefined;
  /** Raised hands, reactions and picture-in-picture, once loaded. */
  #inCall: InCall | undefined;

  protected override updated(): void {
    // The shortcuts, hands and reactions load with the call (they are of no use before it).
    if (this.phase === 'call' && !this.#extras)
      this.#extras = import('./in-call.js').then(
        (m) =>
          (this.#inCall = m.start(this, {
            session: () => (this.phase === 'call' ? this.#room?.session : undefined),
            toggle: (which) => this.#togglePanel(which),
            say: (text) => this.#notice(text),
          })),
        // Could not load (offline, say): the next render tries again.
        () => (this.#extras = undefined),
      );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Without a pre-join screen the call starts at once.
    if (!this.hasUpdated && this.prejoin === 'off') this.phase = 'call';
    if (changed.has('prejoin') && this.hasUpdated && this.prejoin === 'off' && this.phase === 'prejoin')
      this.phase = 'call';
  }

  protected override removed(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  /** Joins now with `choices` (what a pre-join screen gives), skipping the pre-join screen. */
  join(choices?: Partial<PrejoinSubmitDetail>): void {
    if (choices) this.#choices = { ...this.#defaults(), ...choices };
    this.#present = undefined;
    this.ended = undefined;
    this.panel = '';
    this.unread = 0;
    this.phase = 'call';
  }

  /** Leaves the call (the end screen shows "You left"). */
  leave(): void {
    this.#room?.leave();
  }

  #defaults(): PrejoinSubmitDetail {
    return {
      userName: this.userName,
      camera: this.camera !== 'off',
      microphone: this.microphone !== 'off',
      cameraDeviceID: '',
      microphoneDeviceID: '',
      speakerDeviceID: '',
    };
  }

  readonly #onPrejoin = (e: CustomEvent<PrejoinSubmitDetail>): void => {
    if (e.defaultPrevented) return;
    this.join(e.detail);
  };

  readonly #onRoomState = (e: CustomEvent<RoomStateChangeDetail>): void => {
    const { phase, errorCode } = e.detail;
    // The people already there when you join are not news: whoever the room lists right after the
    // connection (in the same turn) is not announced.
    if (phase === 'connected' && !this.#present) {
      const session = this.#room?.session;
      queueMicrotask(() => (this.#present = new Set(session?.users.keys())));
    }
    if (phase === 'reconnecting') {
      if (!this.#wasReconnecting) this.#notice(msg(this, 'reconnecting'));
      this.#wasReconnecting = true;
    } else if (phase === 'connected' && this.#wasReconnecting) {
      this.#wasReconnecting = false;
      this.#notice(msg(this, 'reconnected'));
    }
    if (phase === 'left' || phase === 'kicked' || phase === 'failed') {
      this.#wasReconnecting = false;
      this.ended = { reason: phase, code: errorCode };
      this.phase = 'ended';
      this.emit('zego-call-end', this.ended);
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[part~="end"] [part~="heading"]')?.focus(),
      );
    }
  };

  readonly #onUsers = (e: CustomEvent<UserUpdateDetail>): void => {
    const { updateType, userList } = e.detail;
    queueMicrotask(() => {
      for (const u of userList) {
        if (updateType === 'ADD' && this.#present?.has(u.userID) !== false) continue;
        if (updateType === 'DELETE') this.#present?.delete(u.userID);
        this.#notice(msg(this, updateType === 'ADD' ? 'joinedCall' : 'leftCall', { name: u.userName || u.userID }));
      }
    });
  };

  readonly #onStreams = (e: CustomEvent<StreamUpdateDetail>): void => {
    for (const s of e.detail.streamList)
      if (s.streamID === streamIDFor(s.user.userID, 'screen'))
        this.#notice(
          msg(this, e.detail.updateType === 'ADD' ? 'startedSharing' : 'stoppedSharing', {
            name: s.user.userName || s.user.userID,
          }),
        );
  };

  readonly #onUnread = (e: CustomEvent<{ count: number }>): void => {
    const more = e.detail.count > this.unread;
    this.unread = e.detail.count;
    // New messages while the chat is closed, announced at most every so often.
    if (more && Date.now() - this.#lastChatNotice > CHAT_NOTICE_MS) {
      this.#lastChatNotice = Date.now();
      this.#notice(msg(this, 'newMessages', { count: e.detail.count }));
    }
  };

  /** Shows `text` for a few seconds; the notices' live region reads it out. */
  #notice(text: string): void {
    const id = ++this.#noticeID;
    this.notices = [...this.notices, { id, text }].slice(-3);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.notices = this.notices.filter((n) => n.id !== id);
    }, NOTICE_MS);
    this.#timers.add(timer);
  }

  #togglePanel(which: 'participants' | 'chat'): void {
    this.panel = this.panel === which ? '' : which;
    if (this.panel === 'chat') this.unread = 0;
  }

  #renderPrejoin() {
    return html`<section part="prejoin" aria-labelledby="prejoin-heading">
      <h1 part="heading" id="prejoin-heading">${msg(this, 'joinRoom', { room: this.roomId })}</h1>
      <slot name="prejoin" @zego-prejoin-submit=${this.#onPrejoin}>
        <zego-prejoin
          user-name=${this.userName}
          camera=${this.camera}
          microphone=${this.microphone}
          @zego-prejoin-submit=${this.#onPrejoin}
        ></zego-prejoin>
      </slot>
    </section>`;
  }

  #renderCall() {
    const c = this.#choices ?? this.#defaults();
    const panelButton = (which: 'participants' | 'chat', label: string, icon: unknown, badge = 0) =>
      html`<button
        part=${`panel-button ${which}`}
        type="button"
        title=${label}
        aria-expanded=${String(this.panel === which)}
        aria-controls="panel"
        @click=${() => this.#togglePanel(which)}
      >
        ${icon}<span class="label">${label}</span>
        ${badge ? html`<span part="badge" aria-hidden="true">${badge}</span><span class="sr-only">${msg(this, 'newMessages', { count: badge })}</span>` : ''}
      </button>`;
    return html`<zego-room
      room-id=${this.roomId}
      user-id=${this.userId}
      user-name=${c.userName || this.userName}
      token=${this.token || nothing}
      server=${this.server || nothing}
      app-id=${this.appId || nothing}
      provider=${this.provider}
      camera=${onOff(c.camera)}
      microphone=${onOff(c.microphone)}
      camera-device=${c.cameraDeviceID}
      microphone-device=${c.microphoneDeviceID}
      speaker-device=${c.speakerDeviceID}
      .engine=${this.engine}
      .tokenProvider=${this.tokenProvider}
      @zego-room-state-change=${this.#onRoomState}
      @zego-user-update=${this.#onUsers}
      @zego-stream-update=${this.#onStreams}
    >
      <div class="call">
        <div part="stage">
          <zego-stream-grid layout=${this.layout}>${this.#inCall?.tiles()}</zego-stream-grid>
          ${this.#inCall?.tray()}
          <aside
            part="panel"
            id="panel"
            ?hidden=${!this.panel}
            aria-label=${this.panel ? msg(this, this.panel) : nothing}
          >
            <header>
              <!-- The people list has its own heading (with the count). -->
              <span>${this.panel === 'chat' ? msg(this, 'chat') : ''}</span>
              <button part="panel-close" type="button" @click=${() => (this.panel = '')}>${msg(this, 'close')}</button>
            </header>
            ${
              this.showParticipants && has('zego-participants')
                ? html`<div class="pane" ?hidden=${this.panel !== 'participants'}>
                    <zego-participants></zego-participants>
                  </div>`
                : ''
            }
            ${
              this.showChat && has('zego-chat')
                ? html`<div class="pane" ?hidden=${this.panel !== 'chat'}>
                    <zego-chat ?open=${this.panel === 'chat'} @zego-chat-unread=${this.#onUnread}></zego-chat>
                  </div>`
                : ''
            }
          </aside>
        </div>
        <div part="bar">
          <zego-call-controls ?no-screen=${!this.showScreenShare}></zego-call-controls>
          <div class="panels">
            ${this.showParticipants && has('zego-participants') ? panelButton('participants', msg(this, 'participants'), people) : ''}
            ${this.showChat && has('zego-chat') ? panelButton('chat', msg(this, 'chat'), chatIcon, this.panel === 'chat' ? 0 : this.unread) : ''}
            ${this.#inCall?.bar()}
          </div>
        </div>
      </div>
    </zego-room>`;
  }

  #renderEnd() {
    const ended = this.ended ?? { reason: 'left', code: 0 };
    const heading = msg(this, ended.reason === 'left' ? 'youLeft' : ended.reason === 'kicked' ? 'kicked' : 'failed');
    return html`<section part="end" aria-labelledby="end-heading">
      <slot name="end">
        <h1 part="heading" id="end-heading" tabindex="-1">${heading}</h1>
        ${ended.reason !== 'left' && ended.code ? html`<p>${errorText(this, ended.code)}</p>` : ''}
        <div class="panels">
          <button part="rejoin" type="button" @click=${() => this.join()}>${msg(this, 'rejoin')}</button>
          <slot name="end-actions"></slot>
        </div>
      </slot>
    </section>`;
  }

  protected override render() {
    return html`<div part="base" lang=${this.language || nothing}>
      ${this.phase === 'prejoin' ? this.#renderPrejoin() : this.phase === 'call' ? this.#renderCall() : this.#renderEnd()}
      <div part="notices" role="status" aria-live="polite">${this.notices.map((n) => html`<div>${n.text}</div>`)}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-call-end': CustomEvent<CallEndDetail>;
  }
}
