import type { ConfigValue } from '../engine/types';

/** Speeds the playback offers: virtual ms per real ms. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50] as const;

export interface UrlOptions {
  speed: number | null;
  paused: boolean;
  /** Kafka consumer config keys (e.g. session.timeout.ms) for every consumer of the scenario. */
  config: Record<string, ConfigValue>;
  errors: string[];
}

/**
 * Reads the page's query string: `?speed=10&session.timeout.ms=6000&paused=1`.
 * Only shape is checked here; the engine validates config keys and values when the
 * consumers are created, and the store reports what it rejected.
 */
export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const options: UrlOptions = { speed: null, paused: false, config: {}, errors: [] };
  for (const [key, raw] of params) {
    if (key === 'speed') {
      const speed = Number(raw);
      if ((SPEEDS as readonly number[]).includes(speed)) options.speed = speed;
      else options.errors.push(`speed must be one of ${SPEEDS.join(', ')}; got "${raw}"`);
    } else if (key === 'paused') {
      options.paused = raw === '' || raw === '1' || raw === 'true';
    } else if (key.includes('.')) {
      options.config[key] = coerce(raw);
    } else {
      options.errors.push(`unknown URL parameter "${key}"`);
    }
  }
  return options;
}

function coerce(raw: string): ConfigValue {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}
