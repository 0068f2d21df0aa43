import type { GroupSummary } from '../../store/selectors';
import { groupSummariesOf } from '../select/views';
import { deepEqual } from '../format/equal';
import { formatCount } from '../format/time';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * Every group, each a button that selects it: state, generation and how much of what it
 * reads it owns now. Several groups on the same topics each read everything.
 */
export function GroupTabs() {
  const m = useMessages();
  const { groups, selected, selectGroup } = useSim(
    (s) => ({ groups: groupSummariesOf(s), selected: s.selectedGroup, selectGroup: s.selectGroup }),
    (a, b) => a.selected === b.selected && deepEqual(a.groups, b.groups),
  );
  if (groups.length === 0) return <p className="muted">{m.group.none}</p>;
  return (
    <ul className="group-tabs" aria-label={m.group.all}>
      {groups.map((g) => (
        <li key={g.id}>
          <GroupTab group={g} selected={g.id === selected} onSelect={() => selectGroup(g.id)} />
        </li>
      ))}
    </ul>
  );
}

function GroupTab({ group: g, selected, onSelect }: { group: GroupSummary; selected: boolean; onSelect: () => void }) {
  const m = useMessages();
  return (
    <button
      type="button"
      className={`group-tab${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      onClick={onSelect}
      data-testid={`group-${g.id}`}
      data-state={g.state}
      data-generation={g.generation}
    >
      <span className="group-tab-name">{g.id}</span>
      <span className={`group-tab-state tone-${stateTone(g.state)}`}>{m.groupState(g.state)}</span>
      <span className="group-tab-facts">
        {m.group.tabFacts(g.generation, g.owned, g.partitions, formatCount(g.totalLag))}
      </span>
    </button>
  );
}

export function stateTone(state: string): string {
  switch (state) {
    case 'Stable':
      return 'ok';
    case 'PreparingRebalance':
    case 'CompletingRebalance':
    case 'Assigning':
    case 'Reconciling':
      return 'busy';
    case 'Dead':
      return 'danger';
    default:
      return 'idle';
  }
}
