/** Three experiments the default scenario is built for; hidden on short screens. */
export function TryThis() {
  return (
    <section className="try-this" aria-labelledby="try-this-heading">
      <h3 id="try-this-heading" className="section-title">
        Try this
      </h3>
      <ol className="try-list">
        <li>
          <strong>Add consumers</strong> until one sits idle: within a group, each partition has at most one owner.
        </li>
        <li>
          <strong>Crash</strong> an owner: its partitions wait, unread, until the coordinator's session timeout
          expires.
        </li>
        <li>
          <strong>Close</strong> an owner: it says goodbye (LeaveGroup), and its partitions move at once.
        </li>
      </ol>
    </section>
  );
}
