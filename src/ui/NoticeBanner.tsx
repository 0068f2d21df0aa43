import { AnimatePresence, motion } from 'framer-motion';
import { Icon } from './Icon';
import { useSim } from './StoreContext';
import { useMessages } from './i18n';

/** The store's notice (a rejected command, a bad URL option) until the person dismisses it. */
export function NoticeBanner() {
  const m = useMessages().notice;
  const { notice, dismissNotice } = useSim((s) => ({ notice: s.notice, dismissNotice: s.dismissNotice }));
  return (
    <AnimatePresence initial={false}>
      {notice && (
        <motion.div
          key={notice.text}
          role="alert"
          className={`notice notice-${notice.kind}`}
          initial={{ opacity: 0, y: -8 }}
          animate={{ opacity: 1, y: 0 }}
          exit={{ opacity: 0, y: -8 }}
          transition={{ duration: 0.2 }}
        >
          <strong className="notice-kind">{notice.kind === 'error' ? m.error : m.info}</strong>
          <span className="notice-text">{notice.text}</span>
          <button type="button" className="btn btn-quiet btn-icon" onClick={dismissNotice} aria-label={m.dismiss}>
            <Icon name="close" />
          </button>
        </motion.div>
      )}
    </AnimatePresence>
  );
}
