/**
 * Several server nodes, one service, through Redis. Each room lives on one node, its owner (named
 * in Redis under `zego:room:<roomID>`, claimed by the first node a login for it reaches); a client
 * connected to any node reaches its room there: its frames travel to the owner over Redis pub/sub,
 * and what the owner's hub sends comes back the same way. So the room logic — ZEGO's semantics,
 * limits, held messages, resumes — stays the one in-memory {@link Hub}, unchanged; each room is
 * also copied to Redis (`zego:state:<roomID>`, within 50 ms of a change) for another node to carry
 * it on.
 *
 * Every node says it is alive (`zego:alive:<nodeID>`, a key that expires). When a node goes:
 * - the connections it carried close; their clients come back through another node and resume
 *   their sessions on the rooms' owners (a session outlives its connection by the heartbeat
 *   timeout). The owners also drop those connections as soon as the node's key expires, and a
 *   session nobody resumes ends with its streams deleted with reason 2, as on one node;
 * - the rooms it owned: the other nodes close the connections they relayed to it with 1012, their
 *   clients come back, and the node the first of them reaches claims the room and restores it from
 *   its copy ({@link Hub.restoreRoom}): the sessions resume there. A drained node writes its
 *   rooms' copies and lets go of them before its clients are told to reconnect.
 *
 * Node only: imports ioredis.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { NETWORK_BROKEN } from '../core/codes.js';
import type { Hub, HubClient, HubPeer } from '../hub/hub.js';
import type { ServerMessage } from '../hub/protocol.js';
import type { RoomState } from '../hub/room.js';
import type { Logger } from './logger.js';

export interface ClusterOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** This node's name in Redis. Default: host name, process ID and random bytes. */
  nodeID?: string;
  /** How long a node's "alive" key lasts without renewal, ms. Default 3000 (renewed every third of it). */
  aliveTTL?: number;
  /** How long a session's room stays findable for a resume, ms. Default one day. */
  sessionTTL?: number;
  logger: Logger;
}

/** One client connection as the server sees it: the hub's client, or its relay to another node. */
export interface ClusterLink {
  receive(raw: string): void;
  send(message: ServerMessage): void;
  disconnect(): void;
}

const PREFIX = 'zego:';
const roomKey = (roomID: string) => `${PREFIX}room:${roomID}`;
const aliveKey = (nodeID: string) => `${PREFIX}alive:${nodeID}`;
const sessionKey = (sessionID: string) => `${PREFIX}session:${sessionID}`;
const stateKey = (roomID: string) => `${PREFIX}state:${roomID}`;
const channel = (nodeID: string) => `${PREFIX}node:${nodeID}`;

/** Sets KEYS[1] to ARGV[2] if it holds ARGV[1] ('' for none): a room passes from a dead node (or nobody) to this one. */
const CLAIM = `local v = redis.call('GET', KEYS[1])
if (v == false and ARGV[1] == '') or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0`;
/** Deletes KEYS[1] if it holds ARGV[1]: a node lets go of a room that is still its own. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Relay frames between nodes, one Redis message each: `<kind>\n<link>\n<payload>`.
 * To a room's owner: `o` a link opens (payload: the sending node), `f` a client frame, `x` it closed.
 * Back to the link's node: `s` a server message (JSON), `c` the owner closed it (payload: code\nreason).
 */
const frame = (kind: string, link: string, payload = '') => `${kind}\n${link}\n${payload}`;

/** A claim this young is not released for want of a room: its login may still be verifying its token. */
const CLAIM_GRACE = 10_000;

export class Cluster {
  readonly nodeID: string;
  readonly #hub: Hub;
  readonly #redis: Redis;
  readonly #sub: Redis;
  readonly #logger: Logger;
  readonly #aliveTTL: number;
  readonly #sessionTTL: number;
  /** Links whose room lives on another node, by link ID. */
  readonly #relayed = new Map<string, RelayedLink>();
  /** Connections this node's hub serves for other nodes' links: link ID → client and its node. */
  readonly #served = new Map<string, { client: HubClient; node: string }>();
  /** Rooms this node claimed, with when. */
  readonly #claimed = new Map<string, number>();
  /** Rooms changed since their state was last written to Redis, with how to read it. */
  readonly #dirty = new Map<string, () => RoomState>();
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ready = false;
  #leaving = false;
  #closed = false;

  private constructor(hub: Hub, options: ClusterOptions) {
    this.#hub = hub;
    this.#logger = options.logger;
    this.#aliveTTL = options.aliveTTL ?? 3000;
    this.#sessionTTL = options.sessionTTL ?? 86_400_000;
    this.nodeID = options.nodeID ?? `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true } as const;
    this.#redis = new Redis(options.url, redisOptions);
    this.#sub = new Redis(options.url, redisOptions);
    for (const r of [this.#redis, this.#sub]) {
      r.on('error', (err: Error) => this.#logger.warn({ err: err.message }, 'Redis connection error'));
      r.on('ready', () => this.#readiness());
      r.on('end', () => this.#readiness());
      r.on('close', () => this.#readiness());
    }
  }

  /** Connects to Redis and joins the cluster. @throws if Redis cannot be reached. */
  static async start(hub: Hub, options: ClusterOptions): Promise<Cluster> {
    const cluster = new Cluster(hub, options);
    try {
      await Promise.all([cluster.#redis.connect(), cluster.#sub.connect()]);
      cluster.#sub.on('message', (_channel: string, message: string) => cluster.#onMessage(message));
      await cluster.#sub.subscribe(channel(cluster.nodeID));
      await cluster.#beat();
    } catch (err) {
      cluster.#redis.disconnect();
      cluster.#sub.disconnect();
      throw new Error(`cannot reach Redis at ${redact(options.url)}: ${(err as Error).message}`);
    }
    cluster.#timer = setInterval(() => void cluster.#tick(), Math.max(100, cluster.#aliveTTL / 3));
    cluster.#timer.unref();
    cluster.#readiness();
    return cluster;
  }

  /** Whether both Redis connections are up (the node cannot route logins without them). */
  get ready(): boolean {
    return this.#ready && !this.#leaving;
  }

  /** A new client connection on this node. */
  connect(peer: HubPeer): ClusterLink {
    return new Link(this, peer);
  }

  /**
   * Logs out the session of that ID wherever its room lives (a closing page's beacon).
   * Returns whether a session of that ID was known.
   */
  async logoutSession(sessionID: string): Promise<boolean> {
    const roomID = await this.#redis.get(sessionKey(sessionID)).catch(() => null);
    if (roomID === null) return this.#hub.logoutSession(sessionID);
    const owner = await this.#redis.get(roomKey(roomID)).catch(() => null);
    if (!owner || owner === this.nodeID) return this.#hub.logoutSession(sessionID);
    await this.#redis.publish(channel(owner), frame('l', '', sessionID));
    return true;
  }

  /**
   * Leaves the cluster, in two steps around the hub's own `close()`. This one: the rooms this node
   * owns are let go and its key is deleted (new logins go to other nodes), and the clients it
   * relays to other nodes are told to reconnect (1012; their sessions wait for them there).
   * Then the hub's `close()` tells this node's rooms' clients to reconnect, and {@link end}.
   */
  async leave(): Promise<void> {
    if (this.#leaving) return;
    this.#leaving = true;
    clearInterval(this.#timer);
    for (const link of [...this.#relayed.values()]) link.moved();
    // Its rooms' latest state is in Redis before they are let go: the node a client comes back
    // through carries them on, and the sessions resume there.
    await this.#flush();
    try {
      const pipeline = this.#redis.pipeline();
      for (const roomID of this.#claimed.keys()) pipeline.eval(RELEASE, 1, roomKey(roomID), this.nodeID);
      pipeline.del(aliveKey(this.nodeID));
      await pipeline.exec();
    } catch (err) {
      this.#logger.warn({ err: String(err) }, 'could not let go of the rooms in Redis');
    }
    this.#claimed.clear();
  }

  /** Closes the Redis connections once what was sent has gone. */
  async end(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    clearTimeout(this.#flushTimer);
    this.#served.clear();
    await Promise.all([this.#redis.quit(), this.#sub.quit()]).catch(() => undefined);
    this.#redis.disconnect();
    this.#sub.disconnect();
  }

  // ---- for the hub: its rooms' state, mirrored ----

  /** A room of this node changed: its state is written to Redis within 50 ms. */
  roomChanged(roomID: string, state: () => RoomState): void {
    if (this.#closed) return;
    this.#dirty.set(roomID, state);
    this.#flushTimer ??= setTimeout(() => void this.#flush(), 50);
  }

  /** A room of this node ended (its last member left): its state goes, unless the node is leaving (then it moves on). */
  roomEnded(roomID: string): void {
    this.#dirty.delete(roomID);
    if (!this.#leaving && !this.#closed) this.#redis.del(stateKey(roomID)).catch(() => undefined);
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (!this.#dirty.size || this.#closed) return;
    const pipeline = this.#redis.pipeline();
    for (const [roomID, state] of this.#dirty)
      pipeline.set(stateKey(roomID), JSON.stringify(state()), 'PX', this.#sessionTTL);
    this.#dirty.clear();
    await pipeline.exec().catch((err: unknown) => this.#logger.warn({ err: String(err) }, 'room state not written'));
  }

  // ---- for Link ----

  /** @internal A new link ID, unique in the cluster. */
  nextLinkID(): string {
    return `${this.nodeID}/${(++this.#seq).toString(36)}`;
  }

  /** @internal This node's hub. */
  get hub(): Hub {
    return this.#hub;
  }

  /**
   * @internal The node that owns `roomID`: its owner if alive, else this node, claiming it.
   * @throws if Redis cannot say.
   */
  async ownerOf(roomID: string): Promise<string> {
    const key = roomKey(roomID);
    for (let attempt = 0; attempt < 5; attempt++) {
      const owner = await this.#redis.get(key);
      if (owner === this.nodeID) {
        if (!this.#claimed.has(roomID)) this.#claimed.set(roomID, Date.now());
        return owner;
      }
      if (owner && (await this.#redis.exists(aliveKey(owner)))) return owner;
      if (await this.#redis.eval(CLAIM, 1, key, owner ?? '', this.nodeID)) {
        this.#claimed.set(roomID, Date.now());
        // A room its node left behind (gone, or drained) is carried on here: its sessions resume.
        const state = await this.#redis.get(stateKey(roomID));
        if (state && this.#hub.restoreRoom(JSON.parse(state) as RoomState))
          this.#logger.info({ roomID, from: owner ?? 'a drained node' }, 'carried on a room another node held');
        return this.nodeID;
      }
    }
    throw new Error(`no owner could be settled for room ${roomID}`);
  }

  /** @internal The room a session was in, if Redis knows. */
  async roomOfSession(sessionID: string): Promise<string | null> {
    return this.#redis.get(sessionKey(sessionID));
  }

  /** @internal Remembers a session's room, for its resume on any node. */
  rememberSession(sessionID: string, roomID: string): void {
    this.#redis.set(sessionKey(sessionID), roomID, 'PX', this.#sessionTTL).catch(() => undefined);
  }

  /** @internal A link relays to `owner`. */
  open(link: RelayedLink): void {
    this.#relayed.set(link.id, link);
    this.publish(link.owner, frame('o', link.id, this.nodeID));
  }

  /** @internal A relayed link ended. */
  closed(link: RelayedLink): void {
    if (this.#relayed.get(link.id) === link) this.#relayed.delete(link.id);
  }

  /** @internal Sends a relay frame to a node (lost if Redis is down: the clients' heartbeats notice). */
  publish(nodeID: string, message: string): void {
    if (!this.#closed) this.#redis.publish(channel(nodeID), message).catch(() => undefined);
  }

  // ---- relay frames ----

  #onMessage(message: string): void {
    const a = message.indexOf('\n');
    const b = message.indexOf('\n', a + 1);
    if (a < 0 || b < 0) return;
    const kind = message.slice(0, a);
    const id = message.slice(a + 1, b);
    const payload = message.slice(b + 1);
    try {
      switch (kind) {
        case 'o':
          this.#serve(id, payload);
          break;
        case 'f':
          this.#served.get(id)?.client.receive(payload);
          break;
        case 'x':
          this.#served.get(id)?.client.disconnect();
          this.#served.delete(id);
          break;
        case 's':
          this.#relayed.get(id)?.fromOwner(JSON.parse(payload) as ServerMessage);
          break;
        case 'c': {
          const nl = payload.indexOf('\n');
          this.#relayed.get(id)?.closedByOwner(Number(payload.slice(0, nl)), payload.slice(nl + 1));
          break;
        }
        case 'l':
          this.#hub.logoutSession(payload);
          break;
      }
    } catch (err) {
      this.#logger.error({ err: String(err), kind }, 'relay frame failed');
    }
  }

  /** Serves another node's link with a client of this node's hub. */
  #serve(id: string, node: string): void {
    if (this.#served.has(id)) return;
    const client = this.#hub.connect({
      send: (m) => this.publish(node, frame('s', id, JSON.stringify(m))),
      close: (code, reason) => {
        this.#served.delete(id);
        this.publish(node, frame('c', id, `${code}\n${reason}`));
      },
    });
    this.#served.set(id, { client, node });
  }

  // ---- liveness ----

  async #beat(): Promise<void> {
    await this.#redis.set(aliveKey(this.nodeID), String(Date.now()), 'PX', this.#aliveTTL);
  }

  async #tick(): Promise<void> {
    if (this.#leaving || this.#closed) return;
    try {
      await this.#beat();
      // Nodes this one relays to or serves: the gone ones' links are dropped.
      const nodes = new Set<string>();
      for (const link of this.#relayed.values()) nodes.add(link.owner);
      for (const { node } of this.#served.values()) nodes.add(node);
      const gone = new Set<string>();
      for (const node of nodes) if (!(await this.#redis.exists(aliveKey(node)))) gone.add(node);
      for (const link of [...this.#relayed.values()]) if (gone.has(link.owner)) link.ownerGone();
      for (const [id, { client, node }] of [...this.#served]) {
        if (!gone.has(node)) continue;
        this.#served.delete(id);
        client.disconnect();
      }
      if (gone.size) this.#logger.warn({ nodes: [...gone] }, 'nodes gone: their links dropped');
      // Rooms claimed here that have emptied are let go.
      const now = Date.now();
      for (const [roomID, at] of [...this.#claimed]) {
        if (now - at < CLAIM_GRACE || this.#hub.roomView(roomID).users.length) continue;
        this.#claimed.delete(roomID);
        await this.#redis.eval(RELEASE, 1, roomKey(roomID), this.nodeID);
      }
    } catch (err) {
      this.#logger.warn({ err: String(err) }, 'cluster upkeep failed');
    }
  }

  #readiness(): void {
    this.#ready = this.#redis.status === 'ready' && this.#sub.status === 'ready';
  }
}

/** A client's frames going to its room's owner on another node. */
class RelayedLink {
  readonly id: string;
  #open = true;

  constructor(
    private readonly cluster: Cluster,
    readonly owner: string,
    private readonly link: Link,
  ) {
    this.id = cluster.nextLinkID();
    cluster.open(this);
  }

  receive(raw: string): void {
    if (this.#open) this.cluster.publish(this.owner, frame('f', this.id, raw));
  }

  disconnect(): void {
    if (!this.#open) return;
    this.#open = false;
    this.cluster.closed(this);
    this.cluster.publish(this.owner, frame('x', this.id));
  }

  fromOwner(message: ServerMessage): void {
    if (this.#open) this.link.fromTarget(message);
  }

  closedByOwner(code: number, reason: string): void {
    if (!this.#open) return;
    this.#open = false;
    this.cluster.closed(this);
    this.link.closeBy(code, reason);
  }

  /** The owner's node is gone: the client is told to come back (its resume or login finds the room anew). */
  ownerGone(): void {
    if (!this.#open) return;
    this.#open = false;
    this.cluster.closed(this);
    this.link.closeBy(1012, 'the room moved; reconnect');
  }

  /** This node is going away: the owner lets go of the connection, the client comes back through another node. */
  moved(): void {
    if (!this.#open) return;
    this.disconnect();
    this.link.closeBy(1012, 'the server is restarting');
  }
}

type Target = HubClient | RelayedLink;

/** One WebSocket connection: routed, at its login or resume, to the node that owns the room. */
class Link implements ClusterLink {
  #target: { node: string; to: Target } | undefined;
  #roomID: string | undefined;
  /** Frames that arrived while a route was being looked up, in order. */
  #queue: string[] | undefined;
  #closed = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly peer: HubPeer,
  ) {}

  receive(raw: string): void {
    if (this.#closed) return;
    if (this.#queue) {
      this.#queue.push(raw);
      return;
    }
    const route = this.#routeOf(raw);
    if (route) {
      this.#queue = [raw];
      void this.#route(route).then(() => this.#flush());
      return;
    }
    this.#deliver(raw);
  }

  send(message: ServerMessage): void {
    if (!this.#closed) this.peer.send(message);
  }

  disconnect(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#target?.to.disconnect();
    this.#target = undefined;
  }

  /** @internal What the room's node sends this client. */
  fromTarget(message: ServerMessage): void {
    // A session's room is remembered for its resume on any node.
    if (message.t === 'reply' && message.ok && typeof message.session === 'string' && this.#roomID)
      this.cluster.rememberSession(message.session, this.#roomID);
    this.send(message);
  }

  /** @internal The room's node ended the connection. */
  closeBy(code: number, reason: string): void {
    if (this.#closed) return;
    this.#target = undefined;
    this.peer.close(code, reason);
    this.disconnect();
  }

  /** A login or resume names where the connection must go; anything else goes where it goes already. */
  #routeOf(raw: string): { roomID?: string; session?: string; id?: number } | undefined {
    // Cheap test first: most frames are signals and heartbeats.
    if (raw.length > this.cluster.hub.options.maxMessageBytes || !/"t"\s*:\s*"(login|resume)"/.test(raw)) return;
    try {
      const m = JSON.parse(raw) as { t?: unknown; roomID?: unknown; session?: unknown; id?: unknown };
      const id = typeof m.id === 'number' ? m.id : undefined;
      if (m.t === 'login' && typeof m.roomID === 'string' && m.roomID) {
        if (this.#target && m.roomID === this.#roomID) return;
        return { roomID: m.roomID, id };
      }
      if (m.t === 'resume' && typeof m.session === 'string' && m.session) return { session: m.session, id };
    } catch {
      // Not JSON: the hub answers it.
    }
    return undefined;
  }

  async #route(route: { roomID?: string; session?: string; id?: number }): Promise<void> {
    let node: string;
    try {
      const roomID = route.roomID ?? (await this.cluster.roomOfSession(route.session!));
      // A session Redis does not know: this node's hub answers (it has ended; log in again).
      node = roomID ? await this.cluster.ownerOf(roomID) : this.cluster.nodeID;
      if (roomID) this.#roomID = roomID;
    } catch {
      // Redis cannot say where the room is: the request fails as a lost network would, and the
      // client tries again.
      this.#queue = undefined;
      if (route.id !== undefined)
        this.send({ t: 'reply', id: route.id, ok: false, code: NETWORK_BROKEN, msg: 'the service is unavailable' });
      this.closeBy(1013, 'try again later');
      return;
    }
    if (this.#closed || this.#target?.node === node) return;
    this.#target?.to.disconnect();
    this.#target = {
      node,
      to:
        node === this.cluster.nodeID
          ? this.cluster.hub.connect({
              send: (m) => this.fromTarget(m),
              close: (code, reason) => this.closeBy(code, reason),
            })
          : new RelayedLink(this.cluster, node, this),
    };
  }

  #flush(): void {
    const queue = this.#queue ?? [];
    this.#queue = undefined;
    for (let i = 0; i < queue.length; i++) {
      if (this.#closed) return;
      // A second login or resume in the queue takes its own route, and what follows it waits for it.
      const route = i > 0 ? this.#routeOf(queue[i]!) : undefined;
      if (route) {
        this.#queue = queue.slice(i);
        void this.#route(route).then(() => this.#flush());
        return;
      }
      this.#deliver(queue[i]!);
    }
  }

  #deliver(raw: string): void {
    if (!this.#target)
      this.#target = {
        node: this.cluster.nodeID,
        to: this.cluster.hub.connect({
          send: (m) => this.fromTarget(m),
          close: (code, reason) => this.closeBy(code, reason),
        }),
      };
    this.#target.to.receive(raw);
  }
}

/** A Redis URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
