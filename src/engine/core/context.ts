import type { DomainEventBody } from '../types';
import type { Task, World } from '../world';

/** What every engine module is handed: the world, and the two ways to change the future. */
export interface Ctx {
  readonly w: World;
  /** Records a domain event at the current virtual time. */
  emit(body: DomainEventBody): void;
  /** Puts a task on the agenda at virtual time `at` (never in the past). */
  schedule(at: number, task: Task): void;
}
