import { useMessages } from '../i18n';
import { chipPlacementOf, groupOf } from '../select/views';
import { useSim } from '../StoreContext';

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

/**
 * Under cooperative rebalancing (KIP-429) and the consumer protocol (KIP-848) a rebalance
 * does not stop the group: members go on reading what they keep, and only the partitions
 * that move wait for their new owner. Say so, and name them (the eager banner's opposite).
 */
export function IncrementalRebalance() {
  const m = useMessages().group;
  const { on, protocol, moving } = useSim((s) => {
    const g = groupOf(s);
    const on = (g.protocol === 'cooperative' || g.protocol === 'consumer') && REBALANCING.has(g.state);
    return { on, protocol: g.protocol, moving: on ? chipPlacementOf(s).waiting.join(', ') : '' };
  });
  if (!on) return null;
  return (
    <p className="eager-stop incremental" role="status" data-testid="incremental-rebalance" data-moving={moving}>
      {protocol === 'consumer' ? m.incrementalConsumer : m.incrementalCooperative}
      {moving !== '' && <span className="incremental-moving"> {m.movingNow(moving)}</span>}
    </p>
  );
}
