import { formatCount } from './format/time';
import { groupOf } from './select/views';
import { useSim } from './StoreContext';

/** The group's running totals. Duplicates and lost records are exact counts from the engine. */
export function GroupStats() {
  const { rebalances, totalLag, records, duplicates, lost } = useSim((s) => {
    const g = groupOf(s);
    return { rebalances: g.rebalances, totalLag: g.totalLag, ...g.processed };
  });
  return (
    <section className="group-stats" aria-labelledby="group-stats-heading">
      <h3 id="group-stats-heading" className="section-title">
        Group totals
      </h3>
      <dl className="stats">
        <Stat label="Rebalances" value={rebalances} testId="stat-rebalances" />
        <Stat label="Total lag" value={totalLag} testId="stat-total-lag" tone={totalLag > 0 ? 'lag' : undefined} />
        <Stat label="Processed" value={records} testId="stat-processed" />
        <Stat
          label="Duplicates"
          value={duplicates}
          testId="stat-duplicates"
          tone={duplicates > 0 ? 'warn' : undefined}
          hint="processed more than once"
        />
        <Stat
          label="Lost"
          value={lost}
          testId="stat-lost"
          tone={lost > 0 ? 'danger' : undefined}
          hint="committed past, never processed"
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
