/**
 * A small time-to-live cache for one warm Lambda container: a burst of sign-ins and refreshes
 * of one user costs one store read per window. Entries expire after `ttlMs`; past `maxEntries`
 * the oldest entry goes first.
 */
export class TtlCache<TValue> {
  readonly #entries = new Map<string, { value: TValue; expiresAt: number }>();

  public constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  public get(key: string): TValue | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  public set(key: string, value: TValue): void {
    if (this.ttlMs <= 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }

  public clear(): void {
    this.#entries.clear();
  }
}
