/**
 * One RTCPeerConnection between a publisher and one player of one stream, with the ICE
 * candidates that arrive before the remote description held back until it is set.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  private queued: RTCIceCandidateInit[] | null = [];

  /** @param onCandidate called with each local candidate, and `null` when gathering ends. */
  constructor(iceServers: RTCIceServer[], onCandidate: (candidate: RTCIceCandidateInit | null) => void) {
    this.pc = new RTCPeerConnection({ iceServers });
    this.pc.onicecandidate = (e) => onCandidate(e.candidate ? e.candidate.toJSON() : null);
  }

  /** Adds a remote candidate, or keeps it until {@link ready}. Bad candidates are ignored. */
  async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (this.queued) this.queued.push(candidate ?? { candidate: '' });
    else if (candidate) await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  /** The remote description is set: adds the candidates held back. */
  async ready(): Promise<void> {
    const queued = this.queued ?? [];
    this.queued = null;
    for (const c of queued) if (c.candidate) await this.pc.addIceCandidate(c).catch(() => undefined);
  }

  close(): void {
    const pc = this.pc;
    pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null;
    pc.close();
  }
}
