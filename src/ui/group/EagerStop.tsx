import { useMessages } from '../i18n';
import { groupOf } from '../select/views';
import { useSim } from '../StoreContext';

/** Under the eager protocol a rebalance stops the whole group: say so across it. */
export function EagerStop() {
  const m = useMessages().group;
  const stopped = useSim((s) => {
    const g = groupOf(s);
    return g.protocol === 'eager' && (g.state === 'PreparingRebalance' || g.state === 'CompletingRebalance');
  });
  if (!stopped) return null;
  return (
    <p className="eager-stop" role="status" data-testid="eager-stop">
      {m.stoppedEager}
    </p>
  );
}
