/**
 * `<zego-stream-grid>`'s layout maths, without a browser: the column count for N tiles in
 * desktop and phone boxes, tiles that keep their 4:3 shape and fit, the gap and the pager height
 * taken from the caller, and pagination.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_PAGE_SIZE,
  bestColumns,
  gridLayout,
  paginate,
  speakerLayout,
  type GridBox,
} from '../../src/components/stream-grid/layout.js';

const DESKTOP: GridBox = { width: 1280, height: 720, gap: 8, pager: 0 };
const PHONE: GridBox = { width: 390, height: 700, gap: 8, pager: 0 };

/** Columns × rows for 1…n tiles in `box`. */
const shapes = (box: GridBox, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const { columns } = gridLayout(i + 1, box);
    return `${columns}x${Math.ceil((i + 1) / columns)}`;
  });

describe('grid layout', () => {
  it('a desktop box puts tiles side by side, then in a square-ish grid', () => {
    assert.deepEqual(shapes(DESKTOP, 9), ['1x1', '2x1', '2x2', '2x2', '3x2', '3x2', '4x2', '4x2', '3x3']);
  });

  it('a phone box stacks tiles in one column, then two', () => {
    assert.deepEqual(shapes(PHONE, 6), ['1x1', '1x2', '1x3', '1x4', '2x3', '2x3']);
  });

  for (const [name, box] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
    ['desktop with a pager', { ...DESKTOP, pager: 40 }],
    ['phone with a wide gap', { ...PHONE, gap: 24 }],
  ] as const) {
    it(`${name}: 4:3 tiles fit the box and fill its width or its height`, () => {
      for (let n = 1; n <= 12; n++) {
        const { columns, tileWidth } = gridLayout(n, box);
        const rows = Math.ceil(n / columns);
        const tileHeight = tileWidth * (3 / 4);
        const usedWidth = columns * tileWidth + (columns - 1) * box.gap;
        const usedHeight = rows * tileHeight + (rows - 1) * box.gap;
        const height = box.height - box.pager;
        assert.ok(usedWidth <= box.width && usedHeight <= height, `${n} tiles overflow: ${usedWidth}×${usedHeight}`);
        // Rounded down to whole pixels: within a pixel a tile of the box's width or height.
        assert.ok(box.width - usedWidth < columns || height - usedHeight < rows, `${n} tiles leave room on both axes`);
      }
    });
  }

  it('no arrangement gives larger tiles than the one chosen', () => {
    for (const box of [DESKTOP, PHONE]) {
      for (let n = 1; n <= 12; n++) {
        const chosen = gridLayout(n, box).tileWidth;
        for (let columns = 1; columns <= n; columns++) {
          const rows = Math.ceil(n / columns);
          const byWidth = (box.width - box.gap * (columns - 1)) / columns;
          const byHeight = ((box.height - box.gap * (rows - 1)) / rows) * (4 / 3);
          assert.ok(Math.floor(Math.min(byWidth, byHeight)) <= chosen, `${n} tiles in ${columns} columns`);
        }
      }
    }
  });

  it('takes the gap it is given: a wider gap makes tiles smaller', () => {
    const box: GridBox = { width: 800, height: 600, gap: 0, pager: 0 };
    assert.deepEqual(gridLayout(4, box), { columns: 2, tileWidth: 400 });
    assert.deepEqual(gridLayout(4, { ...box, gap: 20 }), { columns: 2, tileWidth: 386 });
  });

  it('takes the pager height it is given off the height', () => {
    const box: GridBox = { width: 800, height: 600, gap: 8, pager: 0 };
    assert.equal(gridLayout(4, box).tileWidth, 394);
    // (600 − 48 − 8) / 2 rows × 4/3
    assert.equal(gridLayout(4, { ...box, pager: 48 }).tileWidth, 362);
  });

  it('keeps another aspect ratio when asked', () => {
    const { columns, tileWidth } = gridLayout(2, { width: 1600, height: 450, gap: 0, pager: 0 }, 16 / 9);
    assert.deepEqual([columns, tileWidth], [2, 800]);
  });

  it('with no size yet (not measured), or no tiles, one column and no tile width', () => {
    assert.deepEqual(gridLayout(3, { width: 0, height: 0, gap: 8, pager: 0 }), { columns: 1, tileWidth: 0 });
    assert.deepEqual(gridLayout(3, { width: 1000, height: 0, gap: 8, pager: 0 }), { columns: 1, tileWidth: 0 });
    assert.equal(gridLayout(0, DESKTOP).columns, 1);
    assert.equal(bestColumns(5, 0, 600, 8, 4 / 3), 1);
  });

  it('a gap wider than the box never picks columns that do not fit', () => {
    assert.equal(bestColumns(4, 30, 600, 20, 4 / 3), 1);
  });
});

/** The boxes of the speaker layout's tiles, laid out as the element's CSS does (flex lines). */
function speakerBoxes(count: number, box: GridBox) {
  const { beside, featured, margin, tileWidth, spread } = speakerLayout(count, box);
  const height = box.height - box.pager;
  const th = tileWidth * 0.75;
  const fh = featured * 0.75;
  // The featured tile fills its line; the others follow, as many to a line as fit (beside, each
  // with `spread` above and below it).
  const slot = beside ? th + 2 * spread : tileWidth;
  const perLine = Math.max(1, Math.floor(((beside ? height : box.width) + box.gap) / (slot + box.gap)));
  const boxes = [{ x: beside ? 0 : (box.width - featured) / 2, y: beside ? margin : 0, w: featured, h: fh }];
  for (let i = 0; i < count - 1; i++) {
    const across = Math.floor(i / perLine) * ((beside ? tileWidth : th) + box.gap) + (beside ? featured : fh) + box.gap;
    const along = (i % perLine) * (slot + box.gap) + (beside ? spread : 0);
    boxes.push(beside ? { x: across, y: along, w: tileWidth, h: th } : { x: along, y: across, w: tileWidth, h: th });
  }
  return { beside, perLine, boxes };
}

describe('speaker layout', () => {
  const LANDSCAPE: GridBox = { width: 820, height: 310, gap: 8, pager: 0 };
  const BOXES = { DESKTOP, PHONE, LANDSCAPE, 'desktop with a pager': { ...DESKTOP, pager: 40 } };

  it('puts the strip beside the featured tile in wide boxes and below it in tall ones', () => {
    assert.equal(speakerLayout(4, DESKTOP).beside, true);
    assert.equal(speakerLayout(4, LANDSCAPE).beside, true);
    assert.equal(speakerLayout(4, PHONE).beside, false);
  });

  for (const [name, box] of Object.entries(BOXES)) {
    it(`${name}: 1 to 9 tiles stay in the box, never overlap, and the featured one is much larger`, () => {
      for (let n = 1; n <= 9; n++) {
        const { boxes } = speakerBoxes(n, box);
        const [featured, ...strip] = boxes;
        for (const b of boxes) {
          assert.ok(b.x >= -0.5 && b.y >= -0.5, `${n} tiles: a tile starts outside the box`);
          assert.ok(b.x + b.w <= box.width + 0.5 && b.y + b.h <= box.height - box.pager + 0.5, `${n} tiles overflow`);
        }
        for (let i = 0; i < boxes.length; i++)
          for (const b of boxes.slice(i + 1)) {
            const a = boxes[i]!;
            const apart =
              a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
            assert.ok(apart, `${n} tiles: two overlap`);
          }
        for (const t of strip)
          assert.ok(t.w * 1.5 <= featured!.w, `${n} tiles: a strip tile is ${t.w} wide, the featured ${featured!.w}`);
      }
    });
  }

  it('beside, the columns of the strip hold as many tiles each (the last may hold fewer)', () => {
    // 8 small tiles at 1280×720 fit 6 to a column; shared out, they are two columns of 4.
    assert.equal(speakerBoxes(9, DESKTOP).perLine, 4);
    assert.equal(speakerBoxes(4, DESKTOP).perLine, 3);
    assert.equal(speakerBoxes(9, LANDSCAPE).perLine, 3);
  });

  it('one tile alone is the largest 4:3 tile the box holds', () => {
    assert.equal(speakerLayout(1, DESKTOP).featured, 960);
    assert.equal(speakerLayout(1, PHONE).featured, 390);
  });

  it('with no size yet, no featured tile', () => {
    assert.equal(speakerLayout(3, { width: 0, height: 0, gap: 8, pager: 0 }).featured, 0);
  });
});

describe('pagination', () => {
  it('one page until the page is full', () => {
    assert.deepEqual(paginate(0, 9, 0), { pages: 1, page: 0, start: 0, end: 0 });
    assert.deepEqual(paginate(9, 9, 0), { pages: 1, page: 0, start: 0, end: 9 });
  });

  it('the last page holds the rest', () => {
    assert.deepEqual(paginate(10, 9, 1), { pages: 2, page: 1, start: 9, end: 10 });
    assert.deepEqual(paginate(5, 2, 2), { pages: 3, page: 2, start: 4, end: 5 });
  });

  it('a page past the end shows the last page; a negative one the first', () => {
    assert.deepEqual(paginate(10, 9, 5), { pages: 2, page: 1, start: 9, end: 10 });
    assert.deepEqual(paginate(10, 9, -1), { pages: 2, page: 0, start: 0, end: 9 });
  });

  it('a page size below 1 or not a number means the default; fractions round down', () => {
    assert.equal(paginate(20, 0, 0).end, DEFAULT_PAGE_SIZE);
    assert.equal(paginate(20, Number.NaN, 0).end, DEFAULT_PAGE_SIZE);
    assert.equal(paginate(20, 2.7, 0).end, 2);
    assert.equal(paginate(20, 0.5, 0).end, DEFAULT_PAGE_SIZE);
  });
});
