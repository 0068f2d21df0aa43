import { ConsumerCard } from './ConsumerCard';
import { GroupRoom } from './GroupRoom';
import { GroupTabs } from './group/GroupTabs';
import { Icon } from './Icon';
import { TryThis } from './TryThis';
import { PartitionChip } from './PartitionChip';
import { chipPlacementOf, consumerIdsOf, groupOf } from './select/views';
import { useSim } from './StoreContext';

/** The group: its consumers as cards holding their partitions, and the add button. */
export function GroupPanel() {
  // Joined into strings so this panel (and the layout-animated chips in its tray) only
  // re-renders when the set of consumers or of waiting partitions changes, not every frame.
  const { groupId, idsKey, waitingKey, memberCount, addConsumer } = useSim((s) => ({
    groupId: s.selectedGroup,
    idsKey: consumerIdsOf(s).join(' '),
    waitingKey: chipPlacementOf(s).waiting.join(' '),
    memberCount: groupOf(s).memberCount,
    addConsumer: s.addConsumer,
  }));
  const ids = idsKey.split(' ').filter(Boolean);
  const waiting = waitingKey.split(' ').filter(Boolean);
  return (
    <section className="panel group-panel" aria-labelledby="group-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">
            Group · <span className="num">{memberCount}</span> {memberCount === 1 ? 'member' : 'members'}
          </span>
          <h2 id="group-heading" className="panel-title">
            {groupId}
          </h2>
        </div>
        <button type="button" className="btn btn-primary" onClick={addConsumer}>
          <Icon name="plus" />
          <span>Add consumer</span>
        </button>
      </header>
      <GroupTabs />
      <div className={`waiting-tray${waiting.length === 0 ? ' is-empty' : ''}`} data-testid="unowned-partitions">
        <span className="waiting-label">Waiting for an owner</span>
        <ul className="chips" aria-label="Partitions waiting for an owner">
          {waiting.map((id) => (
            <PartitionChip key={id} partition={id} slot={undefined} stranded={false} />
          ))}
        </ul>
        {waiting.length === 0 && <span className="waiting-none">none</span>}
      </div>
      <ul className="consumer-list" aria-label="Consumers">
        {ids.map((id) => (
          <ConsumerCard key={id} id={id} />
        ))}
      </ul>
      <GroupRoom />
      <TryThis />
    </section>
  );
}
