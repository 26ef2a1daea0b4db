/** The pre-join screen's sound: the microphone's level meter and the speaker test, loaded when first needed. */

/** Measures `track`'s level ten times a second (0..1, about -50 dBFS to -10 dBFS); returns the stop. */
export function meter(track: MediaStreamTrack, level: (value: number) => void): () => void {
  if (typeof AudioContext !== 'function') return () => undefined;
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  void ctx.resume().catch(() => undefined);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    level(Math.max(0, Math.min(1, (20 * Math.log10(rms || 1e-9) + 50) / 40)));
  }, 100);
  return () => {
    clearInterval(timer);
    void ctx.close().catch(() => undefined);
  };
}

/**
 * Plays a short tone on `speakerDevice` ('' the default). Resolves `false` when the sound could not
 * be sent to that speaker (nothing is played then), `true` when it played, `undefined` when this
 * browser has no Web Audio.
 */
export async function playTone(speakerDevice: string): Promise<boolean | undefined> {
  if (typeof AudioContext !== 'function') return undefined;
  const ctx = new AudioContext();
  const tone = ctx.createOscillator();
  const gain = ctx.createGain();
  const out = ctx.createMediaStreamDestination();
  tone.frequency.value = 660;
  gain.gain.setValueAtTime(0.2, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.6);
  tone.connect(gain).connect(out);
  const audio = new Audio();
  audio.srcObject = out.stream;
  const sink = audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
  try {
    if (speakerDevice && sink.setSinkId) await sink.setSinkId(speakerDevice);
  } catch {
    // Not played on another speaker than the one chosen: the caller tells the user instead.
    void ctx.close().catch(() => undefined);
    return false;
  }
  tone.start();
  tone.stop(ctx.currentTime + 0.6);
  tone.onended = () => {
    audio.srcObject = null;
    void ctx.close().catch(() => undefined);
  };
  await audio.play().catch(() => undefined);
  return true;
}
