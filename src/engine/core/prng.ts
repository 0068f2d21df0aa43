/**
 * Seeded PRNG (mulberry32). Its whole state is one uint32 kept in the World, so it is
 * part of every snapshot and hash and replays bit for bit.
 */
export function nextRandom(state: { rng: number }): number {
  let t = (state.rng = (state.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A uniformly drawn integer in [min, max]. */
export function randomInt(state: { rng: number }, min: number, max: number): number {
  return min + Math.floor(nextRandom(state) * (max - min + 1));
}

/** Scrambles a user seed into a well-mixed initial state (splitmix32 finaliser). */
export function seedState(seed: number): number {
  let z = (seed >>> 0) + 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A random version-4 UUID, as Kafka appends to member ids. */
export function randomUuid(state: { rng: number }): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => randomInt(state, 0, 15).toString(16)).join('');
  const variant = (8 + randomInt(state, 0, 3)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
