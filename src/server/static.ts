/**
 * Static files done properly: content types, gzip and brotli (compressed once per file version and
 * kept in memory), strong ETags and 304s, cache lifetimes by name, HEAD and byte ranges. Node only.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Types worth compressing: text, and formats that are not compressed already (PNG is). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.wasm', '.ico']);

/** Smaller files go as they are: the headers would outweigh the saving. */
const MIN_COMPRESS_BYTES = 1024;

/** Files larger than this are not kept in memory (read per request; not compressed). */
const MAX_CACHED_FILE_BYTES = 16 * 1024 * 1024;

/** What all kept versions may hold together (raw and compressed); the oldest go first. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Whether a URL path names a file that never changes under that name: one under a `chunks/` folder,
 * or one whose name ends in a content hash after a `-` or `.`: 8 or more hex digits (with a digit
 * and a letter: `app.3f2a9c1b.css`), or 8 characters of `A-Z a-z 0-9 _ -` with an upper-case
 * letter, a lower-case letter and a digit (rollup's and esbuild's: `de-OaBUa1xs.js`). A name that
 * is not recognised is served `no-cache`, which is always safe.
 */
export function isImmutablePath(path: string): boolean {
  if (/(^|\/)chunks\//.test(path)) return true;
  const name = basename(path);
  const stem = name.slice(0, name.length - extname(name).length).replace(/\.(js|mjs|css)$/, '');
  const hex = /[-.]([0-9a-f]{8,})$/.exec(stem)?.[1];
  if (hex && /\d/.test(hex) && /[a-f]/.test(hex)) return true;
  const b64 = /[-.]([A-Za-z0-9_-]{8})$/.exec(stem)?.[1];
  return !!b64 && /[A-Z]/.test(b64) && /[a-z]/.test(b64) && /\d/.test(b64);
}

type Coding = 'br' | 'gzip' | 'identity';

/** One version of one file (by modification time and size), and its compressed forms once made. */
interface Entry {
  mtimeMs: number;
  size: number;
  body: Buffer;
  /** The identity ETag's core: a hash of the bytes. */
  hash: string;
  br?: Promise<Buffer | null>;
  gzip?: Promise<Buffer | null>;
  bytes: number;
}

/**
 * Picks the coding from `Accept-Encoding`: brotli, then gzip, by the client's q-values (`q=0`
 * refuses one); `identity` when neither is acceptable.
 */
export function pickCoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q') weight = Number(v);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (c: string) => q.get(c) ?? (q.has('*') ? q.get('*')! : 0);
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, as RFC 9110 says for it). */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const core = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === core);
}

/**
 * A single byte range from a `Range` header against a file of `size` bytes: `[start, end]`
 * inclusive, `'unsatisfiable'`, or undefined to ignore the header (not bytes, or several ranges).
 */
export function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === '' && b === '') return undefined;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(a);
  // `bytes=5-1` is not a valid range: ignored (the whole file), as RFC 9110 allows.
  if (b !== '' && Number(b) < start) return undefined;
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  return [start, b === '' ? size - 1 : Math.min(Number(b), size - 1)];
}

/** Serves files from folders by URL prefix. */
export class StaticFiles {
  private readonly mounts: (readonly [string, string])[];
  private readonly cache = new Map<string, Entry>();
  private cachedBytes = 0;

  constructor(folders: Record<string, string>) {
    this.mounts = Object.entries(folders)
      .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)] as const)
      .sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * Answers a GET or HEAD for `pathname` if a folder has that file.
   *
   * @returns false when no folder has it (the caller answers 404); 'bad' for a malformed path.
   */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean | 'bad'> {
    for (const [prefix, dir] of this.mounts) {
      if (!(pathname + '/').startsWith(prefix)) continue;
      let rel: string;
      try {
        rel = decodeURIComponent(pathname.slice(prefix.length));
      } catch {
        return 'bad';
      }
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = normalize(join(dir, rel));
      if (file !== dir && !file.startsWith(dir + sep)) return false;
      let info;
      try {
        info = await stat(file);
      } catch {
        continue;
      }
      if (!info.isFile()) continue;
      const entry = await this.load(file, info.mtimeMs, info.size);
      if (!entry) continue;
      await this.send(req, res, file, pathname, entry);
      return true;
    }
    return false;
  }

  /** The file's current version, from memory when it has not changed. */
  private async load(file: string, mtimeMs: number, size: number): Promise<Entry | undefined> {
    const kept = this.cache.get(file);
    if (kept && kept.mtimeMs === mtimeMs && kept.size === size) {
      // Most recently used last: the oldest are evicted first.
      this.cache.delete(file);
      this.cache.set(file, kept);
      return kept;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return undefined;
    }
    const entry: Entry = {
      mtimeMs,
      size: body.length,
      body,
      hash: createHash('sha256').update(body).digest('base64url').slice(0, 27),
      bytes: body.length,
    };
    if (kept) this.forget(file);
    if (body.length <= MAX_CACHED_FILE_BYTES) {
      this.cache.set(file, entry);
      this.cachedBytes += entry.bytes;
      this.evict();
    }
    return entry;
  }

  private forget(file: string): void {
    const e = this.cache.get(file);
    if (!e) return;
    this.cache.delete(file);
    this.cachedBytes -= e.bytes;
  }

  private evict(): void {
    for (const file of this.cache.keys()) {
      if (this.cachedBytes <= MAX_CACHE_BYTES) break;
      this.forget(file);
    }
  }

  /** The compressed form of `entry`, made once; null when compressing does not pay. */
  private compressed(file: string, entry: Entry, coding: 'br' | 'gzip'): Promise<Buffer | null> {
    const made =
      coding === 'br'
        ? brotli(entry.body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 11,
              [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
            },
          })
        : gzipAsync(entry.body, { level: 9 });
    const kept = made.then(
      (out) => {
        if (out.length >= entry.body.length) return null;
        if (this.cache.get(file) === entry) {
          entry.bytes += out.length;
          this.cachedBytes += out.length;
          this.evict();
        }
        return out;
      },
      () => null,
    );
    entry[coding] = kept;
    return kept;
  }

  private async send(
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    pathname: string,
    entry: Entry,
  ): Promise<void> {
    const ext = extname(file).toLowerCase();
    const compressible =
      COMPRESSIBLE.has(ext) && entry.body.length >= MIN_COMPRESS_BYTES && entry.body.length <= MAX_CACHED_FILE_BYTES;
    const range = req.headers.range;
    // A range is of the file's bytes: a request with one gets them uncompressed.
    let coding: Coding = compressible && !range ? pickCoding(req.headers['accept-encoding']) : 'identity';
    let body = entry.body;
    if (coding !== 'identity') {
      const out = await (entry[coding] ?? this.compressed(file, entry, coding));
      if (out) body = out;
      else coding = 'identity';
    }
    const etag = `"${entry.hash}${coding === 'identity' ? '' : `-${coding}`}"`;
    const headers: Record<string, string | number> = {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': isImmutablePath(pathname) ? IMMUTABLE : 'no-cache',
      etag,
    };
    if (COMPRESSIBLE.has(ext)) headers.vary = 'Accept-Encoding';
    if (coding !== 'identity') headers['content-encoding'] = coding;
    else headers['accept-ranges'] = 'bytes';

    const inm = req.headers['if-none-match'];
    if (inm !== undefined && noneMatch(inm, etag)) {
      delete headers['content-type'];
      delete headers['accept-ranges'];
      res.writeHead(304, headers);
      res.end();
      return;
    }

    if (range !== undefined && coding === 'identity') {
      // If-Range: the range only if the client's copy is this version (strong comparison), else all of it.
      const ifRange = req.headers['if-range'];
      const parsed =
        ifRange === undefined || String(ifRange).trim() === etag ? parseRange(range, body.length) : undefined;
      if (parsed === 'unsatisfiable') {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}`, 'content-length': 0 });
        res.end();
        return;
      }
      if (parsed) {
        const [start, end] = parsed;
        headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
        headers['content-length'] = end - start + 1;
        res.writeHead(206, headers);
        res.end(req.method === 'HEAD' ? undefined : body.subarray(start, end + 1));
        return;
      }
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
