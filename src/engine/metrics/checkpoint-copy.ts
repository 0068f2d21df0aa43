/**
 * Checkpoints copy the World every few seconds of virtual time. The series' full chunks are
 * never written again, so a checkpoint shares them instead of copying tens of thousands of
 * numbers each time (about 20 ns each): only the chunks being filled and the rest of the
 * World are copied.
 */
import type { World } from '../world';
import { cloneSharingChunks, type TieredTable } from './tiered-table';
import type { MetricsState } from './types';

/** A deep copy of the World for a checkpoint, sharing the metrics' full chunks. */
export function cloneWorldForCheckpoint(w: World): World {
  return cloneSharingChunks(w, (world) => tablesOf(world.metrics));
}

/** Every table of the metrics, in a fixed order (the same for a copy). */
function tablesOf(m: MetricsState): TieredTable[] {
  const tables: TieredTable[] = [];
  for (const name in m.topics) tables.push(m.topics[name]!.totals, m.topics[name]!.partitions);
  for (const id in m.groups) tables.push(m.groups[id]!.totals, m.groups[id]!.partitions);
  return tables;
}
