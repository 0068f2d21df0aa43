import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenarios/default';
import { selectGivenUp, selectRequestsInFlight } from './requests';
import { createSimulationStore } from './simulation-store';

describe('requests in flight', () => {
  it('shows each JoinGroup and SyncGroup between its send and its answer', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().addConsumer();
    const kinds = new Set<string>();
    const settled = () => {
      const g = store.getState().frame.snapshot.groups['order-processors']!;
      return g.generation === 2 && g.state === 'Stable';
    };
    for (let i = 0; i < 5_000 && !settled(); i += 1) {
      store.getState().stepEvent();
      const f = store.getState().frame;
      for (const r of selectRequestsInFlight(f.events, f.snapshot.now, 'order-processors')) kinds.add(r.kind);
    }
    expect(kinds).toContain('JoinGroup');
    expect(kinds).toContain('SyncGroup');
    expect(kinds).toContain('Heartbeat');
    // Once Stable and answered, no JoinGroup or SyncGroup is left hanging.
    store.getState().step(1_000);
    const f = store.getState().frame;
    expect(selectRequestsInFlight(f.events, f.snapshot.now, 'order-processors').filter((r) => r.kind === 'JoinGroup' || r.kind === 'SyncGroup')).toEqual([]);
  });

  it('under eager, a member revokes everything and gets it back with its assignment', () => {
    const store = createSimulationStore(defaultScenario);
    store.getState().pause();
    store.getState().addConsumer();
    let revoked: string[] = [];
    // Phase by phase until the revoked partitions came back (a handful of phases).
    for (let i = 0; i < 12; i += 1) {
      store.getState().stepPhase();
      const given = selectGivenUp(store.getState().frame.events, 'consumer-1');
      if (given.revoked.length > 0) revoked = given.revoked;
      else if (revoked.length > 0) break;
    }
    expect(revoked.sort()).toEqual(['orders-0', 'orders-1']);
    expect(selectGivenUp(store.getState().frame.events, 'consumer-1').revoked).toEqual([]);
  });
});
