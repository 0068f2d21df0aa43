/**
 * Java's hashing, where Kafka's result depends on it: a java.util.HashMap or HashSet iterates
 * its buckets in ascending order, and which member a sticky assignor visits first decides
 * who may keep maxQuota partitions (AbstractStickyAssignor.ConstrainedAssignmentBuilder).
 */

/** Java's String.hashCode(): s[0]*31^(n-1) + ... + s[n-1], in 32-bit int arithmetic over UTF-16 units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java's TopicPartition.hashCode(): 31 * (31 + partition) + topic.hashCode(). */
export function javaTopicPartitionHash(topicHash: number, partition: number): number {
  return (Math.imul(31, 31 + partition) + topicHash) | 0;
}

/** HashMap.hash() spread then the bucket index in a table of `capacity` (a power of two). */
export function javaBucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/**
 * Table size of a java.util.HashMap made with `new HashMap<>()` after `size` puts: 16,
 * doubled whenever size passes 0.75 of it (the map never shrinks).
 */
export function javaHashMapCapacity(size: number): number {
  let capacity = 16;
  while (size > capacity * 0.75) capacity *= 2;
  return capacity;
}

/**
 * The order in which a `new HashMap<>()` filled in the order of `keys` iterates them:
 * buckets ascending; inside a bucket, put() appends (insertion order) while
 * computeIfAbsent() links the new entry at the head (reverse insertion order). Resizes keep
 * the order inside a bucket. computeIfAbsent also resizes before inserting, not after, so
 * its table can be one size smaller. Returns indices into `keys`.
 *
 * Bends one rule: a bucket of 9+ keys in a table of 64+ becomes a red-black tree whose
 * iteration order differs. That needs nine colliding hashes; ignored.
 */
export function javaHashMapOrder(keys: readonly string[], insertion: 'put' | 'computeIfAbsent' = 'put'): Int32Array {
  const capacity = insertion === 'put' ? javaHashMapCapacity(keys.length) : javaHashMapCapacity(Math.max(0, keys.length - 1));
  const buckets = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) buckets[i] = javaBucket(javaStringHash(keys[i] ?? ''), capacity);
  const order = Int32Array.from(keys, (_k, i) => i);
  const within = insertion === 'put' ? 1 : -1;
  // Typed-array sort is not guaranteed stable; break ties by the insertion index explicitly.
  order.sort((a, b) => (buckets[a] ?? 0) - (buckets[b] ?? 0) || (a - b) * within);
  return order;
}
