/**
 * Who may connect and how much: the origins allowed to open the WebSocket, the client's IP address,
 * connections per IP, and token buckets per IP. Node only.
 */
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

export const isLoopback = (host: string): boolean =>
  host === 'localhost' ||
  host === '::1' ||
  host === '[::1]' ||
  /^127\./.test(host) ||
  /^::ffff:127\./i.test(host) ||
  /\.localhost$/.test(host);

/** Loopback origins, any port: `http://localhost:*`, `http://127.0.0.1:*`, `http://[::1]:*` (and https). */
export const LOOPBACK_ORIGINS = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
  'https://[::1]:*',
];

/**
 * Which browser origins may open the WebSocket (and read `/api/token` across origins). An entry is
 * an exact origin (`https://app.example.com`), one with any port (`http://localhost:*`), or `*`
 * (any). A page served by this server itself (its origin's host is the request's `Host`) is always
 * allowed.
 */
export class OriginPolicy {
  private readonly any: boolean;
  private readonly exact = new Set<string>();
  /** `scheme://host` of the entries with any port. */
  private readonly anyPort = new Set<string>();

  constructor(readonly entries: readonly string[]) {
    this.any = entries.includes('*');
    for (const raw of entries) {
      const e = raw.trim().replace(/\/+$/, '').toLowerCase();
      if (!e || e === '*') continue;
      if (e.endsWith(':*')) this.anyPort.add(e.slice(0, -2));
      else {
        const url = safeURL(e);
        this.exact.add(url && e !== 'null' ? url.origin : e);
      }
    }
  }

  /** Whether a request with this `Origin` header (and `Host`) is allowed; no header at all always is. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.any) return true;
    const o = origin.trim().toLowerCase();
    if (this.exact.has(o)) return true;
    const url = safeURL(o);
    if (!url || url.origin === 'null' || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
    if (this.exact.has(url.origin)) return true;
    if (this.anyPort.has(`${url.protocol}//${url.hostname}`)) return true;
    return host !== undefined && url.host === host.trim().toLowerCase();
  }
}

function safeURL(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The client's address: the socket's peer, or behind a trusted reverse proxy the last address of
 * `X-Forwarded-For` (the one the proxy itself appended).
 */
export function clientIP(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? '';
  if (!trustProxy) return normalizeIP(peer);
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const last = list[list.length - 1]?.trim() ?? '';
  return isIP(last) ? normalizeIP(last) : normalizeIP(peer);
}

/** `::ffff:1.2.3.4` is 1.2.3.4. */
const normalizeIP = (ip: string): string => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);

/** Connections open per IP. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  count(ip: string): number {
    return this.open.get(ip) ?? 0;
  }

  /** One more from `ip`; the returned function (call it once) counts it gone. */
  add(ip: string): () => void {
    this.open.set(ip, this.count(ip) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = this.count(ip) - 1;
      if (n > 0) this.open.set(ip, n);
      else this.open.delete(ip);
    };
  }
}

/** Token buckets by key (an IP): `rate` tokens a second, up to `burst`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key`: 0 when allowed, else the seconds until one is there (for `Retry-After`). */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.rate));
  }

  /** Forgets the buckets that have filled up again (they are as good as new): keeps memory bounded. */
  prune(): void {
    const now = this.now();
    for (const [key, b] of this.buckets)
      if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
