import { useId, useRef } from 'react';
import { Icon } from './Icon';
import { SimulationGlossary } from './SimulationGlossary';

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
        aria-label="About the simulation"
        onClick={open}
        title="What the simulation models, what it simplifies, and the key terms"
      >
        <Icon name="info" />
        <span>
          About<span className="btn-about-more"> the simulation</span>
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
            <span className="eyebrow">Kafka Consumer Groups</span>
            <h2 id={titleId} className="about-title">
              About the simulation
            </h2>
          </div>
          <button type="button" className="btn btn-quiet btn-icon" onClick={close} aria-label="Close">
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
