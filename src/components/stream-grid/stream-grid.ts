import { html, css, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession } from '../../core/session.js';
import { initials, msg } from '../localize.js';
import { streamIDFor } from '../../core/stream-ids.js';
import { ZegoElement } from '../zego-element.js';
import { tileParts, tokens } from '../shared.styles.js';
import { icons } from '../icons.js';
import { gridLayout, paginate } from './layout.js';

const SELF = '\u0000self';
/**
 * `<zego-remote-stream>` and the grid's extras (speaker stage, glide, pager), loaded once a grid
 * has a session (while the engine loads): until then there is nobody but you to show.
 */
let extras: typeof import('./extras.js') | undefined;
let loading: Promise<unknown> | undefined;
const load = () =>
  (loading ??= Promise.all([import('../remote-stream/define.js'), import('./extras.js').then((m) => (extras = m))]));
/** `16 / 9`, `1.5` or `4/3` as a number; undefined when it is none of these. */
const ratio = (value: string): number | undefined => {
  const [w, h = 1] = value.split('/').map(Number);
  return w && h && w / h > 0 ? w / h : undefined;
};
const reducedMotion = () => !!globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
/** Key prefix of the tile of a person who publishes nothing. */
const PERSON = '\u0000user:';
/** Where the grid's children with `slot="tile:<userID>"` show: over that person's tile. */
/** The tiles on this page (the others are there, hidden: their sound goes on). */
const SHOWN = '[part~="tile"]:not([hidden])';
const over = (userID = '') => html`<slot slot="actions" name=${'tile:' + userID}></slot>`;

/**
 * Every stream of the room as tiles: your own preview first, then one `<zego-remote-stream>` per
 * remote stream. Tiles are keyed by stream ID, so existing tiles are moved, never rebuilt. The grid
 * fits the box its container gives it (give it a height: `flex: 1` with `min-height: 0` in a flex
 * column, say); its size never comes from its tiles or their video. It picks the column count that
 * makes tiles largest in that box and centres every row; `layout="speaker"` shows the active speaker
 * large and the others in a strip below or beside it; more than `page-size` tiles are paged (the
 * tiles of the other pages stay, hidden: their sound plays, their video is not received). Tiles
 * glide to their new places when someone joins or leaves (not under `prefers-reduced-motion`).
 * Each tile has a Pin button (the pinned tile takes the stage in every layout and on every page,
 * before a screen share or the active speaker) and, where the browser allows it, Full screen.
 *
 * @summary All the call's video tiles, laid out.
 *
 * @tagname zego-stream-grid
 *
 * @slot tile:<userID> - Shown over that person's tile (their camera's, or the tile of a person without a stream), e.g. `<span slot="tile:alice">VIP</span>`; position it absolutely in the tile. `<zego-call>` shows raised hands and reactions there.
 *
 * @csspart grid - The box holding the tiles.
 * @csspart tile - Each tile (`<zego-preview>`, `<zego-remote-stream>` or a person's); `featured` is added to the one on stage: a screen share (presentation), else the active speaker in speaker layout.
 * @csspart tile-actions - The Pin and Full screen buttons of a tile (shown on hover and keyboard focus, and while pinned), with `pin` and `fullscreen`.
 * @csspart pager - Previous/next page controls.
 * @csspart page-button - The previous and next buttons.
 *
 * @event {CustomEvent<{pinned: string}>} zego-pin-change - A tile was pinned (its stream ID, `self` for your own) or unpinned (`''`).
 *
 * @cssproperty --zego-grid-gap - Space between tiles (default 8px).
 * @cssproperty --zego-tile-aspect-ratio - Shape of every tile, e.g. `16 / 9` (default 4 / 3); the layout makes tiles of that shape largest.
 */
export class ZegoStreamGrid extends ZegoElement {
  static override properties: PropertyDeclarations = {
    layout: { reflect: true },
    pageSize: { type: Number, attribute: 'page-size' },
    noPresentation: { type: Boolean, attribute: 'no-presentation' },
    noPreview: { type: Boolean, attribute: 'no-preview' },
    noPublish: { type: Boolean, attribute: 'no-publish' },
    pinned: { reflect: true },
    fit: {},
    page: { state: true },
    box: { state: true },
    gap: { state: true },
    aspect: { state: true },
    pagerHeight: { state: true },
  };
  static override styles = [
    tokens,
    tileParts,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-height: 200px;
        flex: 1;
      }
      /* The tiles' box takes the size the host is given; no tile or video can make it grow
         (size containment). The tiles are sized to fit it and wrap in centred rows. */
      [part~='grid'] {
        flex: 1;
        min-height: 0;
        contain: size;
        display: flex;
        flex-flow: var(--_dir, row) wrap;
        place-content: center;
        align-self: center;
        width: var(--_w, 100%);
        gap: var(--zego-grid-gap, 8px);
      }
      [part~='tile'] {
        flex: none;
        width: var(--_tile-w);
        margin: var(--_tm);
      }
      /* A person who publishes nothing: a tile of the same shape, with initials. */
      [part~='person'] {
        position: relative;
        aspect-ratio: var(--zego-tile-aspect-ratio, 4 / 3);
      }
      /* The featured tile leads and fills its line (margins), so the strip starts on the next one. */
      [part~='featured'] {
        order: -1;
        width: var(--_fw);
        margin: var(--_fm, 0 calc(50% - var(--_fw) / 2));
      }
      [part~='tile-actions'] {
        position: absolute;
        top: 6px;
        right: 6px;
        z-index: 1;
        opacity: 0;
      }
      :hover > [part~='tile-actions'],
      [part~='tile-actions']:focus-within,
      .on {
        opacity: 1;
      }
      [part~='tile-actions'] button {
        padding: 4px;
        margin-left: 4px;
        border: 0;
        border-radius: 50%;
        background: rgb(0 0 0 / 0.55);
        color: #fff;
        cursor: pointer;
      }
      [part~='tile-actions'] [aria-pressed='true'] {
        background: var(--_accent);
      }
      [part~='tile-actions'] svg {
        display: block;
        width: 18px;
        fill: currentColor;
      }
      [part~='pager'] {
        display: flex;
        gap: 8px;
        align-items: center;
        justify-content: center;
        font-size: 14px;
      }
      [part~='page-button'] {
        font: inherit;
        padding: 4px 12px;
        border-radius: 6px;
        border: 1px solid color-mix(in srgb, var(--_fg) 25%, transparent);
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      [part~='page-button']:disabled {
        opacity: 0.4;
        cursor: default;
      }
      [part~='page-button']:focus-visible {
        outline: none;
        box-shadow: var(--_focus);
      }
    `,
  ];

  /** `grid` (default) or `speaker` (the active speaker large, the others in a strip below or beside it). */
  layout: 'grid' | 'speaker' = 'grid';
  /** Tiles per page (default 9). */
  pageSize = 9;
  /** Keep a screen share as one tile among the others (by default it takes the stage, the people in a strip). */
  noPresentation = false;
  /** Leave out your own preview tile. */
  noPreview = false;
  /** Don't publish your own preview (show it only). */
  noPublish = false;
  /** The pinned tile: a stream ID, or `self` for your own. It takes the stage in every layout. */
  pinned = '';
  /** `fit` for remote tiles: `cover` (default) or `contain`. */
  fit: 'cover' | 'contain' = 'cover';

  /** Current page, from 0. */
  page = 0;
  private box = { width: 0, height: 0 };
  private gap = 0;
  /** The tiles' width/height, from `--zego-tile-aspect-ratio` (default 4 / 3). */
  private aspect = 4 / 3;
  private pagerHeight = 0;

  readonly #ctl = new SessionController(this, () => ['streams', 'state', 'speaker', 'users']);
  #resize: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'function') {
      this.#resize ??= new ResizeObserver(([entry]) => {
        if (!entry) return;
        const { width, height } = entry.contentRect;
        // Re-rendering here cannot resize the host again in this frame (no "ResizeObserver loop"
        // error): the tiles' box is size-contained, so the tiles never change the host's size.
        if (Math.abs(width - this.box.width) > 1 || Math.abs(height - this.box.height) > 1)
          this.box = { width, height };
      });
      this.#resize.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
  }

  /** The stream on stage in the speaker layout: the last other person who spoke. */
  #stage = '';
  /** Tile keys at the last render, and where each tile stood before this update (to glide from). */
  #shownKeys = '';
  #was = new Map<Element, DOMRect>();
  #loading = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Someone joined, left or took the stage: remember where the tiles are now. A resize of the
    // box alone re-lays them out without motion (it follows the window as it is dragged).
    this.#was.clear();
    if (this.#shownKeys && this.#shownKeys !== this.#layoutKey() && !reducedMotion())
      for (const tile of this.renderRoot.querySelectorAll(SHOWN)) this.#was.set(tile, tile.getBoundingClientRect());
  }

  /** What decides where tiles go, besides the box: which tiles show and which one is on stage. */
  #layoutKey(): string {
    return `${this.#tiles(this.#ctl.session).join('|')}/${this.layout}/${this.page}/${this.pinned}/${this.#ctl.session?.activeSpeaker ?? ''}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#shownKeys = this.#layoutKey();
    if (this.#was.size) extras?.glide(this.renderRoot.querySelectorAll<HTMLElement>(SHOWN), this.#was);
    this.#was.clear();
    // The real gap (--zego-grid-gap) and pager height, re-read as styles and the pager come and go.
    const px = (el: Element, gap: 'columnGap' | 'rowGap') => parseFloat(getComputedStyle(el)[gap]) || 0;
    const [grid, pager] = this.renderRoot.querySelectorAll<HTMLElement>('[part~="grid"], [part~="pager"]');
    this.gap = px(grid!, 'columnGap');
    this.aspect = ratio(getComputedStyle(this).getPropertyValue('--zego-tile-aspect-ratio')) ?? 4 / 3;
    // With the space above it; without a pager, the last height stays: it only counts while there is one.
    if (pager) this.pagerHeight = pager.offsetHeight + px(this, 'rowGap');
  }

  /**
   * Keys of every tile in order: own preview first, then remote streams as they were added, then
   * the people in the room who publish nothing (`user:<userID>`): everyone has a tile.
   */
  #tiles(session: RoomSession | undefined): string[] {
    if (!session) return [];
    const keys = [...session.streams.keys()];
    const publishing = new Set([...session.streams.values()].map((s) => s.user.userID));
    for (const userID of session.users.keys()) if (!publishing.has(userID)) keys.push(PERSON + userID);
    return this.noPreview ? keys : [SELF, ...keys];
  }

  /** A person without a stream: their initials, name, and that they share no camera or microphone. */
  #person(session: RoomSession | undefined, key: string, featured: boolean, hidden: boolean) {
    const user = session?.users.get(key.slice(PERSON.length));
    const name = user?.userName || user?.userID || '';
    return html`<div
      role="listitem"
      part=${featured ? 'tile person featured' : 'tile person'}
      aria-label=${name}
      ?hidden=${hidden}
    >
      <div part="base">
        <div part="avatar" aria-hidden="true">${initials(name)}</div>
        <div part="state">${msg(this, 'noMedia')}</div>
        <div part="label"><span class="name" title=${name}>${name}</span></div>
        ${over(user?.userID)}
      </div>
    </div>`;
  }

  /** Pin (and Full screen where the browser allows it) for the tile of `id` (a stream ID or `self`). */
  #actions(id: string) {
    const pinned = this.pinned === id;
    const button = (part: string, label: string, icon: unknown, click: (e: Event) => unknown, pressed?: boolean) =>
      html`<button
        part=${part}
        type="button"
        title=${label}
        aria-label=${label}
        aria-pressed=${pressed ?? nothing}
        @click=${click}
      >
        ${icon}
      </button>`;
    return html`<div slot="actions" part="tile-actions" class=${pinned ? 'on' : ''}>
      ${button('pin', msg(this, pinned ? 'unpin' : 'pin'), icons.pin, () => this.pin(pinned ? '' : id), pinned)}
      ${
        globalThis.document?.fullscreenEnabled
          ? button('fullscreen', msg(this, 'fullscreen'), icons.fullscreen, (e) =>
              (e.currentTarget as Element).closest('[part~="tile"]')?.requestFullscreen(),
            )
          : ''
      }
    </div>`;
  }

  /** Pins the tile of `id` (a stream ID or `self`), or unpins with `''`. */
  pin(id: string): void {
    if (id === this.pinned) return;
    this.pinned = id;
    this.emit('zego-pin-change', { pinned: id });
  }

  protected override render() {
    const session = this.#ctl.session;
    if (session && !extras && !this.#loading) {
      this.#loading = true;
      load().then(
        () => this.requestUpdate(),
        () => {
          // Not loaded (offline?): the next render asks again.
          loading = undefined;
          this.#loading = false;
        },
      );
    }
    const all = this.#tiles(session);
    const { pages, page, start, end } = paginate(all.length, this.pageSize, this.page);
    const shown = all.slice(start, end);
    // The pinned tile is on every page, on stage.
    const pin = this.pinned === 'self' ? SELF : this.pinned;
    if (pin && all.includes(pin) && !shown.includes(pin)) shown.unshift(pin);
    let featured = shown.includes(pin) ? pin : undefined;
    // Presentation: a screen share on this page takes the stage, the people in a strip.
    const share = this.noPresentation
      ? undefined
      : shown.find((k) => {
          const user = session?.streams.get(k)?.user.userID;
          return user !== undefined && k === streamIDFor(user, 'screen');
        });
    if (featured) this.#stage = '';
    else if (share) featured = share;
    else if (this.layout === 'speaker') {
      // The last other person who spoke stays on stage while you speak (nobody needs to watch
      // themselves); you are on stage only when alone.
      const active = session?.activeSpeaker ?? '';
      if (shown.includes(active)) this.#stage = active;
      featured = this.#stage && shown.includes(this.#stage) ? this.#stage : (shown.find((k) => k !== SELF) ?? shown[0]);
    }
    const box = { ...this.box, gap: this.gap, pager: pages > 1 ? this.pagerHeight : 0 };
    let style: string;
    if (!extras) featured = undefined;
    if (featured && extras) {
      const { beside, featured: w, margin, tileWidth, spread } = extras.speakerLayout(shown.length, box, this.aspect);
      style = `--_tile-w:${tileWidth}px;--_fw:${w}px${beside ? `;--_dir:column;--_fm:${margin}px 0;--_tm:${spread}px 0` : ''}`;
    } else {
      const { columns, tileWidth } = gridLayout(shown.length, box, this.aspect);
      // The row is as wide as its tiles, so each row holds `columns` of them (none before the box is measured).
      style = `--_w:${columns * (tileWidth + this.gap) - this.gap + 1}px;--_tile-w:${tileWidth}px`;
    }
    return html`<div part="grid" style=${style} role="list" aria-label=${msg(this, 'participants')}>
        ${repeat(
          all,
          (key) => key,
          (key) =>
            key.startsWith(PERSON)
              ? this.#person(session, key, key === featured, !shown.includes(key))
              : key === SELF
                ? html`<zego-preview
                    role="listitem"
                    ?hidden=${!shown.includes(key)}
                    part=${key === featured ? 'tile featured' : 'tile'}
                    exportparts="base, video, avatar, label"
                    ?publish=${!this.noPublish}
                    .session=${this.session}
                    >${this.#actions('self')}${over(session?.user.userID)}</zego-preview
                  >`
                : html`<zego-remote-stream
                    role="listitem"
                    ?hidden=${!shown.includes(key)}
                    part=${key === featured ? 'tile featured' : 'tile'}
                    stream-id=${key}
                    fit=${this.fit}
                    .session=${this.session}
                    >${this.#actions(key)}${over(session?.streams.get(key)?.user.userID)}</zego-remote-stream
                  >`,
        )}
      </div>
      ${pages > 1 && extras ? extras.pager(this, page, pages) : ''}`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-pin-change': CustomEvent<{ pinned: string }>;
  }
}
