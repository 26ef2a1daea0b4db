/**
 * The layout maths of `<zego-stream-grid>`: which tiles a page shows and how many columns make
 * them largest in the grid's box. Pure functions of sizes in px; no DOM.
 */

/** The room the tiles have, as the element measures it. */
export interface GridBox {
  /** Width of the element's box. */
  width: number;
  /** Height of the element's box (the element's size is contained: it is never its tiles' height). */
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

/** Width of each of `count` tiles of `aspect` (w/h) in `columns` that fit `width`×`height`. */
function fit(count: number, columns: number, width: number, height: number, gap: number, aspect: number): number {
  const rows = Math.ceil(count / columns);
  return Math.min((width - gap * (columns - 1)) / columns, ((height - gap * (rows - 1)) / rows) * aspect);
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
 * Columns and tile width for `count` tiles of `aspect` (w/h): the largest tiles that fit the box
 * above the pager. A box with no room yet (not measured) gives one column and no tile width.
 */
export function gridLayout(count: number, box: GridBox, aspect = 4 / 3): GridLayout {
  const height = box.height - box.pager;
  const columns = bestColumns(count, box.width, height, box.gap, aspect);
  return {
    columns,
    tileWidth: Math.max(0, Math.floor(fit(count, columns, box.width, height, box.gap, aspect))),
  };
}

/** Where the speaker layout puts its tiles: the featured one large, the others in a strip. */
export interface SpeakerLayout {
  /** The strip is beside the featured tile (in columns on its right) rather than below it (in rows). */
  beside: boolean;
  /** Width of the featured tile; 0 when the box gives none. */
  featured: number;
  /** Beside: the space above and below the featured tile that makes it fill its column. */
  margin: number;
  /** Width of the strip's tiles. */
  tileWidth: number;
  /**
   * Beside: the space above and below each strip tile that spreads a column's tiles over the
   * height, so that every column holds as many tiles (the last one may hold fewer).
   */
  spread: number;
}

/** The strip's tiles are at most this share of the widest tile the box holds. */
export const STRIP = 0.4;

/**
 * The speaker layout of `count` tiles of `aspect` (w/h): the strip of the others below the featured
 * tile or beside it, whichever leaves the featured tile larger. The strip takes the room the widest
 * featured tile leaves, and at least 30% of the box's depth; its tiles are laid out as a grid in
 * that room. Tiles never overlap and stay in the box above the pager.
 */
export function speakerLayout(count: number, box: GridBox, aspect = 4 / 3): SpeakerLayout {
  const { width, gap } = box;
  const height = box.height - box.pager;
  const big = Math.min(width, height * aspect);
  const rest = count - 1;
  const [below, beside] = [0, 1].map((side) => {
    const depth = Math.max(side ? width - big - gap : height - big / aspect - gap, big * 0.3);
    const strip = gridLayout(
      rest,
      { width: side ? depth : width, height: side ? height : depth, gap, pager: 0 },
      aspect,
    );
    const tileWidth = Math.min(strip.tileWidth, big * STRIP);
    const th = tileWidth / aspect;
    // The strip's lines (beside: columns; below: rows) as the flex lines fill up, each with the gap
    // before it; beside, the tiles are then shared out evenly between the columns.
    const lines = Math.ceil(
      rest / Math.max(1, Math.floor(((side ? height : width) + gap) / ((side ? th : tileWidth) + gap))),
    );
    const used = lines * ((side ? tileWidth : th) + gap);
    const featured = Math.max(0, Math.floor(Math.min(width - side * used, (height - (1 - side) * used) * aspect)));
    return {
      beside: !!side,
      featured,
      margin: (height - featured / aspect) / 2,
      tileWidth,
      spread: ((height + gap) / Math.ceil(rest / lines) - gap - th) / 2 - 0.5,
    };
  });
  return beside!.featured > below!.featured ? beside! : below!;
}
