import { scaleLinear } from 'd3-scale';
import { useMemo } from 'react';
import { formatCount } from './format/time';
import { GroupStats } from './GroupStats';
import { LogAxis } from './LogAxis';
import { LogLegend } from './LogLegend';
import { PartitionRow } from './PartitionRow';
import { colorSlotsOf, partitionsOf, producerRateOf, strandedOf } from './select/views';
import { useSim } from './StoreContext';
import { useLogWindow } from './useLogWindow';
import { useLedgerMarks } from './select/useLedgerMarks';
import { LedgerList } from './LedgerList';
import type { BarMark } from './LogBar';
import { BrokerStrip } from './cluster/BrokerStrip';
import { LagChart } from './charts/LagChart';
import { ClusterControls } from './cluster/ClusterControls';
import { TopicReaders } from './cluster/TopicReaders';
import { TopicTabs } from './cluster/TopicTabs';
import { useMessages } from './i18n';
import { PartitionMatrix } from './matrix/PartitionMatrix';
import { MATRIX_PARTITIONS } from './matrix/thresholds';
import type { PartitionView } from '../store/selectors';

const NONE: PartitionView[] = [];
const NO_STRANDED: Record<string, never> = {};
const NO_MARKS: BarMark[] = [];

/** The topic: its partitions (bars, or a matrix when there are many), the groups reading it, totals, cluster controls. */
export function TopicPanel() {
  const many = useSim((s) => (s.frame.snapshot.topics[s.selectedTopic]?.partitions.length ?? 0) > MATRIX_PARTITIONS);
  return many ? <TopicPanelBody matrix /> : <TopicPanelBody matrix={false} />;
}

/** One log bar per partition on one shared offset scale; above the threshold, the matrix. */
function TopicPanelBody({ matrix }: { matrix: boolean }) {
  const m = useMessages().topic;
  const { topic, group, partitions, stranded, slots, rate, count } = useSim((s) => ({
    group: s.selectedGroup,
    topic: s.selectedTopic,
    // In matrix mode the canvas draws the partitions: this panel does not re-render per frame.
    partitions: matrix ? NONE : partitionsOf(s),
    stranded: matrix ? NO_STRANDED : strandedOf(s),
    slots: matrix ? NO_STRANDED : colorSlotsOf(s),
    rate: producerRateOf(s),
    count: s.frame.snapshot.topics[s.selectedTopic]?.partitions.length ?? 0,
  }));
  const ledger = useLedgerMarks();
  const extent = useMemo(() => {
    let maxEnd = 0;
    let minMark = Infinity;
    for (const p of partitions) {
      maxEnd = Math.max(maxEnd, p.logEnd);
      minMark = Math.min(minMark, p.committed ?? p.logStart);
    }
    // Ranges processed twice, lost or skipped stay in view: they are what the bars explain.
    for (const mk of ledger) minMark = Math.min(minMark, mk.from);
    return { maxEnd, minMark: Number.isFinite(minMark) ? minMark : 0 };
  }, [partitions, ledger]);
  const marksOf = useMemo(() => {
    const by = new Map<string, BarMark[]>();
    for (const mk of ledger) by.set(mk.partition, [...(by.get(mk.partition) ?? []), { kind: mk.kind, from: mk.from, to: mk.to }]);
    return by;
  }, [ledger]);
  const logWindow = useLogWindow(extent);
  const x = useMemo(() => scaleLinear().domain([logWindow.lo, logWindow.hi]).range([0, 100]).clamp(true), [logWindow]);

  return (
    <section className="panel topic-panel" aria-labelledby="topic-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">{m.eyebrow(count)}</span>
          <h2 id="topic-heading" className="panel-title">
            {topic}
          </h2>
        </div>
        <p className="panel-meta producer-rate">
          <span className="producer-dot" aria-hidden="true" />
          {rate > 0 ? m.producer(formatCount(rate)) : m.producerOff}
        </p>
      </header>
      <BrokerStrip />
      <TopicTabs />
      <p className="viewed-as muted">{m.viewedAs(group)}</p>
      {matrix ? (
        <PartitionMatrix />
      ) : (
      <div className="partition-table" role="table" aria-label={m.tableLabel(topic)}>
        <div className="partition-head" role="row">
          <span role="columnheader">{m.colPartition}</span>
          <span role="columnheader">{m.colLog}</span>
          <span role="columnheader" className="num-col">
            {m.colEnd}
          </span>
          <span role="columnheader" className="num-col">
            {m.colCommitted}
          </span>
          <span role="columnheader" className="num-col">
            {m.colLag}
          </span>
        </div>
        {partitions.map((p) => (
          <PartitionRow
            key={p.id}
            partition={p}
            x={x}
            ownerSlot={p.owner === null ? undefined : slots[p.owner]}
            strandedBy={stranded[p.id] ?? null}
            strandedSlot={stranded[p.id] === undefined ? undefined : slots[stranded[p.id]!]}
            marks={marksOf.get(p.id) ?? NO_MARKS}
          />
        ))}
        <LogAxis x={x} />
      </div>
      )}
      <TopicReaders />
      {!matrix && <LogLegend />}
      <GroupStats />
      <LedgerList marks={ledger} />
      <LagChart />
      <ClusterControls />
    </section>
  );
}
