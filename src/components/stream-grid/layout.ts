/**
 * The layout maths of `<zego-stream-grid>`: which tiles a page shows and how many columns make
 * them largest in the grid's box. Pure functions of sizes in px; no DOM.
 */

/** The room the tiles have, as the element measures it. */
export interface GridBox {
  /** Width of the element's box. */
  width: number;
  /** Height of the element's box; 0 when it has none to fit (height auto). */
  height: number;
  /** Space between tiles (the grid's computed `gap`, `--zego-grid-gap`). */
  gap: number;
  /** Height the pager takes below the tiles, the space above it included; 0 without a pager. */
  pager: number;
}

export interface GridLayout {
  columns: number;
  /** Width of each tile; 0 when the box gives none (the columns then share the width). */
  tileWidth: number;
}

export interface GridPage {
  /** Number of pages, at least 1. */
  pages: number;
  /** The page shown: the one asked for, kept within the pages there are. */
  page: number;
  /** The tiles shown are `start` up to (not including) `end`. */
  start: number;
  end: number;
}

/** Tiles per page when `page-size` is not a positive number. */
export const DEFAULT_PAGE_SIZE = 9;

/** Which of `total` tiles page `page` (from 0) shows, `pageSize` a page. */
export function paginate(total: number, pageSize: number, page: number): GridPage {
  const size = Math.max(1, Math.floor(pageSize) || DEFAULT_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = Math.max(0, Math.min(page, pages - 1));
  return { pages, page: shown, start: shown * size, end: Math.min(total, shown * size + size) };
}

/**
 * Width of each of `count` tiles of `aspect` (w/h) in `columns` that fit `width`×`height`; with no
 * height to fit, the width alone decides.
 */
function fit(count: number, columns: number, width: number, height: number, gap: number, aspect: number): number {
  const rows = Math.ceil(count / columns);
  const byWidth = (width - gap * (columns - 1)) / columns;
  return height > 0 ? Math.min(byWidth, ((height - gap * (rows - 1)) / rows) * aspect) : byWidth;
}

/** The column count that makes `count` tiles of `aspect` (w/h) largest in a `width`×`height` box. */
export function bestColumns(count: number, width: number, height: number, gap: number, aspect: number): number {
  if (count <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestArea = 0;
  for (let columns = 1; columns <= count; columns++) {
    const w = fit(count, columns, width, height, gap, aspect);
    // Fewer columns win a tie (within half a square pixel).
    if (w > 0 && w * (w / aspect) > bestArea + 0.5) {
      bestArea = w * (w / aspect);
      best = columns;
    }
  }
  return best;
}

/**
 * Columns and tile width for `count` tiles of `aspect` (w/h): the largest tiles that fit the
 * box above the pager; with no height to fit, about as many columns as rows, as wide as they allow.
 */
export function gridLayout(count: number, box: GridBox, aspect = 4 / 3): GridLayout {
  const height = box.height - box.pager;
  const columns =
    height > 0 ? bestColumns(count, box.width, height, box.gap, aspect) : Math.ceil(Math.sqrt(count)) || 1;
  return {
    columns,
    tileWidth: Math.max(0, Math.floor(fit(count, columns, box.width, height, box.gap, aspect))),
  };
}

/** Columns of the small tiles in the speaker layout (the featured tile spans them all): up to 4. */
export function speakerColumns(count: number): number {
  return Math.max(1, Math.min(4, count - 1));
}
