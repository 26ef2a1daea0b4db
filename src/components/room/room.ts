import { html, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ContextProvider } from '@lit/context';
import type {
  ZegoEngine,
  ZegoPlayerState,
  ZegoPublisherState,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
  ZegoStreamInfo,
  ZegoUpdateType,
  ZegoUser,
} from '../../core/engine.js';
import { ZegoError, errorCodeOf, messageOf, type ZegoErrorInfo } from '../../core/errors.js';
import { BROWSER_UNSUPPORTED, NETWORK_BROKEN, PARAM_INVALID, TOKEN_ERROR } from '../../core/codes.js';
import { detectCapabilities } from '../../core/capabilities.js';
import type { RoomSession, EngineEventCall, RoomPhase } from '../../core/session.js';
import { sessionContext } from '../../core/context.js';
import { errorText, loadErrorWords, msg } from '../localize.js';
import { ZegoElement } from '../zego-element.js';
import { roomStyles } from './room.styles.js';

export interface RoomStateChangeDetail {
  roomID: string;
  phase: RoomPhase;
  state: ZegoRoomState;
  reason: ZegoRoomStateChangedReason | '';
  errorCode: number;
}
export interface UserUpdateDetail {
  roomID: string;
  updateType: ZegoUpdateType;
  userList: ZegoUser[];
}
export interface StreamUpdateDetail {
  roomID: string;
  updateType: ZegoUpdateType;
  streamList: ZegoStreamInfo[];
  extendedData: string;
}
/** What `zego-error` carries: ZEGO's `{code, msg}`. */
export type ErrorDetail = ZegoErrorInfo;

/** What a `token-provider` is asked for. */
export interface TokenRequest {
  roomID: string;
  userID: string;
}

type MeshModule = typeof import('../../mesh/mesh-engine.js');
/** The mesh engine's module once loaded: joining then creates its engine without waiting a turn. */
let meshModule: MeshModule | undefined;
const loadMesh = (): Promise<MeshModule> => import('../../mesh/mesh-engine.js').then((m) => (meshModule = m));

/** Where a mesh engine's server is when `server` is not set: this page's host, path `/ws`. */
function defaultMeshServer(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/** The HTTP base of a mesh server URL: `ws://h:p/ws` → `http://h:p`. */
function httpBase(server: string): string {
  const url = new URL(server, globalThis.location?.href);
  url.protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  url.pathname = url.pathname.replace(/\/ws\/?$/, '');
  return url.origin + url.pathname.replace(/\/$/, '');
}

/** JSON's value, or the text itself when it is not JSON (the join then says what is wrong). */
const parseJSON = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * A call room. Joins when it is in the document and has `room-id` and `user-id`; leaves (stops
 * publishing and playing, logs out, releases devices) when removed or on `leave()`. Provides the
 * room session to the elements inside it.
 *
 * @summary A room of the call: owns the engine and the session, shows the connection state.
 *
 * @tagname zego-room
 *
 * @slot - The call UI: `<zego-stream-grid>`, `<zego-call-controls>`, anything else.
 *
 * @event {CustomEvent<RoomStateChangeDetail>} zego-room-state-change - Connecting, connected, reconnecting, failed, kicked out or left.
 * @event {CustomEvent<UserUpdateDetail>} zego-user-update - Users joined (`ADD`) or left (`DELETE`); never yourself.
 * @event {CustomEvent<StreamUpdateDetail>} zego-stream-update - Streams were added or deleted; never your own.
 * @event {CustomEvent<ZegoPublisherState>} zego-publisher-state-change - One of your streams changed publishing state.
 * @event {CustomEvent<ZegoPlayerState>} zego-player-state-change - A played stream changed state.
 * @event {CustomEvent<ErrorDetail>} zego-error - Joining or the engine failed; `code` is ZEGO's.
 *
 * @csspart status - The banner that shows connecting, reconnecting, failed and kicked states.
 * @csspart status-text - The words in the banner.
 * @csspart rejoin - The Rejoin button the banner shows when joining failed or you were removed.
 *
 * @cssproperty --zego-background - Page background behind the tiles.
 * @cssproperty --zego-foreground - Text colour.
 * @cssproperty --zego-accent - Accent colour (focus, active buttons).
 * @cssproperty --zego-danger - Colour of errors and the leave button.
 * @cssproperty --zego-font-family - Font of every element.
 * @cssproperty --zego-muted-foreground - Secondary text colour.
 * @cssproperty --zego-success - Colour of positive states (the speaking outline by default).
 * @cssproperty --zego-focus-ring - Box shadow of the keyboard focus ring.
 * @cssproperty --zego-tile-background - Tile background behind video and avatar.
 * @cssproperty --zego-tile-radius - Corner radius of the tiles.
 */
export class ZegoRoom extends ZegoElement {
  static override properties: PropertyDeclarations = {
    roomId: { attribute: 'room-id' },
    userId: { attribute: 'user-id' },
    userName: { attribute: 'user-name' },
    token: {},
    server: {},
    appId: { attribute: 'app-id', type: Number },
    iceServers: { attribute: 'ice-servers', converter: (v) => (v ? parseJSON(v) : []) },
    provider: {},
    engine: { attribute: false },
    loginTimeout: { attribute: 'login-timeout', type: Number },
    camera: {},
    microphone: {},
    cameraDevice: { attribute: 'camera-device' },
    microphoneDevice: { attribute: 'microphone-device' },
    speakerDevice: { attribute: 'speaker-device' },
    tokenProvider: { attribute: false },
    session: { state: true },
    problem: { state: true },
    words: { state: true },
  };
  static override styles = roomStyles;

  /**
   * Loads an engine's code before joining (say, while the user fills in a join form), so that joining
   * does not wait for it: `'mesh'` (the default) the embedded engine, `'zego'` ZEGO's SDK. Resolves
   * once loaded; rejects with the error joining would show (e.g. the SDK package is missing).
   */
  static async preload(provider: 'mesh' | 'zego' = 'mesh'): Promise<void> {
    if (provider === 'zego') await (await import('./zego-provider.js')).loadZegoSdk();
    else if (provider === 'mesh') await loadMesh();
    else throw new ZegoError(PARAM_INVALID, `unknown provider "${String(provider)}"`);
  }

  /** Room to join (ZEGO roomID rules: ≤ 128 bytes). */
  roomId = '';
  /** Your user ID (≤ 64 bytes). */
  userId = '';
  /** Your display name. */
  userName = '';
  /** Login token (token04). Without one, a mesh engine fetches one from its server's `/api/token`. */
  token = '';
  /** Signalling server: `ws://…/ws` for mesh (default: this page's host), ZEGO's URL for `zego`. */
  server = '';
  /** App ID (ZEGO's, or any positive integer for a mesh server in dev mode). */
  appId = 0;
  /**
   * Your own STUN/TURN servers for the mesh engine, as JSON (`[{"urls":"turn:…","username":…,"credential":…}]`),
   * before those the server hands over. Invalid JSON fails the join with 1100001.
   */
  iceServers: RTCIceServer[] = [];
  /** `mesh` (default, the embedded engine) or `zego` (ZEGO's cloud SDK, loaded on demand). */
  provider: 'mesh' | 'zego' = 'mesh';
  /** An engine to use as is (any `ZegoEngine`). The room does not destroy an engine it was given. */
  engine: ZegoEngine | undefined = undefined;
  /** Give up joining after this many ms (1002031, "login timeout"). Default 30000. */
  loginTimeout = 30000;
  /** Join with the camera `on` (default) or `off` (not captured: its light stays off until turned on). */
  camera: 'on' | 'off' = 'on';
  /** Join with the microphone `on` (default) or `off` (muted). */
  microphone: 'on' | 'off' = 'on';
  /** Camera, microphone and speaker to join with (device IDs; default the system's). */
  cameraDevice = '';
  microphoneDevice = '';
  speakerDevice = '';
  /** Called for a token when none is set, and to renew one before it expires. */
  tokenProvider: ((request: TokenRequest) => Promise<string>) | undefined = undefined;

  /**
   * The session of the current login (also provided to descendants by context).
   * @readonly
   */
  override session: RoomSession | undefined = undefined;
  private problem: ErrorDetail | undefined = undefined;
  /** Words for a problem that an error code alone would not explain. */
  private words = '';

  readonly #contextProvider = new ContextProvider(this, { context: sessionContext });
  #ownedEngine: ZegoEngine | undefined;
  #joinSeq = 0;
  #joinedAs = '';
  #joinedEngine: ZegoEngine | undefined;
  #offSession: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  // A move within the document keeps the call; a removal leaves.
  protected override removed(): void {
    this.leave();
    // Inserted again later, it joins again.
    this.#joinedAs = '';
  }

  // Joining starts in willUpdate, so the state it sets first renders in this same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const identity = JSON.stringify([this.roomId, this.userId, this.userName, this.provider, this.server, this.appId]);
    if (!this.isConnected) return;
    if (!this.roomId || !this.userId) {
      if (this.session) this.leave();
      this.#joinedAs = '';
      return;
    }
    if (identity !== this.#joinedAs || this.engine !== this.#joinedEngine) {
      this.#joinedAs = identity;
      this.#joinedEngine = this.engine;
      void this.join();
    }
  }

  /** Joins (again). Resolves when connected; never rejects: failures show and fire `zego-error`. */
  async join(): Promise<void> {
    // The previous session's logout is not reported: the room is joining again.
    this.#stopListening();
    this.#teardown();
    const seq = ++this.#joinSeq;
    const stale = () => seq !== this.#joinSeq;
    this.problem = undefined;
    this.words = '';
    // Without WebRTC (either engine needs it) the room could be joined but nothing sent or
    // received: it is not joined, and the banner says why.
    if (!detectCapabilities().webRTC) {
      await loadErrorWords().catch(() => undefined);
      if (!stale()) this.#fail(BROWSER_UNSUPPORTED, 'this browser cannot make calls (no RTCPeerConnection)');
      return;
    }
    // Fetch the token while the engine, the session's code and the error messages load: joining
    // waits for the slowest.
    const sessionClass = import('../../core/session.js').then(({ RoomSession }) => RoomSession);
    const errorWords = loadErrorWords();
    const token = this.token ? Promise.resolve(this.token) : this.#fetchToken();
    token.catch(() => undefined); // handled where it is awaited
    let engine: ZegoEngine;
    let RoomSession: typeof import('../../core/session.js').RoomSession;
    try {
      engine = this.engine ?? (await this.#createEngine());
      RoomSession = await sessionClass;
      await errorWords;
    } catch (err) {
      if (!stale()) {
        const detail = messageOf(err);
        this.#fail(errorCodeOf(err) ?? PARAM_INVALID, detail);
        // Say which engine could not load and why (e.g. the package to install), not just the code.
        this.words = msg(this, 'eProvider', { name: this.provider, detail });
      }
      return;
    }
    if (stale()) {
      if (engine !== this.engine) engine.destroyEngine();
      return;
    }
    if (engine !== this.engine) this.#ownedEngine = engine;
    // A mesh engine that must rejoin (after a server restart, say) gets a new token the way we got ours.
    const mesh = engine as { fetchToken?: () => Promise<string> };
    if (
      'fetchToken' in mesh &&
      !mesh.fetchToken &&
      (this.tokenProvider || (engine === this.#ownedEngine && !this.token))
    )
      mesh.fetchToken = () => this.#fetchToken();
    const user: ZegoUser = { userID: this.userId, userName: this.userName || this.userId };
    const session = new RoomSession(engine, this.roomId, user);
    // What to join with (the choices of a pre-join screen, say); the tiles and controls follow.
    Object.assign(session.local, {
      camera: this.camera !== 'off',
      microphone: this.microphone !== 'off',
      cameraDevice: this.cameraDevice,
      microphoneDevice: this.microphoneDevice,
      speakerDevice: this.speakerDevice,
    });
    session.tap = this.#reemit;
    this.#offSession = [
      session.subscribe('state', this.#onState),
      session.subscribe('leave', () => this.leave()),
      session.subscribe('token-expiring', () => void this.#renew()),
    ];
    this.session = session;
    this.#contextProvider.setValue(session);
    session.attach();
    this.#onState();
    try {
      const value = await token;
      if (stale()) return;
      await session.login(value, {}, this.loginTimeout);
    } catch (err) {
      if (stale()) return;
      const code = errorCodeOf(err) ?? NETWORK_BROKEN;
      // The state change may have reported this failure already: one zego-error per failure.
      if ((this.problem as ErrorDetail | undefined)?.code !== code) this.#fail(code, messageOf(err));
      // A failure before the engine said anything (no token) is the session's too: the preview
      // stops capturing, the controls follow, and the state says failed.
      session.fail(code);
    }
  }

  /** Leaves the room: stops publishing and playing, logs out, releases what the room created. */
  leave(): void {
    this.#joinSeq++;
    // `joinedAs` stays: the next update must not join again by itself (changing the room does).
    this.#teardown();
  }

  /**
   * Logs the session out (reported as `left` unless `stopListening()` came first), detaches it and
   * destroys an engine the room created.
   */
  #teardown(): void {
    const session = this.session;
    if (session) {
      session.logout();
      session.detach();
      session.tap = undefined;
    }
    if (this.#ownedEngine) {
      this.#ownedEngine.destroyEngine();
      this.#ownedEngine = undefined;
    }
    this.#stopListening();
  }

  #stopListening(): void {
    for (const off of this.#offSession) off();
    this.#offSession = [];
  }

  #fail(code: number, detail: string): void {
    this.problem = { code, msg: detail };
    // The state says what the banner says, also for failures before the engine reported any.
    if (this.getAttribute('state') !== 'kicked') this.setAttribute('state', 'failed');
    this.emit('zego-error', { code, msg: detail });
    this.requestUpdate();
  }

  async #createEngine(): Promise<ZegoEngine> {
    if (this.provider === 'zego') {
      if (!this.appId) throw new ZegoError(PARAM_INVALID, 'provider="zego" needs app-id');
      const { createZegoCloudEngine } = await import('./zego-provider.js');
      return createZegoCloudEngine(this.appId, this.server || `wss://webliveroom${this.appId}-api.zegocloud.com/ws`);
    }
    if (this.provider !== 'mesh') throw new ZegoError(PARAM_INVALID, `unknown provider "${String(this.provider)}"`);
    const { MeshEngine } = meshModule ?? (await loadMesh());
    if (!Array.isArray(this.iceServers)) throw new ZegoError(PARAM_INVALID, 'ice-servers must be a JSON array');
    return new MeshEngine(this.appId || 1, this.server || defaultMeshServer(), { iceServers: this.iceServers });
  }

  async #fetchToken(): Promise<string> {
    const request = { roomID: this.roomId, userID: this.userId };
    if (this.tokenProvider) return this.tokenProvider(request);
    if (this.provider !== 'mesh' || this.engine)
      throw new ZegoError(PARAM_INVALID, 'a token (or token-provider) is required');
    const base = httpBase(this.server || defaultMeshServer());
    const res = await fetch(
      `${base}/api/token?userID=${encodeURIComponent(this.userId)}&roomID=${encodeURIComponent(this.roomId)}`,
    );
    const body = (await res.json().catch(() => ({}))) as { token?: string; code?: number; msg?: string };
    if (!res.ok || !body.token)
      throw new ZegoError(body.code ?? TOKEN_ERROR, body.msg ?? `no token from ${base}/api/token`);
    return body.token;
  }

  async #renew(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      const token = await this.#fetchToken();
      if (this.session === session) session.engine.renewToken(token, session.roomID);
    } catch (err) {
      this.emit('zego-error', {
        code: errorCodeOf(err) ?? TOKEN_ERROR,
        msg: String((err as Error).message ?? err),
      });
    }
  }

  readonly #onState = (): void => {
    const s = this.session;
    if (!s) return;
    const { phase, state, reason, errorCode } = s.status;
    this.setAttribute('state', phase);
    this.emit('zego-room-state-change', {
      roomID: s.roomID,
      phase,
      state,
      reason,
      errorCode,
    });
    if ((phase === 'failed' || phase === 'kicked') && errorCode && this.problem?.code !== errorCode)
      this.#fail(errorCode, errorText(this, errorCode));
    this.requestUpdate();
  };

  readonly #reemit = (...[event, args]: EngineEventCall): void => {
    switch (event) {
      case 'roomUserUpdate': {
        const [roomID, updateType, userList] = args;
        this.emit('zego-user-update', { roomID, updateType, userList });
        break;
      }
      case 'roomStreamUpdate': {
        const [roomID, updateType, streamList, extendedData] = args;
        this.emit('zego-stream-update', { roomID, updateType, streamList, extendedData });
        break;
      }
      case 'publisherStateUpdate':
        this.emit('zego-publisher-state-change', args[0]);
        break;
      case 'playerStateUpdate':
        this.emit('zego-player-state-change', args[0]);
        break;
    }
  };

  protected override render() {
    const phase = this.session?.status.phase ?? 'idle';
    const code = this.problem?.code ?? this.session?.status.errorCode ?? 0;
    const text =
      phase === 'connecting'
        ? msg(this, 'connecting')
        : phase === 'reconnecting'
          ? msg(this, 'reconnecting')
          : phase === 'kicked'
            ? `${msg(this, 'kicked')}: ${errorText(this, code)}`
            : phase === 'failed' || this.problem
              ? `${msg(this, 'failed')}: ${this.words || errorText(this, code)}`
              : phase === 'left'
                ? msg(this, 'left')
                : '';
    const alert = phase === 'failed' || phase === 'kicked' || !!this.problem;
    return html`<div
        part="status"
        class=${alert && phase !== 'kicked' ? 'failed' : phase}
        role=${alert ? 'alert' : 'status'}
        ?hidden=${!text}
      >
        <span part="status-text">${text}</span>
        ${
          alert && code !== BROWSER_UNSUPPORTED
            ? html`<button part="rejoin" type="button" @click=${() => void this.join()}>${msg(this, 'rejoin')}</button>`
            : ''
        }
      </div>
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zego-room-state-change': CustomEvent<RoomStateChangeDetail>;
    'zego-user-update': CustomEvent<UserUpdateDetail>;
    'zego-stream-update': CustomEvent<StreamUpdateDetail>;
    'zego-publisher-state-change': CustomEvent<ZegoPublisherState>;
    'zego-player-state-change': CustomEvent<ZegoPlayerState>;
    'zego-error': CustomEvent<ErrorDetail>;
  }
}
