import { useId, useRef } from 'react';
import { Icon } from './Icon';
import { SimulationGlossary } from './SimulationGlossary';
import { useMessages } from './i18n';

/**
 * "About the simulation": a header button and the modal dialog it opens (a native
 * <dialog> with showModal, so the page behind is inert and Escape closes it). Focus moves
 * to the text on open and back to the button on close.
 */
export function AboutSimulation() {
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const m = useMessages().about;
  const app = useMessages().app;

  const open = () => {
    const d = dialog.current;
    if (!d || d.open) return;
    d.showModal();
    if (body.current) {
      body.current.scrollTop = 0;
      body.current.focus();
    }
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="btn btn-quiet btn-about"
        aria-haspopup="dialog"
        // The name holds whether or not narrow screens hide the words after "About".
        aria-label={m.name}
        onClick={open}
        title={m.title}
      >
        <Icon name="info" />
        <span>
          {m.button}
          <span className="btn-about-more">{m.buttonMore}</span>
        </span>
      </button>
      <dialog
        ref={dialog}
        className="about-dialog"
        aria-labelledby={titleId}
        onClose={() => trigger.current?.focus()}
        // A click on the backdrop lands on the <dialog> itself: close, as a modal should.
        onClick={(e) => {
          if (e.target === e.currentTarget) close();
        }}
      >
        <div className="about-head">
          <div>
            <span className="eyebrow">{app.title}</span>
            <h2 id={titleId} className="about-title">
              {m.name}
            </h2>
          </div>
          <button type="button" className="btn btn-quiet btn-icon" onClick={close} aria-label={m.close}>
            <Icon name="close" />
          </button>
        </div>
        <div ref={body} className="about-body" tabIndex={0} data-testid="about-body">
          <SimulationGlossary />
        </div>
      </dialog>
    </>
  );
}
