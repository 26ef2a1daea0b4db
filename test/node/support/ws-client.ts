/** A WebSocket client of the hub for Node tests: records what it is sent, waits for a message, makes requests. */
import { WebSocket } from 'ws';

export type Msg = Record<string, unknown> & { t: string };

/** A WebSocket client that records messages. */
export class WsClient {
  readonly messages: Msg[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly waiters = new Set<() => void>();
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.messages.push(JSON.parse(String(d)) as Msg);
      for (const w of [...this.waiters]) w();
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((done) => ws.once('close', (code, reason) => done({ code, reason: String(reason) })));
  }
  static open(url: string): Promise<WsClient> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url);
      const c = new WsClient(ws);
      ws.once('open', () => ok(c));
      ws.once('error', fail);
    });
  }
  waitFor(pred: (m: Msg) => boolean, what: string, timeout = 3000): Promise<Msg> {
    const hit = this.messages.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((ok, fail) => {
      const check = () => {
        const m = this.messages.find(pred);
        if (!m) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        ok(m);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        fail(new Error(`timed out waiting for ${what}: ${JSON.stringify(this.messages)}`));
      }, timeout);
      this.waiters.add(check);
    });
  }
  request(obj: Record<string, unknown>): Promise<Msg> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ ...obj, id }));
    return this.waitFor((m) => m.t === 'reply' && m.id === id, `reply to ${String(obj.t)}`);
  }
  login(roomID: string, userID: string, token: string): Promise<Msg> {
    return this.request({ t: 'login', v: 1, roomID, token, user: { userID }, config: { userUpdate: true } });
  }
}
