// Per-key trailing debounce: a burst of keystrokes in one project leads to one recompute,
// `delayMs` after the last of them. A zero delay still yields to pending messages first.
export class Debouncer<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  constructor(
    private delayMs: number,
    private readonly run: (key: K) => void,
  ) {}

  setDelay(delayMs: number): void {
    this.delayMs = Math.max(0, delayMs);
  }

  get delay(): number {
    return this.delayMs;
  }

  schedule(key: K): void {
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.run(key);
      }, this.delayMs),
    );
  }

  /** Runs a pending recompute now (e.g. before answering a request that needs fresh results). */
  flush(key: K): boolean {
    const pending = this.timers.get(key);
    if (pending === undefined) return false;
    clearTimeout(pending);
    this.timers.delete(key);
    this.run(key);
    return true;
  }

  isPending(key: K): boolean {
    return this.timers.has(key);
  }

  cancel(key: K): void {
    const pending = this.timers.get(key);
    if (pending !== undefined) clearTimeout(pending);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
