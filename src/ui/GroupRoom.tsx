import { capacityText } from './format/capacity-text';
import { capacityOf } from './select/views';
import { useSim } from './StoreContext';

/**
 * The group panel's spare height, drawn as the place new consumers will land, with what
 * the partition count means for them. It only takes height the cards leave free, and
 * hides itself (CSS container query) when that is too little to read.
 */
export function GroupRoom() {
  const { partitions, liveConsumers } = useSim((s) => capacityOf(s));
  const text = capacityText({ partitions, liveConsumers });
  return (
    <div className="group-room" data-testid="group-room">
      <p className="group-room-text">
        <strong className="group-room-title">{text.title}</strong>
        <span className="group-room-detail">{text.detail}</span>
      </p>
    </div>
  );
}
