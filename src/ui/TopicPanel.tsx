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
import { ClusterControls } from './cluster/ClusterControls';
import { TopicReaders } from './cluster/TopicReaders';
import { TopicTabs } from './cluster/TopicTabs';
import { useMessages } from './i18n';

/** The topic: one log bar per partition on one shared offset scale, then the group's totals. */
export function TopicPanel() {
  const m = useMessages().topic;
  const { topic, group, partitions, stranded, slots, rate } = useSim((s) => ({
    group: s.selectedGroup,
    topic: s.selectedTopic,
    partitions: partitionsOf(s),
    stranded: strandedOf(s),
    slots: colorSlotsOf(s),
    rate: producerRateOf(s),
  }));
  const extent = useMemo(() => {
    let maxEnd = 0;
    let minMark = Infinity;
    for (const p of partitions) {
      maxEnd = Math.max(maxEnd, p.logEnd);
      minMark = Math.min(minMark, p.committed ?? p.logStart);
    }
    return { maxEnd, minMark: Number.isFinite(minMark) ? minMark : 0 };
  }, [partitions]);
  const logWindow = useLogWindow(extent);
  const x = useMemo(() => scaleLinear().domain([logWindow.lo, logWindow.hi]).range([0, 100]).clamp(true), [logWindow]);

  return (
    <section className="panel topic-panel" aria-labelledby="topic-heading">
      <header className="panel-head">
        <div>
          <span className="eyebrow">{m.eyebrow(partitions.length)}</span>
          <h2 id="topic-heading" className="panel-title">
            {topic}
          </h2>
        </div>
        <p className="panel-meta producer-rate">
          <span className="producer-dot" aria-hidden="true" />
          {rate > 0 ? m.producer(formatCount(rate)) : m.producerOff}
        </p>
      </header>
      <TopicTabs />
      <p className="viewed-as muted">{m.viewedAs(group)}</p>
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
          />
        ))}
        <LogAxis x={x} />
      </div>
      <TopicReaders />
      <LogLegend />
      <GroupStats />
      <ClusterControls />
    </section>
  );
}
