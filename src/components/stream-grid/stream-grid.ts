import { html, css, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SessionController } from '../../core/controllers/session-controller.js';
import type { RoomSession } from '../../core/session.js';
import { msg } from '../localize.js';
import { ZegoElement } from '../zego-element.js';
import { tokens } from '../shared.styles.js';

/** The tile layout that fits `n` tiles of `aspect` (w/h) in a `width`×`height` box best. */
export function bestColumns(n: number, width: number, height: number, aspect = 4 / 3): number {
  if (n <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestArea = 0;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const w = Math.min(width / cols, (height / rows) * aspect);
    if (w * (w / aspect) > bestArea + 0.5) {
      bestArea = w * (w / aspect);
      best = cols;
    }
  }
  return best;
}

const SELF = '\u0000self';

/**
 * Every stream of the room as tiles: your own preview first, then one `<zego-remote-stream>` per
 * remote stream. Tiles are keyed by stream ID, so existing tiles are moved, never rebuilt. The grid
 * picks the column count that makes tiles largest in its box; `layout="speaker"` shows the active
 * speaker large; more than `page-size` tiles are paged.
 *
 * @summary All the call's video tiles, laid out.
 *
 * @tagname zego-stream-grid
 *
 * @csspart grid - The box holding the tiles.
 * @csspart tile - Each tile (`<zego-preview>` or `<zego-remote-stream>`); `featured` is added to the active speaker's in speaker layout.
 * @csspart pager - Previous/next page controls.
 * @csspart page-button - The previous and next buttons.
 *
 * @cssproperty --zego-grid-gap - Space between tiles (default 8px).
 */
export class ZegoStreamGrid extends ZegoElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-height: 200px;
        flex: 1;
      }
      [part~='grid'] {
        flex: 1;
        display: grid;
        gap: var(--zego-grid-gap, 8px);
        grid-template-columns: repeat(var(--_cols, 1), var(--_tile-w, minmax(0, 1fr)));
        justify-content: center;
        align-content: center;
        min-height: 0;
      }
      :host([layout='speaker']) [part~='grid'] {
        grid-auto-flow: dense;
        grid-template-columns: repeat(var(--_cols, 4), minmax(0, 1fr));
      }
      :host([layout='speaker']) [part~='featured'] {
        grid-column: 1 / -1;
        grid-row: 1;
        --zego-tile-aspect-ratio: 16 / 9;
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

  /** `grid` (default) or `speaker` (the active speaker large, the others below). */
  @property({ reflect: true }) layout: 'grid' | 'speaker' = 'grid';
  /** Tiles per page (default 9). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 9;
  /** Leave out your own preview tile. */
  @property({ type: Boolean, attribute: 'no-preview' }) noPreview = false;
  /** Don't publish your own preview (show it only). */
  @property({ type: Boolean, attribute: 'no-publish' }) noPublish = false;
  /** `fit` for remote tiles: `cover` (default) or `contain`. */
  @property() fit: 'cover' | 'contain' = 'cover';

  /** Current page, from 0. */
  @state() page = 0;
  @state() private box = { width: 0, height: 0 };

  private readonly ctl = new SessionController(this, () => ['streams', 'state', 'speaker', 'users']);
  private resize: ResizeObserver | undefined;
  private resizeFrame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver === 'function') {
      this.resize ??= new ResizeObserver(([entry]) => {
        if (!entry) return;
        const { width, height } = entry.contentRect;
        // Re-render on the next frame: resizing tiles inside the observer's callback changes the
        // observed size again in the same frame ("ResizeObserver loop completed with undelivered
        // notifications", an error event on window).
        cancelAnimationFrame(this.resizeFrame);
        this.resizeFrame = requestAnimationFrame(() => {
          if (Math.abs(width - this.box.width) > 1 || Math.abs(height - this.box.height) > 1)
            this.box = { width, height };
        });
      });
      this.resize.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    cancelAnimationFrame(this.resizeFrame);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.ctl.refresh();
  }

  /** Keys of every tile in order: own preview first, then remote streams as they were added. */
  private tiles(session: RoomSession | undefined): string[] {
    const keys = session ? [...session.streams.keys()] : [];
    return this.noPreview || !session ? keys : [SELF, ...keys];
  }

  protected override render() {
    const session = this.ctl.session;
    const all = this.tiles(session);
    const size = Math.max(1, Math.floor(this.pageSize) || 9);
    const pages = Math.max(1, Math.ceil(all.length / size));
    const page = Math.min(this.page, pages - 1);
    const shown = all.slice(page * size, page * size + size);
    let featured: string | undefined;
    if (this.layout === 'speaker') {
      const active = session?.activeSpeaker ?? '';
      const key = session?.published.has(active) ? SELF : active;
      featured = shown.includes(key) ? key : (shown.find((k) => k !== SELF) ?? shown[0]);
    }
    const { width } = this.box;
    const height = this.box.height - (pages > 1 ? 40 : 0);
    let style: string;
    if (this.layout === 'speaker') {
      style = `--_cols:${Math.max(1, Math.min(4, shown.length - 1))}`;
    } else {
      // Largest 4:3 tiles that fit the box; with no height to fit (auto), as wide as the columns allow.
      const gap = 8;
      const cols = height > 0 ? bestColumns(shown.length, width, height) : Math.ceil(Math.sqrt(shown.length)) || 1;
      const rows = Math.ceil(shown.length / cols) || 1;
      const byWidth = (width - gap * (cols - 1)) / cols;
      const byHeight = ((height - gap * (rows - 1)) / rows) * (4 / 3);
      const tile = Math.floor(height > 0 ? Math.min(byWidth, byHeight) : byWidth);
      style = width > 0 && tile > 0 ? `--_cols:${cols};--_tile-w:${tile}px` : `--_cols:${cols}`;
    }
    return html`<div part="grid" style=${style} role="list" aria-label=${msg(this, 'participants')}>
        ${repeat(
          shown,
          (key) => key,
          (key) =>
            key === SELF
              ? html`<zego-preview
                  role="listitem"
                  part=${key === featured ? 'tile featured' : 'tile'}
                  exportparts="base, video, avatar, label"
                  ?publish=${!this.noPublish}
                  .session=${this.session}
                ></zego-preview>`
              : html`<zego-remote-stream
                  role="listitem"
                  part=${key === featured ? 'tile featured' : 'tile'}
                  stream-id=${key}
                  fit=${this.fit}
                  .session=${this.session}
                ></zego-remote-stream>`,
        )}
      </div>
      ${
        pages > 1
          ? html`<nav part="pager" aria-label=${msg(this, 'participants')}>
              <button
                part="page-button"
                type="button"
                ?disabled=${page === 0}
                @click=${() => (this.page = page - 1)}
                aria-label=${msg(this, 'previous')}
              >
                ‹
              </button>
              <span aria-live="polite">${msg(this, 'page', { page: page + 1, pages })}</span>
              <button
                part="page-button"
                type="button"
                ?disabled=${page >= pages - 1}
                @click=${() => (this.page = page + 1)}
                aria-label=${msg(this, 'next')}
              >
                ›
              </button>
            </nav>`
          : ''
      }`;
  }
}
