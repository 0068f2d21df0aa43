import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRandom, randomInt, randomUuid, seedState } from './prng';

/** mulberry32 as published (bryc), written independently of prng.ts. */
function referenceMulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draws(seed: number, n: number): number[] {
  const state = { rng: seedState(seed) };
  return Array.from({ length: n }, () => nextRandom(state));
}

const GOLDEN = 0x6d2b79f5;
const uint32 = fc.integer({ min: 0, max: 0xffff_ffff });

describe('nextRandom', () => {
  it('is mulberry32: the same sequence as the published algorithm for any state', () => {
    fc.assert(
      fc.property(uint32, (rng) => {
        const state = { rng };
        const reference = referenceMulberry32(rng);
        for (let i = 0; i < 20; i++) expect(nextRandom(state)).toBe(reference());
      }),
    );
  });

  it('pins the first draws of seed 7 so saved replays keep their meaning', () => {
    const state = { rng: seedState(7) };
    expect([nextRandom(state), nextRandom(state), nextRandom(state)]).toEqual([
      0.7227507401257753, 0.9872626690194011, 0.6446148802060634,
    ]);
    expect(randomUuid({ rng: seedState(7) })).toBe('faecc374-a0fa-4794-ab3d-03e1bb9478c5');
  });

  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draws(seed, 50)).toEqual(draws(seed, 50));
      }),
    );
  });

  it('gives different sequences for different seeds', () => {
    fc.assert(
      fc.property(uint32, uint32, (a, b) => {
        fc.pre(a !== b);
        expect(draws(a, 4)).not.toEqual(draws(b, 4));
      }),
    );
  });

  it('returns numbers in [0, 1)', () => {
    fc.assert(
      fc.property(uint32, (rng) => {
        const state = { rng };
        for (let i = 0; i < 50; i++) {
          const x = nextRandom(state);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('returns a uint32 divided by 2^32 (never exactly 1)', () => {
    const state = { rng: 0 };
    const values = Array.from({ length: 1000 }, () => nextRandom(state));
    for (const v of values) expect(Number.isInteger(v * 4294967296)).toBe(true);
  });

  it('advances the state by the mulberry32 increment, mod 2^32, on every draw', () => {
    fc.assert(
      fc.property(uint32, fc.integer({ min: 1, max: 30 }), (rng, n) => {
        const state = { rng };
        for (let i = 0; i < n; i++) nextRandom(state);
        expect(state.rng).toBe((rng + n * GOLDEN) % 2 ** 32);
        expect(Number.isInteger(state.rng)).toBe(true);
        expect(state.rng).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('wraps the state at 2^32 instead of growing', () => {
    const state = { rng: 0xffff_ffff };
    nextRandom(state);
    expect(state.rng).toBe(GOLDEN - 1);
  });
});

describe('seedState', () => {
  it('maps the first 10000 seeds to 10000 distinct states, each a uint32', () => {
    const states = new Set<number>();
    for (let seed = 0; seed < 10_000; seed++) {
      const s = seedState(seed);
      expect(Number.isInteger(s) && s >= 0 && s <= 0xffff_ffff).toBe(true);
      states.add(s);
    }
    expect(states.size).toBe(10_000);
  });

  it('is a pure function of the seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(seedState(seed)).toBe(seedState(seed));
      }),
    );
  });

  it('pins the splitmix32 finaliser output for a few seeds', () => {
    expect([seedState(0), seedState(1), seedState(7)]).toEqual([2462723854, 2527132011, 588686121]);
  });

  it('reads the seed as a uint32: -1 and 2^32 - 1 give the same state', () => {
    expect(seedState(-1)).toBe(seedState(0xffff_ffff));
  });
});

describe('randomInt', () => {
  it('stays within [min, max] and returns integers', () => {
    fc.assert(
      fc.property(
        uint32,
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (rng, min, span) => {
          const state = { rng };
          for (let i = 0; i < 20; i++) {
            const x = randomInt(state, min, min + span);
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(min);
            expect(x).toBeLessThanOrEqual(min + span);
          }
        }),
    );
  });

  it('returns min when min equals max, and still consumes one draw', () => {
    fc.assert(
      fc.property(uint32, fc.integer({ min: -1000, max: 1000 }), (rng, v) => {
        const state = { rng };
        expect(randomInt(state, v, v)).toBe(v);
        expect(state.rng).toBe((rng + GOLDEN) % 2 ** 32);
      }),
    );
  });

  it('is floor(nextRandom * size) + min on the same state', () => {
    fc.assert(
      fc.property(uint32, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (rng, min, span) => {
        const a = { rng };
        const b = { rng };
        expect(randomInt(a, min, min + span)).toBe(min + Math.floor(nextRandom(b) * (span + 1)));
        expect(a.rng).toBe(b.rng);
      }),
    );
  });

  it('hits both ends and every value between over many draws', () => {
    const state = { rng: seedState(42) };
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[randomInt(state, 0, 9)]! += 1;
    // Deterministic for this seed: each of the 10 values gets roughly 1000 draws.
    for (const c of counts) {
      expect(c).toBeGreaterThan(900);
      expect(c).toBeLessThan(1100);
    }
    expect(counts.reduce((s, c) => s + c, 0)).toBe(10_000);
  });
});

describe('randomUuid', () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a lowercase version-4 UUID with the RFC 4122 variant', () => {
    fc.assert(
      fc.property(uint32, (rng) => {
        const uuid = randomUuid({ rng });
        expect(uuid).toMatch(UUID_V4);
        expect(uuid).toHaveLength(36);
        expect(uuid[14]).toBe('4');
        expect(['8', '9', 'a', 'b']).toContain(uuid[19]);
      }),
    );
  });

  it('uses all four variant digits over many uuids', () => {
    const state = { rng: seedState(3) };
    const variants = new Set(Array.from({ length: 200 }, () => randomUuid(state)[19]));
    expect([...variants].sort()).toEqual(['8', '9', 'a', 'b']);
  });

  it('consumes exactly 31 draws (30 random hex digits and the variant)', () => {
    fc.assert(
      fc.property(uint32, (rng) => {
        const state = { rng };
        randomUuid(state);
        expect(state.rng).toBe((rng + 31 * GOLDEN) % 2 ** 32);
      }),
    );
  });

  it('is deterministic for a state and differs on the next call', () => {
    const a = { rng: seedState(11) };
    const b = { rng: seedState(11) };
    const first = randomUuid(a);
    expect(randomUuid(b)).toBe(first);
    expect(randomUuid(a)).not.toBe(first);
  });

  it('draws 1000 distinct uuids in a row', () => {
    const state = { rng: seedState(5) };
    const seen = new Set(Array.from({ length: 1000 }, () => randomUuid(state)));
    expect(seen.size).toBe(1000);
  });
});
