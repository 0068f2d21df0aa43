/**
 * English: every word of the page. Plain strings for fixed text, functions where a number
 * or a name goes inside a sentence (so a language can put it where its grammar wants).
 */
export const en = {
  group: {
    all: 'Groups',
    none: 'No groups yet',
    tabFacts: (generation: number, owned: number, partitions: number, lag: string) =>
      `gen ${generation} · owns ${owned}/${partitions} · lag ${lag}`,
  },
  groupState: (state: string) => state,
};

export type Messages = typeof en;
