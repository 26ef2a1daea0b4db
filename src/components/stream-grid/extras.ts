/**
 * What `<zego-stream-grid>` needs only once people are in the room, loaded with the remote tiles
 * when it gets a session: the speaker stage's layout, the glide of tiles to their new places, and
 * the pager.
 */
import { html } from 'lit';
import { msg } from '../localize.js';

export { speakerLayout } from './layout.js';

/** How tiles glide to their new places when someone joins or leaves. */
const GLIDE: KeyframeAnimationOptions = { duration: 220, easing: 'cubic-bezier(0.2, 0, 0, 1)' };

/** Tiles glide from where they were (`was`) to where they are; new ones fade in. */
export function glide(tiles: Iterable<HTMLElement>, was: Map<Element, DOMRect>): void {
  for (const tile of tiles) {
    const from = was.get(tile);
    const to = tile.getBoundingClientRect();
    if (!from) {
      tile.animate([{ opacity: 0, transform: 'scale(0.92)' }, {}], GLIDE);
      continue;
    }
    const [dx, dy] = [from.left - to.left, from.top - to.top];
    const [sx, sy] = [from.width / (to.width || 1), from.height / (to.height || 1)];
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1 && Math.abs(sx - 1) < 0.01 && Math.abs(sy - 1) < 0.01) continue;
    tile.animate(
      [
        { transformOrigin: '0 0', transform: `translate(${dx}px, ${dy}px) scale(${sx}, ${sy})` },
        { transformOrigin: '0 0' },
      ],
      GLIDE,
    );
  }
}

/** Previous / next page controls of `grid`, on page `page` (from 0) of `pages`. */
export function pager(grid: HTMLElement & { page: number }, page: number, pages: number) {
  return html`<nav part="pager" aria-label=${msg(grid, 'participants')}>
    <button
      part="page-button"
      type="button"
      ?disabled=${page === 0}
      @click=${() => (grid.page = page - 1)}
      aria-label=${msg(grid, 'previous')}
    >
      ‹
    </button>
    <span aria-live="polite">${msg(grid, 'page', { page: page + 1, pages })}</span>
    <button
      part="page-button"
      type="button"
      ?disabled=${page >= pages - 1}
      @click=${() => (grid.page = page + 1)}
      aria-label=${msg(grid, 'next')}
    >
      ›
    </button>
  </nav>`;
}
