import type { ConfigValue } from '../engine/types';

/** Speeds the playback offers: virtual ms per real ms. */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/** Configs that identify one consumer: setting them for every consumer cannot work. */
export const PER_CONSUMER_KEYS: readonly string[] = ['group.instance.id', 'client.id'];

/** A config the URL sets: for every consumer (`key=v`) or for one (`consumer-1:key=v`). */
export interface UrlConfig {
  /** The parameter as the person wrote it, for messages. */
  param: string;
  /** null: every consumer of the scenario and those added later. */
  consumerId: string | null;
  key: string;
  value: ConfigValue;
}

export interface UrlOptions {
  speed: number | null;
  paused: boolean;
  configs: UrlConfig[];
  errors: string[];
}

/**
 * Reads the page's query string: `?speed=10&paused=1&session.timeout.ms=6000` (every
 * consumer) and `?consumer-1:group.instance.id=a` (one consumer). Only shape is checked
 * here; the engine validates keys and values, and the store names the parameter it rejected.
 */
export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const options: UrlOptions = { speed: null, paused: false, configs: [], errors: [] };
  for (const [param, raw] of params) {
    if (param === 'speed') {
      const speed = Number(raw);
      if ((SPEEDS as readonly number[]).includes(speed)) options.speed = speed;
      else options.errors.push(`?speed: must be one of ${SPEEDS.join(', ')}; got "${raw}"`);
      continue;
    }
    if (param === 'paused') {
      options.paused = raw === '' || raw === '1' || raw === 'true';
      continue;
    }
    const colon = param.indexOf(':');
    const consumerId = colon >= 0 ? param.slice(0, colon) : null;
    const key = colon >= 0 ? param.slice(colon + 1) : param;
    if (!key.includes('.')) {
      options.errors.push(`unknown URL parameter "${param}"`);
    } else if (consumerId === null && PER_CONSUMER_KEYS.includes(key)) {
      options.errors.push(`?${param}: ${key} names one consumer and cannot apply to every consumer; write ?consumer-1:${key}=${raw}`);
    } else if (consumerId === '') {
      options.errors.push(`?${param}: name the consumer before the colon, e.g. ?consumer-1:${key}=${raw}`);
    } else {
      options.configs.push({ param, consumerId, key, value: coerce(raw) });
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
