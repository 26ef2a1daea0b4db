/**
 * One RTCPeerConnection between a publisher and one player of one stream, with the ICE
 * candidates that arrive before the remote description held back until it is set.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  #queued: RTCIceCandidateInit[] | null = [];
  /** What the last STUN/TURN server that refused said (e.g. `turn:… 401 Unauthorized`), for error messages. */
  iceError = '';

  /** @param onCandidate called with each local candidate, and `null` when gathering ends. */
  constructor(config: RTCConfiguration, onCandidate: (candidate: RTCIceCandidateInit | null) => void) {
    this.pc = new RTCPeerConnection(config);
    this.pc.onicecandidate = (e) => onCandidate(e.candidate ? e.candidate.toJSON() : null);
    this.pc.onicecandidateerror = (e) => {
      const { url, errorCode, errorText } = e as RTCPeerConnectionIceErrorEvent;
      // 701 is "no route from this interface", said for every interface that cannot reach the server.
      if (errorCode !== 701) this.iceError = `${url} ${errorCode} ${errorText}`.trim();
    };
  }

  /** Adds a remote candidate, or keeps it until {@link ready}. Bad candidates are ignored. */
  async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (this.#queued) this.#queued.push(candidate ?? { candidate: '' });
    else if (candidate) await this.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  /** The remote description is set: adds the candidates held back. */
  async ready(): Promise<void> {
    const queued = this.#queued ?? [];
    this.#queued = null;
    for (const c of queued) if (c.candidate) await this.pc.addIceCandidate(c).catch(() => undefined);
  }

  close(): void {
    const pc = this.pc;
    pc.onicecandidate = pc.onicecandidateerror = pc.ontrack = pc.onconnectionstatechange = null;
    pc.close();
  }
}
