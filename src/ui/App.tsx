import { LayoutGroup, MotionConfig } from 'framer-motion';
import { AppHeader } from './AppHeader';
import { EventLog } from './EventLog';
import { GroupPanel } from './GroupPanel';
import { NoticeBanner } from './NoticeBanner';
import { TopicPanel } from './TopicPanel';
import { useAnimationFrameDriver } from './useAnimationFrameDriver';

/** The one page: header, the topic's partitions, the group's consumers, the event log. */
export function App() {
  useAnimationFrameDriver();
  return (
    <MotionConfig reducedMotion="user">
      <div className="app">
        <AppHeader />
        <NoticeBanner />
        <LayoutGroup>
          <main className="stage">
            <TopicPanel />
            <GroupPanel />
            <EventLog />
          </main>
        </LayoutGroup>
      </div>
    </MotionConfig>
  );
}
