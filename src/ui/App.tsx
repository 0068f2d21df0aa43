import { LayoutGroup, MotionConfig } from 'framer-motion';
import { AppHeader } from './AppHeader';
import { EventLog } from './EventLog';
import { GroupPanel } from './GroupPanel';
import { HelpDialog } from './HelpDialog';
import { LessonStrip } from './lesson/LessonStrip';
import { NoticeBanner } from './NoticeBanner';
import { PlaybackControls } from './playback/PlaybackControls';
import { SlowMotionMark } from './playback/SlowMotionMark';
import { Timeline } from './playback/Timeline';
import { TopicPanel } from './TopicPanel';
import { useAnimationFrameDriver } from './useAnimationFrameDriver';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

/** The one page: header and timeline, the lesson, topics, groups, the event log. */
export function App() {
  useAnimationFrameDriver();
  useKeyboardShortcuts();
  return (
    <MotionConfig reducedMotion="user">
      <div className="app">
        <div className="top">
          <AppHeader />
          <div className="timebar">
            <PlaybackControls />
            <Timeline />
            <SlowMotionMark />
          </div>
          <LessonStrip />
        </div>
        <NoticeBanner />
        <LayoutGroup>
          <main className="stage">
            <TopicPanel />
            <GroupPanel />
            <EventLog />
          </main>
        </LayoutGroup>
        <HelpDialog />
      </div>
    </MotionConfig>
  );
}
