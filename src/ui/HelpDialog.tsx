import { useId } from 'react';
import { useModalDialog } from './useModalDialog';
import { Icon } from './Icon';
import { useMessages } from './i18n';
import { useSim } from './StoreContext';

/** The presenter keys, in a modal dialog opened with ? or the header button. */
export function HelpDialog() {
  const m = useMessages().help;
  const { open, setOpen } = useSim((s) => ({ open: s.helpOpen, setOpen: s.setHelpOpen }));
  const dialog = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={dialog}
      className="about-dialog help-dialog"
      aria-labelledby={titleId}
      onClose={() => setOpen(false)}
      onClick={(e) => {
        if (e.target === e.currentTarget) setOpen(false);
      }}
    >
      <div className="about-head">
        <h2 id={titleId} className="about-title">
          {m.title}
        </h2>
        <button type="button" className="btn btn-quiet btn-icon" onClick={() => setOpen(false)} aria-label={m.close}>
          <Icon name="close" />
        </button>
      </div>
      <dl className="keys">
        {m.keys.map(([key, what]) => (
          <div key={key} className="key-row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
