/**
 * Listens to a muted microphone, for `<zego-preview>`'s "you are muted" hint: `talking(true)` while
 * it hears more than a murmur and for a second after. Loaded the first time a microphone is muted.
 * Returns the function that stops listening.
 */
export function listen(audio: MediaStreamTrack, talking: (on: boolean) => void): () => void {
  const copy = audio.clone();
  copy.enabled = true;
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  ctx.createMediaStreamSource(new MediaStream([copy])).connect(analyser);
  void ctx.resume().catch(() => undefined);
  const samples = new Float32Array(analyser.fftSize);
  let heard = 0;
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    // The level the room calls speaking (SPEAKING_LEVEL: about -54 dBFS).
    const rms = Math.sqrt((2 * samples.reduce((sum, x) => sum + x * x, 0)) / samples.length);
    if (rms > 0.002) heard = Date.now();
    talking(Date.now() - heard < 1000);
  }, 100);
  return () => {
    clearInterval(timer);
    copy.stop();
    void ctx.close().catch(() => undefined);
  };
}
