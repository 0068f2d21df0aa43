/** Every strategy name the engine API accepts (engine-api.md, `assign`). */
export type AssignorStrategy = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky' | 'uniform';

/** The strategies implemented so far. */
export type SupportedAssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky' | 'uniform';

/** One group member as the classic group leader sees it (its JoinGroup subscription). */
export interface AssignorMember {
  /** Member id given by the coordinator; unique within the group. */
  id: string;
  /** group.instance.id: set for static members, who are ordered before dynamic ones. */
  instanceId?: string;
  /** Subscribed topic names. */
  topics: string[];
  /** Partitions ("topic-N") the member owns now; read by the sticky assignors only. */
  owned?: string[];
  /** Generation of `owned`; -1 or absent means unknown. Read by the sticky assignors only. */
  generation?: number;
}

/** What an assignor decides from: cluster metadata and the members' subscriptions. */
export interface AssignorInput {
  /** Topic -> partition count. Topics missing here have no metadata and get no partitions. */
  topics: Record<string, number>;
  members: AssignorMember[];
}

/** Member id -> assigned partitions ("topic-N"), in the order Kafka's assignor lists them. */
export type Assignment = Record<string, string[]>;

/** A partition assignor: a pure function from input to assignment. */
export interface Assignor {
  name: string;
  assign(input: AssignorInput): Assignment;
}
