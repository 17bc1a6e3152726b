/**
 * Values made during one build, seeded with what the last build left (from a build cache).
 * The build owns the object and passes it in, so two builds in one process never share one;
 * `entries()` is what this build used, for the cache to keep.
 */
export class Memo<V> {
  private readonly made = new Map<string, V>();

  constructor(private readonly kept: ReadonlyMap<string, V> = new Map()) {}

  /** The value for `key`, made by `make` only when neither this build nor the last one has it. */
  get(key: string, make: () => V): V {
    let value = this.made.get(key);
    if (value === undefined) {
      value = this.kept.get(key) ?? make();
      this.made.set(key, value);
    }
    return value;
  }

  entries(): IterableIterator<[string, V]> {
    return this.made.entries();
  }
}
