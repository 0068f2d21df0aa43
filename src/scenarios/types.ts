import type { Command, CommitStrategy, ConfigValue } from '../engine/types';

/** A timed command: applied when the virtual clock reaches `atMs`. */
export type ScenarioStep = readonly [atMs: number, command: Command];

/** What a new consumer added from the UI looks like in this scenario. */
export interface ConsumerTemplate {
  groupId: string;
  subscribe: string[];
  config: Record<string, ConfigValue>;
  processingMs: number;
  commit?: CommitStrategy;
}

/** Data only: the engine validates every command when it is applied. */
export interface Scenario {
  id: string;
  title: string;
  caption: string;
  seed: number;
  /** The topic and group the page focuses on. */
  topic: string;
  groupId: string;
  steps: ScenarioStep[];
  consumerTemplate: ConsumerTemplate;
  /** Virtual time run before the first frame, so the page opens already alive. */
  prerollMs: number;
}
