import type { CSSProperties } from 'react';
import { consumerColorVar } from '../format/consumer-colors';
import { deepEqual } from '../format/equal';
import { formatCount } from '../format/time';
import { useMessages } from '../i18n';
import { colorSlotsOf, topicReadersOf } from '../select/views';
import { useSim } from '../StoreContext';
import { MATRIX_PARTITIONS } from '../matrix/thresholds';

/**
 * Every group that reads the selected topic, one line each: who owns each partition in
 * that group and its lag. Two groups on one topic each read every record.
 */
export function TopicReaders() {
  const m = useMessages();
  const { readers, slots, selectGroup, selected } = useSim(
    (s) => ({ readers: topicReadersOf(s, MATRIX_PARTITIONS), slots: colorSlotsOf(s), selectGroup: s.selectGroup, selected: s.selectedGroup }),
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
            {r.partitions > MATRIX_PARTITIONS ? (
              <span className="reader-lag">{m.topic.owns(r.owned, r.partitions)}</span>
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
