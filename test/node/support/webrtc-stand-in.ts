/**
 * A stand-in for the browser's WebRTC and media classes, for Node tests of the mesh engine's
 * signalling and state machines (Node has no WebRTC; the browser tests use the real one).
 * `RTCPeerConnection` here negotiates nothing: a player's connection reports its tracks and
 * `connected` as soon as the publisher's answer is set, unless `StandIn.connect` is false.
 */
let nextTrack = 1;

export class StandInTrack {
  readonly id = `track-${nextTrack++}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): MediaTrackSettings {
    return { deviceId: 'stand-in' };
  }
  addEventListener(): void {}
}

export class StandInStream {
  private readonly tracks: StandInTrack[];
  constructor(tracks: StandInTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): StandInTrack[] {
    return [...this.tracks];
  }
  getVideoTracks(): StandInTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks(): StandInTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  addTrack(t: StandInTrack): void {
    if (!this.tracks.includes(t)) this.tracks.push(t);
  }
  removeTrack(t: StandInTrack): void {
    const i = this.tracks.indexOf(t);
    if (i >= 0) this.tracks.splice(i, 1);
  }
}

interface Transceiver {
  direction: string;
  receiver: { track: StandInTrack };
  sender: { track: StandInTrack | null; replaceTrack(t: StandInTrack | null): Promise<void> };
}

export class StandInPeerConnection {
  static readonly all: StandInPeerConnection[] = [];
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  onicecandidate: ((e: { candidate: null }) => void) | null = null;
  ontrack: ((e: { track: StandInTrack }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  readonly candidates: RTCIceCandidateInit[] = [];
  private readonly transceivers: Transceiver[] = [];

  constructor(readonly config: RTCConfiguration) {
    StandInPeerConnection.all.push(this);
  }

  addTransceiver(kind: 'audio' | 'video', init: { direction: string }): Transceiver {
    const t = this.transceiver(kind);
    t.direction = init.direction;
    return t;
  }
  getTransceivers(): Transceiver[] {
    return [...this.transceivers];
  }
  getSenders(): Transceiver['sender'][] {
    return this.transceivers.map((t) => t.sender);
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: `offer:${this.transceivers.map((t) => t.receiver.track.kind).join(',')}` };
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: 'answer' };
  }
  async setLocalDescription(_d: RTCSessionDescriptionInit): Promise<void> {
    if (this.closed) throw new Error('closed');
    // Gathering ends at once, as on a machine with no network interfaces.
    queueMicrotask(() => this.onicecandidate?.({ candidate: null }));
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    if (this.closed) throw new Error('closed');
    if (d.type === 'offer') {
      // The publisher's side: one transceiver per kind the offer asks for.
      for (const kind of (d.sdp ?? '').replace('offer:', '').split(',').filter(Boolean))
        this.transceiver(kind as 'audio' | 'video');
      return;
    }
    if (!StandIn.connect) return;
    queueMicrotask(() => {
      for (const t of this.transceivers) this.ontrack?.({ track: t.receiver.track });
      this.connectionState = 'connected';
      this.onconnectionstatechange?.();
    });
  }
  async addIceCandidate(c: RTCIceCandidateInit): Promise<void> {
    this.candidates.push(c);
  }
  private closed = false;
  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
  }
  get isClosed(): boolean {
    return this.closed;
  }
  async getStats(): Promise<Map<string, unknown>> {
    return new Map();
  }

  private transceiver(kind: 'audio' | 'video'): Transceiver {
    const t: Transceiver = {
      direction: 'sendrecv',
      receiver: { track: new StandInTrack(kind) },
      sender: {
        track: null,
        async replaceTrack(track) {
          t.sender.track = track;
        },
      },
    };
    this.transceivers.push(t);
    return t;
  }
}

export const StandIn = {
  /** Whether players' connections come up once the answer is set. */
  connect: true,
  /** Puts the stand-ins on `globalThis` (the engine reads `RTCPeerConnection` and `MediaStream` there). */
  install(): void {
    Object.assign(globalThis, { RTCPeerConnection: StandInPeerConnection, MediaStream: StandInStream });
  },
};
