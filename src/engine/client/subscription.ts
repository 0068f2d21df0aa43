/** What a subscribing consumer asks its group for: its topic list, or what its regex matches. */
import type { ConsumerState } from '../world';

/** The topics, sorted: the explicit list, or every topic the regex matches in full. */
export function subscriptionOf(c: Pick<ConsumerState, 'mode' | 'subscribeTopics' | 'pattern'>, knownTopics: readonly string[]): string[] {
  if (c.mode === 'subscribe') return [...c.subscribeTopics].sort();
  if (c.mode === 'pattern' && c.pattern !== null) {
    const regex = new RegExp(`^(?:${c.pattern})$`);
    return knownTopics.filter((t) => regex.test(t)).sort();
  }
  return [];
}

export function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
