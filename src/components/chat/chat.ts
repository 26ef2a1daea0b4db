import { html, css, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { SessionController } from '../../core/controllers/session-controller.js';
import { MAX_MESSAGE_BYTES, utf8Length, type ChatMessage } from '../../core/chat.js';
import { errorCodeOf, type ZegoErrorInfo } from '../../core/errors.js';
import { NETWORK_BROKEN } from '../../core/codes.js';
import { addWords, errorText, localeOf, msg } from '../localize.js';
import { words } from './words.js';
import { ZegoElement } from '../zego-element.js';
import { tokens } from '../shared.styles.js';

addWords(words);

export interface ChatUnreadDetail {
  /** Messages from others that arrived while the chat was not open. */
  count: number;
}

/** The byte counter shows from this many bytes on. */
const COUNTER_FROM = MAX_MESSAGE_BYTES - 128;
/** A pause this long between two messages of one sender starts a new group, with its own time. */
const GROUP_GAP = 5 * 60_000;
/** This close to the end, px, the reader is at the newest message. */
const NEAR_BOTTOM = 32;

/** http(s) URLs in text; what may end one is trimmed by {@link linkify}. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;

/**
 * Text with its http(s) links made into `<a>` elements; everything else stays text (Lit text
 * bindings: nothing the sender wrote becomes markup). Punctuation after a link ends the sentence,
 * not the link; a closing bracket belongs to it only when it opened one.
 */
function linkify(text: string): unknown[] {
  const out: unknown[] = [];
  let from = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    for (;;) {
      const last = url.at(-1) ?? '';
      const closes = last === ')' || last === ']';
      if (!/[.,;:!?'’”)\]]/.test(last)) break;
      if (closes && url.split(last === ')' ? '(' : '[').length >= url.split(last).length) break;
      url = url.slice(0, -1);
    }
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(url).protocol);
    } catch {
      // not a URL after all: it stays text
    }
    if (!ok) continue;
    out.push(text.slice(from, match.index), html`<a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>`);
    from = match.index + url.length;
  }
  out.push(text.slice(from));
  return out;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `time` as the reader's clock shows it: hours and minutes today, with the date on other days. */
function formatTime(locale: string, time: number): string {
  const today = new Date(time).toDateString() === new Date().toDateString();
  const key = `${locale} ${today}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = today
      ? { hour: 'numeric', minute: '2-digit' }
      : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat(undefined, options);
    }
    formats.set(key, format);
  }
  return format.format(time);
}

/** Consecutive messages of one sender, shown under one name and time. */
interface Group {
  own: boolean;
  messages: ChatMessage[];
}

function groupsOf(list: readonly ChatMessage[]): Group[] {
  const groups: Group[] = [];
  for (const m of list) {
    const group = groups.at(-1);
    const previous = group?.messages.at(-1);
    if (group && previous?.fromUser.userID === m.fromUser.userID && m.sendTime - previous.sendTime < GROUP_GAP)
      group.messages.push(m);
    else groups.push({ own: m.own, messages: [m] });
  }
  return groups;
}

/**
 * The room's chat: messages grouped by sender with their time (yours on the other side), links
 * that open in a new tab, and a box to write in (Enter sends, Shift+Enter starts a new line). A
 * message longer than ZEGO's 1,024 UTF-8 bytes is refused before it is sent, with a counter near
 * the limit; a message that could not be sent says why and stays in the box.
 *
 * Shown while `open`. While it is not, messages from others count as unread (`unread`, and
 * `zego-chat-unread`), for a badge on whatever opens it. The list follows new messages only when
 * the reader is at the bottom; otherwise a "New messages" button takes them there.
 *
 * On the embedded engine a user who joins later sees the room's last 100 messages; ZEGO's cloud
 * keeps no history for late joiners.
 *
 * @summary The room's chat: messages and a box to write in.
 *
 * @tagname zego-chat
 *
 * @event {CustomEvent<ChatUnreadDetail>} zego-chat-unread - The number of unread messages changed (they arrived while not open, or it was opened).
 * @event {CustomEvent<{code: number; msg: string}>} zego-chat-error - A message could not be sent (it stays in the box).
 *
 * @csspart log - The list of messages (`role="log"`).
 * @csspart group - Consecutive messages of one sender, with `own` for yours.
 * @csspart message - One message; also `own` for yours.
 * @csspart own - Your messages and their group.
 * @csspart sender - The sender's name over a group.
 * @csspart time - When a group's first message was sent.
 * @csspart empty - Shown while there are no messages.
 * @csspart new-messages - Button shown when messages arrived below while you read older ones.
 * @csspart form - The box and the send button.
 * @csspart input - The box to write in.
 * @csspart send - The send button.
 * @csspart counter - The byte counter, shown near the limit.
 * @csspart error - Why a message cannot be or was not sent.
 *
 * @cssproperty --zego-background - Background.
 * @cssproperty --zego-foreground - Text colour.
 * @cssproperty --zego-accent - Your messages and the send button.
 * @cssproperty --zego-danger - Errors and the counter over the limit.
 */
export class ZegoChat extends ZegoElement {
  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    unread: { type: Number, reflect: true },
    draft: { state: true },
    sending: { state: true },
    failure: { state: true },
    newBelow: { state: true },
  };
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        box-sizing: border-box;
        height: 360px;
        min-height: 0;
        font-size: 14px;
        background: var(--_bg);
        border-radius: var(--_radius);
      }
      :host(:not([open])) {
        display: none;
      }
      .scroller {
        position: relative;
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
      [part~='log'] {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 12px;
      }
      [part~='log']:focus-visible,
      [part~='input']:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: -2px;
      }
      [part~='group'] {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 3px;
        max-width: 85%;
      }
      [part~='group'][part~='own'] {
        align-self: flex-end;
        align-items: flex-end;
      }
      .meta {
        display: flex;
        gap: 6px;
        align-items: baseline;
        max-width: 100%;
        padding: 0 4px;
        font-size: 12px;
        color: var(--_muted);
      }
      [part~='sender'] {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-weight: 600;
        color: var(--_fg);
      }
      [part~='time'] {
        flex: none;
      }
      [part~='message'] {
        margin: 0;
        padding: 6px 10px;
        border-radius: 12px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: color-mix(in srgb, var(--_fg) 9%, transparent);
      }
      [part~='message'][part~='own'] {
        color: #fff;
        background: var(--_accent);
      }
      [part~='message'] a {
        color: inherit;
        text-decoration: underline;
      }
      [part~='empty'] {
        margin: auto;
        text-align: center;
        color: var(--_muted);
      }
      [part~='new-messages'] {
        position: absolute;
        left: 50%;
        bottom: 8px;
        transform: translateX(-50%);
        font: inherit;
        font-size: 13px;
        padding: 4px 12px;
        border: 0;
        border-radius: 999px;
        color: #fff;
        background: var(--_accent);
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
        cursor: pointer;
      }
      [part~='form'] {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 4px 8px;
        padding: 8px;
        border-top: 1px solid color-mix(in srgb, var(--_fg) 12%, transparent);
      }
      [part~='input'] {
        box-sizing: border-box;
        min-width: 0;
        min-height: 40px;
        max-height: 120px;
        padding: 8px 10px;
        resize: vertical;
        font: inherit;
        color: inherit;
        background: transparent;
        border: 1px solid color-mix(in srgb, var(--_fg) 30%, transparent);
        border-radius: 8px;
      }
      [part~='input'][aria-invalid='true'] {
        border-color: var(--_danger);
      }
      [part~='send'] {
        align-self: end;
        height: 40px;
        padding: 0 16px;
        font: inherit;
        border: 0;
        border-radius: 8px;
        color: #fff;
        background: var(--_accent);
        cursor: pointer;
      }
      [part~='send']:disabled {
        opacity: 0.5;
        cursor: default;
      }
      [part~='send']:focus-visible,
      [part~='new-messages']:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
      [part~='counter'] {
        grid-column: 1;
        justify-self: end;
        font-size: 12px;
        color: var(--_muted);
      }
      [part~='counter'].over {
        font-weight: 600;
        color: var(--_danger);
      }
      [part~='error'] {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 13px;
        color: var(--_danger);
      }
    `,
  ];

  /** Shown, and read: messages that arrive while it is not open count as unread. */
  open = false;

  /**
   * Messages from others that arrived while it was not open; 0 once it is.
   * @readonly
   */
  unread = 0;

  /** What is being written. */
  private draft = '';
  private sending = false;
  private failure: ZegoErrorInfo | undefined = undefined;
  /** Messages arrived below while the reader reads older ones. */
  private newBelow = false;
  get #log(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="log"]');
  }
  get #input(): HTMLTextAreaElement | null | undefined {
    return this.renderRoot?.querySelector('textarea');
  }

  readonly #ctl = new SessionController(this, () => ['messages', 'state']);
  /** The newest message rendered: what came after it is new. */
  #newest: ChatMessage | undefined;
  /** The reader is at the newest message (so the list follows new ones). */
  #atBottom = true;
  /** Scroll to the newest message after this update. */
  #toBottom = true;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#ctl.refresh();
    const list = this.#ctl.session?.messages ?? [];
    const newest = list.at(-1);
    if (newest !== this.#newest) {
      const fresh = newest ? list.slice(this.#newest ? list.indexOf(this.#newest) + 1 : 0) : [];
      this.#newest = newest;
      const others = fresh.filter((m) => !m.own).length;
      // You sent one: you see it. Others': followed only from the bottom.
      if (this.#atBottom || fresh.some((m) => m.own)) this.#toBottom = true;
      else if (others) this.newBelow = true;
      if (!list.length) this.#setUnread(0);
      else if (!this.open && others) this.#setUnread(this.unread + others);
    }
    if (changed.has('open') && this.open) {
      this.#setUnread(0);
      this.#toBottom = true;
    }
    if (this.#toBottom && this.open) this.newBelow = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const log = this.#log;
    // Scrolled once shown: a hidden list has no height to scroll.
    if (this.#toBottom && log && this.open) {
      this.#toBottom = false;
      log.scrollTop = log.scrollHeight;
      this.#atBottom = true;
    }
  }

  #setUnread(count: number): void {
    if (count === this.unread) return;
    this.unread = count;
    this.emit('zego-chat-unread', { count });
  }

  readonly #onScroll = (): void => {
    const log = this.#log;
    if (!log) return;
    this.#atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= NEAR_BOTTOM;
    if (this.#atBottom) this.newBelow = false;
  };

  readonly #showNewest = (): void => {
    this.#toBottom = true;
    this.requestUpdate();
  };

  readonly #onInput = (e: Event): void => {
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.failure = undefined;
  };

  readonly #onKeydown = (e: KeyboardEvent): void => {
    // Enter sends, Shift+Enter is a new line; Enter that ends an IME composition is neither.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void this.#send();
  };

  readonly #onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.#send().then(() => this.#input?.focus());
  };

  /** Sends the draft; it leaves the box only once sent. */
  async #send(): Promise<void> {
    const session = this.#ctl.session;
    const text = this.draft;
    // Over the limit nothing is sent: the box already says why.
    if (!session || this.sending || !text.trim() || utf8Length(text) > MAX_MESSAGE_BYTES) return;
    this.sending = true;
    this.failure = undefined;
    try {
      await session.sendMessage(text);
      if (this.draft === text) this.draft = '';
    } catch (err) {
      const code = errorCodeOf(err) ?? NETWORK_BROKEN;
      this.failure = { code, msg: errorText(this, code) };
      this.emit('zego-chat-error', this.failure);
    } finally {
      this.sending = false;
    }
  }

  #renderLog(list: readonly ChatMessage[]): TemplateResult | TemplateResult[] {
    if (!list.length) return html`<p part="empty">${msg(this, 'chatEmpty')}</p>`;
    const locale = localeOf(this);
    return groupsOf(list).map(({ own, messages }) => {
      const first = messages[0]!;
      const user = first.fromUser;
      return html`<div part=${own ? 'group own' : 'group'}>
        <div class="meta">
          <span part="sender" title=${user.userName || user.userID}
            >${own ? msg(this, 'chatYou') : user.userName || user.userID}</span
          ><time part="time" datetime=${new Date(first.sendTime).toISOString()}
            >${formatTime(locale, first.sendTime)}</time
          >
        </div>
        ${messages.map((m) => html`<p part=${own ? 'message own' : 'message'}>${linkify(m.message)}</p>`)}
      </div>`;
    });
  }

  protected override render() {
    const session = this.#ctl.session;
    const bytes = utf8Length(this.draft);
    const over = bytes > MAX_MESSAGE_BYTES;
    const canSend = session?.status.phase === 'connected' && !over && !this.sending && this.draft.trim() !== '';
    const error = over
      ? msg(this, 'chatTooLong', { max: MAX_MESSAGE_BYTES.toLocaleString(localeOf(this)) })
      : this.failure && msg(this, 'chatNotSent', { reason: this.failure.msg });
    const counter = bytes >= COUNTER_FROM;
    return html`<div class="scroller">
        <div
          part="log"
          role="log"
          aria-live="polite"
          aria-label=${msg(this, 'chatLog')}
          tabindex="0"
          @scroll=${this.#onScroll}
        >
          ${this.#renderLog(session?.messages ?? [])}
        </div>
        ${
          this.newBelow
            ? html`<button part="new-messages" type="button" @click=${this.#showNewest}>
                ${msg(this, 'chatNew')}
              </button>`
            : nothing
        }
      </div>
      <form part="form" @submit=${this.#onSubmit}>
        <label class="sr-only" for="input">${msg(this, 'chatInput')}</label>
        <textarea
          id="input"
          part="input"
          rows="2"
          placeholder=${msg(this, 'chatPlaceholder')}
          aria-invalid=${over ? 'true' : 'false'}
          aria-describedby=${[counter ? 'counter' : '', error ? 'error' : ''].join(' ').trim() || nothing}
          .value=${this.draft}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        ></textarea>
        <button part="send" type="submit" ?disabled=${!canSend}>${msg(this, 'chatSend')}</button>
        ${
          counter
            ? html`<span part="counter" id="counter" class=${over ? 'over' : ''}
                >${msg(this, 'chatBytes', { bytes, max: MAX_MESSAGE_BYTES })}</span
              >`
            : nothing
        }
        ${error ? html`<p part="error" id="error" role="alert">${error}</p>` : nothing}
      </form>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-chat-unread': CustomEvent<ChatUnreadDetail>;
    'zego-chat-error': CustomEvent<ZegoErrorInfo>;
  }
}
