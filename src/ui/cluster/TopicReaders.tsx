import type { CSSProperties } from 'react';
import { selectPartitions } from '../../store/selectors';
import { consumerColorVar } from '../format/consumer-colors';
import { deepEqual } from '../format/equal';
import { formatCount } from '../format/time';
import { useMessages } from '../i18n';
import { colorSlotsOf } from '../select/views';
import { useSim } from '../StoreContext';
import { MATRIX_PARTITIONS } from '../matrix/thresholds';

interface Reader {
  groupId: string;
  owners: (string | null)[];
  lag: number;
  duplicates: number;
  lost: number;
}

/**
 * Every group that reads the selected topic, one line each: who owns each partition in
 * that group and its lag. Two groups on one topic each read every record.
 */
export function TopicReaders() {
  const m = useMessages();
  const { readers, slots, selectGroup, selected } = useSim(
    (s) => {
      const snap = s.frame.snapshot;
      const topic = s.selectedTopic;
      const readers: Reader[] = [];
      for (const groupId of Object.keys(snap.groups).sort()) {
        const reads = Object.values(snap.consumers).some(
          (c) => c.groupId === groupId && (c.subscription.includes(topic) || c.owned.some((p) => p.startsWith(`${topic}-`))),
        );
        if (!reads) continue;
        const parts = selectPartitions(snap, topic, groupId);
        const g = snap.groups[groupId]!;
        readers.push({
          groupId,
          owners: parts.map((p) => p.owner),
          lag: parts.reduce((n, p) => n + p.lag, 0),
          duplicates: g.processed.duplicates,
          lost: g.processed.lost,
        });
      }
      return { readers, slots: colorSlotsOf(s), selectGroup: s.selectGroup, selected: s.selectedGroup };
    },
    (a, b) => a.selected === b.selected && deepEqual(a.readers, b.readers) && deepEqual(a.slots, b.slots),
  );
  if (readers.length === 0) return null;
  return (
    <section className="readers" aria-labelledby="readers-heading">
      <h3 id="readers-heading" className="section-title">
        {m.topic.readers}
      </h3>
      <ul className="reader-list">
        {readers.map((r) => (
          <li key={r.groupId} className={`reader${r.groupId === selected ? ' is-selected' : ''}`} data-testid={`reader-${r.groupId}`}>
            <button type="button" className="reader-name" onClick={() => selectGroup(r.groupId)} aria-pressed={r.groupId === selected}>
              {r.groupId}
            </button>
            {r.owners.length > MATRIX_PARTITIONS ? (
              <span className="reader-lag">{m.topic.owns(r.owners.filter((o) => o !== null).length, r.owners.length)}</span>
            ) : (
            <span className="reader-owners" aria-label={m.topic.tableLabel(r.groupId)}>
              {r.owners.map((owner, i) => (
                <span
                  key={i}
                  className={`reader-cell${owner === null ? ' is-unowned' : ''}`}
                  style={{ '--owner': consumerColorVar(owner === null ? undefined : slots[owner]) } as CSSProperties}
                  title={`${i}: ${owner ?? m.topic.noOwner}`}
                />
              ))}
            </span>
            )}
            <span className="reader-lag num">
              {m.stats.totalLag} {formatCount(r.lag)}
            </span>
            {r.duplicates > 0 && <span className="reader-dup">{m.topic.duplicatesOn(formatCount(r.duplicates))}</span>}
            {r.lost > 0 && <span className="reader-lost">{m.topic.lostOn(formatCount(r.lost))}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
