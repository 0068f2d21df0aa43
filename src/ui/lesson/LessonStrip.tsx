import { useState } from 'react';
import { useMessages } from '../i18n';
import { useSim } from '../StoreContext';

/**
 * The scenario's caption and one "try this" at a time (with its number and arrows to the
 * others), kept in view under the header on every screen in one or two lines.
 */
export function LessonStrip() {
  const m = useMessages();
  const id = useSim((s) => s.scenario.id);
  const lesson = m.scenario[id as keyof typeof m.scenario] ?? m.scenario.default;
  const [index, setIndex] = useState(0);
  const count = lesson.tryThis.length;
  const [lead, rest] = lesson.tryThis[index] ?? ['', ''];
  return (
    <section className="lesson" aria-label={m.lesson.caption} data-testid="lesson">
      <p className="lesson-caption">
        <span className="eyebrow">{m.lesson.caption}</span> {lesson.caption}
      </p>
      <div className="lesson-try" data-testid="try-this">
        <span className="eyebrow">{m.lesson.tryThis}</span>
        <span className="lesson-tip" aria-live="polite">
          <span className="num lesson-count">{m.lesson.count(index + 1, count)}</span> <strong>{lead}</strong>
          {rest}
        </span>
        <span className="lesson-nav">
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setIndex((index + count - 1) % count)} aria-label={m.lesson.previous}>
            ‹
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setIndex((index + 1) % count)} aria-label={m.lesson.next}>
            ›
          </button>
        </span>
      </div>
    </section>
  );
}
