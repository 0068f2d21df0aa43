import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/** One button per topic when there are several: the page shows the selected one's partitions. */
export function TopicTabs() {
  const m = useMessages().topic;
  const { topics, selected, selectTopic } = useSim((s) => ({
    topics: Object.keys(s.frame.snapshot.topics).sort().join(' '),
    selected: s.selectedTopic,
    selectTopic: s.selectTopic,
  }));
  const list = topics.split(' ').filter(Boolean);
  if (list.length < 2) return null;
  return (
    <ul className="topic-tabs" aria-label={m.tabs}>
      {list.map((t) => (
        <li key={t}>
          <button type="button" className={`topic-tab${t === selected ? ' is-selected' : ''}`} aria-pressed={t === selected} onClick={() => selectTopic(t)}>
            {t}
          </button>
        </li>
      ))}
    </ul>
  );
}
