/** mulberry32: a small, fast, seeded PRNG, so generated sites and fuzz cases repeat exactly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A whole number from 0 to n - 1. */
  const below = (n: number) => Math.floor(next() * n);
  return {
    next,
    below,
    /** A whole number from min to max, both included. */
    int: (min: number, max: number) => min + below(max - min + 1),
    pick: <T>(list: readonly T[]): T => list[below(list.length)]!,
  };
}
