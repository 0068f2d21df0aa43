import type { ReactNode } from 'react';

/** A Kafka config key, set apart from the prose. */
function Key({ children }: { children: ReactNode }) {
  return <code className="config-key">{children}</code>;
}

/**
 * What the simulation models and where it bends Kafka, then the words the page uses. Keep
 * it in step with the engine: each simplification here is named in code next to its rule.
 */
export function SimulationGlossary() {
  return (
    <div className="glossary">
      <section className="glossary-section" aria-labelledby="glossary-simplifies">
        <h3 id="glossary-simplifies" className="glossary-heading">
          How this simulation simplifies Kafka
        </h3>
        <p className="glossary-intro">
          A deterministic simulation of Kafka&rsquo;s own rules: the same seed and the same clicks always give the same
          run. Where it is simpler than a real cluster, it is simpler like this.
        </p>
        <ul className="simplifications">
          <li>
            <strong>Protocol.</strong> The classic group protocol with <em>eager</em> rebalancing, and the range and
            roundrobin assignors. Sticky, cooperative-sticky and the KIP&#8209;848 consumer protocol are not built yet.
          </li>
          <li>
            <strong>Network.</strong> Every request and response takes 1–5 ms, drawn from the seed: the event log&rsquo;s
            milliseconds show each hop of JoinGroup, SyncGroup and the assignment.
          </li>
          <li>
            <strong>Producer.</strong> Writes round-robin over the partitions at a fixed rate.
          </li>
          <li>
            <strong>Consumers.</strong> Process each record in a fixed time. A fetch returns records as soon as they are
            written (<Key>fetch.min.bytes=1</Key>).
          </li>
          <li>
            <strong>Configs.</strong> A config the simulation does not model accepts only its default value.
          </li>
          <li>
            <strong>Lost</strong> counts records below the committed offset that no member processed, from the first
            offset the group started at on each partition. Records before that were skipped by{' '}
            <Key>auto.offset.reset</Key> by design: not lost.
          </li>
          <li>
            <strong>Duplicates</strong> count every extra processing of a record.
          </li>
          <li>
            <strong>Start-up.</strong> <Key>group.initial.rebalance.delay.ms</Key> (3 s) is extended by each new joiner,
            as in Kafka. The page opens after it has run.
          </li>
          <li>
            <strong>Close.</strong> A closing consumer finishes its current batch, commits (auto commit or commitSync),
            revokes its partitions and sends LeaveGroup; a static member skips LeaveGroup, as in Kafka.
          </li>
          <li>
            <strong>News of a rebalance.</strong> The other members learn of it at their next heartbeat (
            <Key>heartbeat.interval.ms</Key>, 3 s by default).
          </li>
        </ul>
      </section>
      <section className="glossary-section" aria-labelledby="glossary-terms">
        <h3 id="glossary-terms" className="glossary-heading">
          Key terms
        </h3>
        <dl className="terms">
          <Term name="Partition">
            An ordered, append-only log of records. In a group, each partition has at most one owner.
          </Term>
          <Term name="Offset">A record&rsquo;s position in its partition&rsquo;s log.</Term>
          <Term name="Log end">The offset the next record written will get: the producer appends here.</Term>
          <Term name="Committed offset">
            The group&rsquo;s saved progress on a partition: where reading resumes after a restart or a rebalance.
          </Term>
          <Term name="Lag">Log end minus committed offset: records written but not yet committed.</Term>
          <Term name="Consumer group">
            Consumers with the same <Key>group.id</Key>, sharing the partitions of the topics they subscribe to.
          </Term>
          <Term name="Member">
            A consumer as the group coordinator knows it, by member id. A crashed consumer stays one until its session
            times out.
          </Term>
          <Term name="Generation">
            The number of the group&rsquo;s current assignment, raised by each rebalance. Requests from an older
            generation are refused.
          </Term>
          <Term name="Leader">
            The member that runs the assignor for the whole group and sends the result with its SyncGroup.
          </Term>
          <Term name="Rebalance (eager)">
            Every member gives up all its partitions, rejoins (JoinGroup) and receives a new assignment (SyncGroup).
            Nobody consumes in between.
          </Term>
          <Term name="Heartbeat">
            A periodic request telling the coordinator the member is alive; its answer says when a rebalance has begun.
          </Term>
          <Term name="Session timeout">
            <Key>session.timeout.ms</Key> (45 s by default): how long the coordinator waits without a heartbeat before it
            expels a member.
          </Term>
          <Term name={<Key>max.poll.interval.ms</Key>}>
            The longest time allowed between two poll() calls (5 min by default). Past it, the consumer leaves the group.
          </Term>
          <Term name="Static membership">
            A consumer with a <Key>group.instance.id</Key> keeps its place and its partitions across a restart, with no
            rebalance, if it returns within the session timeout.
          </Term>
        </dl>
      </section>
    </div>
  );
}

function Term({ name, children }: { name: ReactNode; children: ReactNode }) {
  return (
    <div className="term">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}
