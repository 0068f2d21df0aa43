import { motion } from 'framer-motion';
import type { CSSProperties } from 'react';
import { consumerColorVar } from './format/consumer-colors';
import { useMessages } from './i18n';

/** Layout moves read as "this partition changes hands": quick, no bounce. */
const MOVE = { type: 'spring', stiffness: 260, damping: 30, mass: 0.9 } as const;

/**
 * A partition as a chip. Exactly one chip per partition exists on the page, keyed by
 * layoutId, so when ownership moves the chip travels from one card to the other.
 */
export function PartitionChip({
  partition,
  slot,
  stranded,
}: {
  partition: string;
  slot: number | undefined;
  stranded: boolean;
}) {
  const m = useMessages().chip;
  const style = { '--chip': consumerColorVar(slot) } as CSSProperties;
  const kind = slot === undefined ? ' chip-unowned' : stranded ? ' chip-stranded' : '';
  return (
    <motion.li
      layoutId={`partition-chip-${partition}`}
      layout="position"
      transition={{ layout: MOVE }}
      className={`chip${kind}`}
      style={style}
      data-testid={`chip-${partition}`}
      title={
        slot === undefined
          ? m.waiting
          : stranded
            ? m.stranded
            : undefined
      }
    >
      {partition}
    </motion.li>
  );
}
