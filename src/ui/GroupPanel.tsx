import { useState } from 'react';
import { AddConsumerDialog } from './consumer/AddConsumerDialog';
import { Inspector } from './consumer/Inspector';
import { ConsumerCard } from './ConsumerCard';
import { EagerStop } from './group/EagerStop';
import { IncrementalRebalance } from './group/IncrementalRebalance';
import { GroupMachine } from './group/GroupMachine';
import { GroupTabs } from './group/GroupTabs';
import { RequestsLane } from './group/RequestsLane';
import { GroupRoom } from './GroupRoom';
import { Icon } from './Icon';
import { useMessages } from './i18n';
import { PartitionChip } from './PartitionChip';
import { consumerIdsKeyOf, groupOf, waitingKeyOf } from './select/views';
import { useSim } from './StoreContext';
import { MemberMatrix } from './matrix/MemberMatrix';
import { MATRIX_MEMBERS, MATRIX_PARTITIONS } from './matrix/thresholds';

/**
 * The selected group: every group as a tab, its state machine, the requests in flight,
 * its consumers as cards holding their partitions, and the add buttons.
 */
export function GroupPanel() {
  const m = useMessages().group;
  const mx = useMessages().matrix;
  // Joined into strings so this panel (and the layout-animated chips in its tray) only
  // re-renders when the set of consumers or of waiting partitions changes, not every frame.
  const { groupId, idsKey, waitingKey, memberCount, stopped, addConsumer } = useSim((s) => {
    const g = groupOf(s);
    return {
      groupId: s.selectedGroup,
      idsKey: consumerIdsKeyOf(s),
      waitingKey: waitingKeyOf(s),
      memberCount: g.memberCount,
      stopped: g.protocol === 'eager' && (g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance'),
      addConsumer: s.addConsumer,
    };
  });
  const [dialog, setDialog] = useState<'consumer' | 'group' | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const ids = idsKey.split(' ').filter(Boolean);
  const waiting = waitingKey.split(' ').filter(Boolean);
  // A big group is a matrix; its chips would be hundreds of animated nodes, so the tray counts.
  const many = ids.length > MATRIX_MEMBERS || waiting.length > MATRIX_PARTITIONS;
  return (
    <section className={`panel group-panel${stopped ? ' is-stopped' : ''}`} aria-labelledby="group-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">{m.eyebrow(memberCount)}</span>
          <h2 id="group-heading" className="panel-title">
            {groupId}
          </h2>
        </div>
        <button type="button" className="btn btn-primary" onClick={addConsumer}>
          <Icon name="plus" />
          <span>{m.addConsumer}</span>
        </button>
      </header>
      <div className="group-row">
        <GroupTabs />
      </div>
      <GroupMachine />
      <RequestsLane />
      <EagerStop />
      <IncrementalRebalance />
      <div className={`waiting-tray${waiting.length === 0 ? ' is-empty' : ''}`} data-testid="unowned-partitions">
        <span className="waiting-label">{m.waiting}</span>
        {many ? (
          waiting.length > 0 && <span className="waiting-count num">{mx.waitingCount(waiting.length)}</span>
        ) : (
          <ul className="chips" aria-label={m.waitingList}>
            {waiting.map((id) => (
              <PartitionChip key={id} partition={id} slot={undefined} stranded={false} />
            ))}
          </ul>
        )}
        {waiting.length === 0 && <span className="waiting-none">{m.waitingNone}</span>}
      </div>
      {ids.length > MATRIX_MEMBERS ? (
        <>
          <MemberMatrix onPick={setPicked} />
          {picked !== null && ids.includes(picked) && (
            <ul className="consumer-list" aria-label={m.consumers}>
              <ConsumerCard id={picked} />
            </ul>
          )}
        </>
      ) : (
        <>
          <ul className="consumer-list" aria-label={m.consumers}>
            {ids.map((id) => (
              <ConsumerCard key={id} id={id} />
            ))}
          </ul>
          <GroupRoom />
        </>
      )}
      <div className="panel-actions group-add">
        <button type="button" className="btn btn-small" onClick={() => setDialog('consumer')}>
          {m.addConsumerCustom}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setDialog('group')}>
          <Icon name="plus" />
          <span>{m.addGroup}</span>
        </button>
      </div>
      <AddConsumerDialog open={dialog !== null} newGroup={dialog === 'group'} onClose={() => setDialog(null)} />
      <Inspector />
    </section>
  );
}
