import type { PartitionSpace } from './partition-space';

/**
 * The "topic-N" strings of partition ids, both ways, for every assignor.
 *
 * Out: names are built once per (topic, partition) and shared by all calls, so an output
 * list is an array of references, not a million fresh strings per round (Kafka's Java
 * hands out TopicPartition objects; a string per partition per round cost more than its
 * whole assignment). In: a list this module handed out is frozen and remembers its ids, so
 * when it comes back as a member's owned partitions it is read by its ids, without reading
 * a name: frozen, it cannot have changed since. Lists of other strings are parsed by their
 * text, to the same ids, so the result never depends on what is cached.
 */

/** Names kept at most (about 30 bytes each); past it the table starts again. */
const MAX_CACHED_NAMES = 4_000_000;
const namesByTopic = new Map<string, string[]>();
let cachedNames = 0;

/** names[p] = `${topic}-${p}` for p < count (the array may be longer). */
export function partitionNamesOf(topic: string, count: number): readonly string[] {
  let names = namesByTopic.get(topic);
  if (names !== undefined && names.length >= count) return names;
  if (cachedNames + count > MAX_CACHED_NAMES) {
    namesByTopic.clear();
    cachedNames = 0;
    names = undefined;
  }
  if (names === undefined) {
    names = [];
    namesByTopic.set(topic, names);
  }
  const prefix = `${topic}-`;
  cachedNames += count - names.length;
  for (let p = names.length; p < count; p++) names.push(prefix + p);
  return names;
}

/** The partition space a list was named in, with every partition's name: flat[p] names id p. */
interface NamedSpace {
  readonly topics: readonly string[];
  readonly topicStart: Int32Array;
  readonly partitionTopic: Int32Array;
  readonly flat: readonly string[];
}

/** The last space named: the next call has the same topics and counts more often than not. */
let lastSpace: NamedSpace | null = null;

function namedSpace(model: Pick<PartitionSpace, 'topics' | 'topicStart' | 'partitionTopic'>): NamedSpace {
  const { topics, topicStart, partitionTopic } = model;
  if (lastSpace !== null && sameLayout(lastSpace, topics, topicStart)) return lastSpace;
  const flat = new Array<string>(partitionTopic.length);
  for (let t = 0; t < topics.length; t++) {
    const start = topicStart[t] ?? 0;
    const count = (topicStart[t + 1] ?? 0) - start;
    const names = partitionNamesOf(topics[t] ?? '', count);
    for (let k = 0; k < count; k++) flat[start + k] = names[k] ?? '';
  }
  lastSpace = { topics, topicStart, partitionTopic, flat };
  return lastSpace;
}

function sameLayout(space: NamedSpace, topics: readonly string[], topicStart: Int32Array): boolean {
  if (space.topics.length !== topics.length) return false;
  for (let t = 0; t < topics.length; t++) {
    if (!Object.is(space.topics[t], topics[t]) || space.topicStart[t + 1] !== topicStart[t + 1]) return false;
  }
  return true;
}

/** A list handed out by toNamedAssignment (frozen), with the ids it was named from. */
interface Issued {
  readonly space: NamedSpace;
  readonly ids: ArrayLike<number>;
}
const issued = new WeakMap<readonly string[], Issued>();

/** How many owned names the members list in all: what an {@link OwnedParser} needs room for. */
export function ownedNameCount(members: readonly { owned?: readonly string[] }[]): number {
  let total = 0;
  for (const member of members) total += member.owned?.length ?? 0;
  return total;
}

/**
 * True when `list` is one toNamedAssignment handed out: then it holds only strings, the
 * names of its ids. It is frozen, so it cannot have changed: one WeakMap lookup, where
 * comparing a million names one by one cost more than the assignment itself.
 */
export function isIssuedUnchanged(list: readonly unknown[]): boolean {
  return issued.has(list as readonly string[]) && Object.isFrozen(list);
}

/**
 * Parses "topic-N" names to partition ids, for one assignor call. Names of topics without
 * partitions (deleted topics, unsubscribed ones) and partitions past the topic's count are
 * dropped, as Kafka drops partitions of topics missing from partitionsPerTopic; a name
 * listed twice by one member counts once.
 */
export class OwnedParser {
  /** How many distinct unknown topic names each member's parse() met. */
  readonly unknownTopics: number[] = [];
  /** Per member: every name was a canonical "topic-N" (no leading zero) of an existing partition. */
  readonly canonical: boolean[] = [];
  /** member + 1 that listed a partition last; made on the first list read by its text. */
  private stamp: Int32Array | null = null;
  /** Every member's ids, one after the other: each parse() returns a view of its part. */
  private readonly slab: Int32Array;
  private used = 0;
  /** For each space lists were issued in: its topic index -> ours (-1 = not here), or null when both are the same. */
  private readonly translations = new Map<NamedSpace, Int32Array | null>();

  /** `names`: how many names all parse() calls together get, at most. */
  constructor(
    private readonly space: Pick<PartitionSpace, 'topics' | 'topicIndex' | 'topicStart' | 'totalPartitions'>,
    names: number,
  ) {
    this.slab = new Int32Array(names);
  }

  /** The ids of one member's names; a read-only view (it may be shared with other calls). */
  parse(member: number, names: readonly string[]): Int32Array {
    const start = this.used;
    if (start + names.length > this.slab.length) throw new Error('OwnedParser: more names than announced');
    // A list we named (frozen, so unchanged): its ids, without reading a name; in the same
    // layout, the very ids it was named from (parse results are read-only).
    const memo = isIssuedUnchanged(names) ? issued.get(names) : undefined;
    const unchanged = memo !== undefined;
    if (unchanged && memo.ids instanceof Int32Array && this.translation(memo.space) === null) {
      this.unknownTopics[member] = 0;
      this.canonical[member] = true;
      return memo.ids;
    }
    let n = unchanged ? this.idsOf(memo, start) : -1;
    if (n !== -1) {
      this.unknownTopics[member] = 0;
      this.canonical[member] = true;
    } else {
      n = this.parseNames(member, names, start);
    }
    this.used = start + n;
    return this.slab.subarray(start, start + n);
  }

  /** Writes an issued list's ids in our space at `at`; -1 when one of its topics or partitions is gone. */
  private idsOf(memo: Issued, at: number): number {
    const from = memo.space;
    const ids = memo.ids;
    const translate = this.translation(from);
    const out = this.slab;
    if (translate === null) {
      out.set(ids, at);
      return ids.length;
    }
    const { topicStart } = this.space;
    for (let i = 0; i < ids.length; i++) {
      const old = ids[i] ?? 0;
      const oldT = from.partitionTopic[old] ?? 0;
      const partition = old - (from.topicStart[oldT] ?? 0);
      const t = translate[oldT] ?? -1;
      if (t === -1) return -1;
      const start = topicStart[t] ?? 0;
      if (partition >= (topicStart[t + 1] ?? 0) - start) return -1;
      out[at + i] = start + partition;
    }
    return ids.length;
  }

  /** Reads the names by their text into the slab at `at`; returns how many ids. */
  private parseNames(member: number, names: readonly string[], at: number): number {
    const { topics, topicIndex, topicStart } = this.space;
    const stamp = (this.stamp ??= new Int32Array(this.space.totalPartitions));
    const out = this.slab;
    const mark = member + 1;
    let unknown: Set<string> | null = null;
    let canonical = true;
    let n = 0;
    // Lists usually run topic by topic or across topics in name order: try the last topic
    // and the next one before a Map lookup.
    let lastTopic = '';
    let lastT = -1;
    for (const name of names) {
      const dash = name.lastIndexOf('-');
      if (dash <= 0 || dash === name.length - 1) continue;
      let t: number;
      if (dash === lastTopic.length && name.startsWith(lastTopic)) {
        t = lastT;
      } else {
        const next = topics[lastT + 1];
        if (next !== undefined && dash === next.length && name.startsWith(next)) {
          t = lastT + 1;
        } else {
          const found = topicIndex.get(name.slice(0, dash));
          if (found === undefined) {
            (unknown ??= new Set()).add(name.slice(0, dash));
            continue;
          }
          t = found;
        }
        lastTopic = topics[t] ?? '';
        lastT = t;
      }
      let partition = 0;
      for (let i = dash + 1; i < name.length; i++) {
        const digit = name.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) {
          partition = -1;
          break;
        }
        partition = partition * 10 + digit;
      }
      if (name.charCodeAt(dash + 1) === 48 && name.length > dash + 2) canonical = false; // "t-07"
      const start = topicStart[t] ?? 0;
      if (partition < 0 || partition >= (topicStart[t + 1] ?? 0) - start) continue;
      const id = start + partition;
      if (stamp[id] === mark) continue;
      stamp[id] = mark;
      out[at + n++] = id;
    }
    this.unknownTopics[member] = unknown?.size ?? 0;
    this.canonical[member] = canonical && n === names.length;
    return n;
  }

  private translation(from: NamedSpace): Int32Array | null {
    let translate = this.translations.get(from);
    if (translate === undefined) {
      const { topics, topicIndex, topicStart } = this.space;
      translate = Int32Array.from(from.topics, (topic) => topicIndex.get(topic) ?? -1);
      const same =
        from.topics.length === topics.length &&
        translate.every((t, i) => t === i && from.topicStart[i + 1] === topicStart[i + 1]);
      if (same) translate = null;
      this.translations.set(from, translate);
    }
    return translate;
  }
}

/**
 * What a member listed as owned, to hand its own strings back when its result is the same
 * list: Kafka likewise leaves an unchanged assignment uncopied. `ids[m]` is the parse of
 * `names[m]` in the same order (see {@link OwnedParser}).
 */
export interface OwnedLists {
  readonly ids: readonly Int32Array[];
  /** The given lists; undefined where a member gave none or one not canonical (see OwnedParser.canonical). */
  readonly names: readonly (readonly string[] | undefined)[];
}

/**
 * Member index -> "topic-N" lists, for the public Assignment shape. Each list is frozen
 * (read-only, like the unmodifiable collections Kafka's assignors hand out): a member whose
 * result equals a frozen list it gave is handed that list back, uncopied.
 */
export function toNamedAssignment(
  model: Pick<PartitionSpace, 'topics' | 'topicStart' | 'partitionTopic'> & { memberIds: readonly string[] },
  lists: readonly (ArrayLike<number>)[],
  owned?: OwnedLists,
): Record<string, string[]> {
  const space = namedSpace(model);
  const { flat } = space;
  const entries = model.memberIds.map((id, m): [string, string[]] => {
    const list = lists[m] ?? [];
    const given = owned?.names[m];
    let names: string[];
    if (given !== undefined && given.length === list.length && sameIds(owned?.ids[m], list)) {
      // Typed string[] as the public Assignment is; frozen all the same (a write throws).
      names = (Object.isFrozen(given) ? given : Object.freeze(given.slice())) as string[];
    } else {
      names = Object.freeze(list instanceof Int32Array ? namesOfIds(flat, list) : namesOfList(flat, list)) as string[];
    }
    issued.set(names, { space, ids: list });
    return [id, names];
  });
  // fromEntries defines own keys, so a member id like "__proto__" stays an ordinary key.
  return Object.fromEntries(entries);
}

// Two loops, one per list type, so each keyed load sees one kind of array (one loop over
// both kinds took about a third longer on 1M names in a micro-benchmark).
function namesOfIds(flat: readonly string[], ids: Int32Array): string[] {
  const names = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) names[i] = flat[ids[i]!]!;
  return names;
}

function namesOfList(flat: readonly string[], ids: ArrayLike<number>): string[] {
  const names = new Array<string>(ids.length);
  for (let i = 0; i < ids.length; i++) names[i] = flat[ids[i] ?? 0] ?? '';
  return names;
}

function sameIds(ids: Int32Array | undefined, list: ArrayLike<number>): boolean {
  if (ids === list) return true;
  if (ids === undefined || ids.length !== list.length) return false;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== list[i]) return false;
  return true;
}
