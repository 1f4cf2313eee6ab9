// Per-key debounce. After a quiet spell the first change runs on the next turn of the event loop
// (after messages already received), so a single keystroke costs no timer delay; changes that keep
// coming within `delayMs` of each other are coalesced into one run, `delayMs` after the last.
export class Debouncer<K> {
  private readonly timers = new Map<K, { cancel: () => void }>();
  private readonly lastScheduled = new Map<K, number>();

  constructor(
    private delayMs: number,
    private readonly run: (key: K) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setDelay(delayMs: number): void {
    this.delayMs = Math.max(0, delayMs);
  }

  get delay(): number {
    return this.delayMs;
  }

  schedule(key: K): void {
    this.timers.get(key)?.cancel();
    const now = this.now();
    const previous = this.lastScheduled.get(key);
    this.lastScheduled.set(key, now);
    const fire = () => {
      this.timers.delete(key);
      this.run(key);
    };
    if (previous === undefined || now - previous >= this.delayMs) {
      const handle = setImmediate(fire);
      this.timers.set(key, { cancel: () => clearImmediate(handle) });
    } else {
      const handle = setTimeout(fire, this.delayMs);
      this.timers.set(key, { cancel: () => clearTimeout(handle) });
    }
  }

  /** Runs a pending recompute now (e.g. before answering a request that needs fresh results). */
  flush(key: K): boolean {
    const pending = this.timers.get(key);
    if (pending === undefined) return false;
    pending.cancel();
    this.timers.delete(key);
    this.run(key);
    return true;
  }

  isPending(key: K): boolean {
    return this.timers.has(key);
  }

  cancel(key: K): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    this.lastScheduled.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
