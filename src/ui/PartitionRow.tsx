import type { ScaleLinear } from 'd3-scale';
import { memo, type CSSProperties } from 'react';
import type { PartitionView } from '../store/selectors';
import { consumerColorVar } from './format/consumer-colors';
import { deepEqual } from './format/equal';
import { formatCount } from './format/time';
import { LogBar, type BarMark } from './LogBar';
import { useMessages } from './i18n';

interface Props {
  partition: PartitionView;
  x: ScaleLinear<number, number>;
  ownerSlot: number | undefined;
  /** A dead member the coordinator still assigns this partition to (nobody reads it). */
  strandedBy: string | null;
  strandedSlot: number | undefined;
  /** The ledger's ranges on this partition (processed twice, lost, skipped). */
  marks: readonly BarMark[];
}

/**
 * One partition: who owns it, its log bar, and its numbers. Memoised by value: the frame
 * changes 60 times a second, a partition's numbers only when records arrive or commit.
 */
export const PartitionRow = memo(PartitionRowView, (a, b) => {
  const { partition: pa, ...restA } = a;
  const { partition: pb, ...restB } = b;
  return deepEqual(pa, pb) && deepEqual(restA, restB);
});

function PartitionRowView({ partition: p, x, ownerSlot, strandedBy, strandedSlot, marks }: Props) {
  const m = useMessages().topic;
  const style = { '--owner': consumerColorVar(ownerSlot) } as CSSProperties;
  return (
    <div
      role="row"
      className="partition-row"
      data-testid={`partition-${p.id}`}
      data-owner={p.owner ?? ''}
      data-lag={p.lag}
      data-committed={p.committed ?? ''}
      data-log-end={p.logEnd}
      data-duplicated={marks.filter((k) => k.kind === 'duplicate').map((k) => `${k.from}-${k.to}`).join(' ')}
      data-lost={marks.filter((k) => k.kind === 'lost').map((k) => `${k.from}-${k.to}`).join(' ')}
      data-skipped={marks.filter((k) => k.kind === 'skipped').map((k) => `${k.from}-${k.to}`).join(' ')}
      style={style}
    >
      <div role="rowheader" className="partition-id">
        <span className="partition-name">{p.id}</span>
        <OwnerTag owner={p.owner} strandedBy={strandedBy} strandedSlot={strandedSlot} />
      </div>
      <div role="cell" className="partition-bar">
        <LogBar partition={p} x={x} marks={marks} />
      </div>
      <div role="cell" className="num-col num">
        {formatCount(p.logEnd)}
      </div>
      <div role="cell" className="num-col num">
        {p.committed === null ? <span className="muted">{m.none}</span> : formatCount(p.committed)}
      </div>
      <div role="cell" className={`num-col num lag-value${p.lag > 0 ? ' has-lag' : ''}`}>
        {formatCount(p.lag)}
      </div>
    </div>
  );
}

function OwnerTag({
  owner,
  strandedBy,
  strandedSlot,
}: {
  owner: string | null;
  strandedBy: string | null;
  strandedSlot: number | undefined;
}) {
  const m = useMessages().topic;
  if (owner !== null) {
    return (
      <span className="owner-tag">
        <span className="owner-swatch" aria-hidden="true" />
        <span className="visually-hidden">{m.ownedBy}</span>
        {owner}
      </span>
    );
  }
  if (strandedBy !== null) {
    const style = { '--owner': consumerColorVar(strandedSlot) } as CSSProperties;
    return (
      <span className="owner-tag owner-stranded" style={style} title={m.strandedTitle}>
        <span className="owner-swatch" aria-hidden="true" />
        {strandedBy}
        <span className="owner-down">{m.down}</span>
      </span>
    );
  }
  return (
    <span className="owner-tag owner-none">
      <span className="owner-swatch" aria-hidden="true" />
      {m.noOwner}
    </span>
  );
}
