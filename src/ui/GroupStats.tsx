import { formatCount } from './format/time';
import { groupOf } from './select/views';
import { useSim } from './StoreContext';
import { useMessages } from './i18n';

/** The group's running totals. Duplicates and lost records are exact counts from the engine. */
export function GroupStats() {
  const m = useMessages().stats;
  const { rebalances, totalLag, records, duplicates, lost, skipped } = useSim((s) => {
    const g = groupOf(s);
    return { rebalances: g.rebalances, totalLag: g.totalLag, ...g.processed };
  });
  return (
    <section className="group-stats" aria-labelledby="group-stats-heading">
      <h3 id="group-stats-heading" className="section-title">
        {m.title}
      </h3>
      <dl className="stats">
        <Stat label={m.rebalances} value={rebalances} testId="stat-rebalances" />
        <Stat label={m.totalLag} value={totalLag} testId="stat-total-lag" tone={totalLag > 0 ? 'lag' : undefined} />
        <Stat label={m.processed} value={records} testId="stat-processed" />
        <Stat
          label={m.duplicates}
          value={duplicates}
          testId="stat-duplicates"
          tone={duplicates > 0 ? 'warn' : undefined}
          hint={m.duplicatesHint}
        />
        <Stat
          label={m.lost}
          value={lost}
          testId="stat-lost"
          tone={lost > 0 ? 'danger' : undefined}
          hint={m.lostHint}
        />
        <Stat
          label={m.skipped}
          value={skipped}
          testId="stat-skipped"
          tone={skipped > 0 ? 'warn' : undefined}
          hint={m.skippedHint}
        />
      </dl>
    </section>
  );
}

function Stat({
  label,
  value,
  testId,
  tone,
  hint,
}: {
  label: string;
  value: number;
  testId: string;
  tone?: 'lag' | 'warn' | 'danger' | undefined;
  hint?: string;
}) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`} title={hint}>
      <dt>{label}</dt>
      <dd className="num" data-testid={testId}>
        {formatCount(value)}
      </dd>
      {hint && <dd className="visually-hidden">{hint}</dd>}
    </div>
  );
}
