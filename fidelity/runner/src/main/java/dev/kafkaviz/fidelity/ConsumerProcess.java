package dev.kafkaviz.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One consumer application in its own JVM, so that a crash is a real kill -9: no LeaveGroup,
 * no commit, the broker only notices when the session times out. It waits for "start" on
 * stdin (the JVM is warm before the scenario begins), then runs the same loop the engine
 * simulates: poll, process each record for processingMs, commit as the strategy says.
 * Commands on stdin: "close", "stall <ms>". Trace lines go to stdout (TraceOut).
 */
public final class ConsumerProcess {
  private final JsonNode spec;
  private final String commit;
  private final long processingMs;
  /** With commit "every-n": commitAsync(currentOffsets) after every N-th record, the seed's loop. */
  private final long commitEveryRecords;
  /** The rebalance listener's onPartitionsRevoked: "commit" commitSyncs what was processed. */
  private final boolean commitOnRevoked;
  /** The seed's currentOffsets: the next offset to process, per partition, of what is done. */
  private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
  private long processedCount;
  private volatile boolean closeRequested;
  private final AtomicLong pendingStallMs = new AtomicLong();
  private KafkaConsumer<byte[], byte[]> consumer;

  private ConsumerProcess(JsonNode spec) {
    this.spec = spec;
    this.commit = spec.path("commit").asText();
    this.processingMs = spec.path("processingMs").asLong(0);
    this.commitEveryRecords = spec.path("commitEveryRecords").asLong(1000);
    this.commitOnRevoked = spec.path("onRevoked").asText("nothing").equals("commit");
  }

  public static void main(String[] args) throws Exception {
    JsonNode spec = TraceOut.JSON.readTree(args[0]);
    TraceOut.init(spec.path("id").asText(), spec.path("incarnation").asInt(), spec.path("t0").asLong());
    // Load the client's classes before the scenario starts: a cold start would skew timings.
    Class.forName(KafkaConsumer.class.getName());
    try {
      Class.forName("org.apache.kafka.clients.consumer.internals.ClassicKafkaConsumer");
      Class.forName("org.apache.kafka.clients.consumer.internals.AsyncKafkaConsumer");
    } catch (ClassNotFoundException ignored) {
      // internal names move between releases; warming up is only an optimisation
    }
    // Warm up: build and drop a client (no group, no connection) so the classes are loaded.
    // The real one is built at "start": its auto-commit clock starts there, as the engine's does.
    ConsumerProcess app = new ConsumerProcess(spec);
    Properties warm = app.properties();
    warm.remove("group.id");
    warm.remove("group.instance.id");
    warm.remove("group.protocol");
    warm.put("enable.auto.commit", "false");
    new KafkaConsumer<byte[], byte[]>(warm).close(java.time.Duration.ZERO);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    TraceOut.emit(TraceOut.event("ready"));
    String line;
    while ((line = in.readLine()) != null && !line.startsWith("start")) {
      if (line.startsWith("t0 ")) TraceOut.init(spec.path("id").asText(), spec.path("incarnation").asInt(), Long.parseLong(line.substring(3).trim()));
    }
    if (line == null) return;
    app.run(in);
  }

  private void run(BufferedReader in) {
    Thread commands = new Thread(() -> readCommands(in), "commands");
    commands.setDaemon(true);
    commands.start();
    TraceOut.emit(TraceOut.event("started"));
    consumer = new KafkaConsumer<>(properties());
    Listener listener = new Listener();
    if (spec.has("assign")) {
      List<TopicPartition> tps = new ArrayList<>();
      spec.get("assign").forEach(p -> tps.add(parse(p.asText())));
      consumer.assign(tps);
    } else if (spec.has("pattern")) {
      consumer.subscribe(Pattern.compile(spec.get("pattern").asText()), listener);
    } else {
      List<String> topics = new ArrayList<>();
      spec.get("subscribe").forEach(t -> topics.add(t.asText()));
      consumer.subscribe(topics, listener);
    }
    while (!closeRequested) {
      stallIfAsked();
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = consumer.poll(Duration.ofMillis(50));
      } catch (KafkaException ex) {
        var e = TraceOut.event("error");
        e.put("where", "poll");
        e.put("error", ex.getClass().getSimpleName());
        TraceOut.emit(e);
        continue;
      }
      if (records.isEmpty()) continue;
      Map<TopicPartition, long[]> ranges = ranges(records);
      emitRanges("poll", ranges);
      if (commit.equals("before-processing")) {
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        ranges.forEach((tp, r) -> ends.put(tp, new OffsetAndMetadata(r[1])));
        commitSync(ends);
      }
      process(records, ranges);
      switch (commit) {
        case "sync" -> commitSync(null);
        case "async", "async+sync" -> commitAsync(positions());
        default -> { }
      }
    }
    TraceOut.emit(TraceOut.event("closing"));
    if (commit.equals("async+sync")) commitSync(null);
    consumer.close();
    TraceOut.emit(TraceOut.event("closed"));
    System.exit(0);
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", spec.path("bootstrap").asText());
    p.put("client.id", spec.path("id").asText());
    if (spec.hasNonNull("groupId")) p.put("group.id", spec.get("groupId").asText());
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    spec.path("config").fields().forEachRemaining(f -> p.put(f.getKey(), f.getValue().asText()));
    if (commit.equals("auto")) p.put("interceptor.classes", AutoCommitTracer.class.getName());
    return p;
  }

  private void readCommands(BufferedReader in) {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("close")) closeRequested = true;
        else if (line.startsWith("stall ")) pendingStallMs.addAndGet(Long.parseLong(line.substring(6).trim()));
      }
    } catch (Exception ignored) {
      // fall through: stdin is gone
    }
    // stdin closed: the runner is gone (killed, timed out). Die like a crash, leave nothing behind.
    Runtime.getRuntime().halt(0);
  }

  /** The poll loop hangs (a slow call, a GC pause); the heartbeat thread goes on. */
  private void stallIfAsked() {
    long ms = pendingStallMs.getAndSet(0);
    if (ms <= 0) return;
    var e = TraceOut.event("stalled");
    e.put("ms", ms);
    TraceOut.emit(e);
    Runner.sleep(ms);
    TraceOut.emit(TraceOut.event("resumed"));
  }

  /** processingMs per record, partition by partition, reporting each finished run of records. */
  private void process(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, long[]> ranges) {
    // Reported every ~50 ms of work, so a kill -9 mid-batch loses at most that much of the record.
    long step = processingMs <= 0 ? Long.MAX_VALUE : Math.max(1, 50 / processingMs);
    boolean everyN = commit.equals("every-n");
    for (TopicPartition tp : records.partitions()) {
      long[] r = ranges.get(tp);
      for (long from = r[0]; from < r[1]; ) {
        stallIfAsked();
        long to = from + Math.min(r[1] - from, step);
        // every-n: `if (count % N == 0) commitAsync(currentOffsets); count++` after each record,
        // so a run ends at the next record whose count is a multiple of N.
        long toCommitPoint = (commitEveryRecords - processedCount % commitEveryRecords) % commitEveryRecords;
        if (everyN && toCommitPoint < to - from) to = from + toCommitPoint + 1;
        Runner.sleep((to - from) * processingMs);
        processedCount += to - from;
        currentOffsets.put(tp, new OffsetAndMetadata(to));
        emitRanges("processed", Map.of(tp, new long[] {from, to}));
        if (everyN && (processedCount - 1) % commitEveryRecords == 0) {
          Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(currentOffsets);
          owned.keySet().retainAll(consumer.assignment());
          commitAsync(owned);
        }
        from = to;
      }
    }
  }

  private static Map<TopicPartition, long[]> ranges(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, long[]> out = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      out.put(tp, new long[] {list.get(0).offset(), list.get(list.size() - 1).offset() + 1});
    }
    return out;
  }

  private static void emitRanges(String kind, Map<TopicPartition, long[]> ranges) {
    var e = TraceOut.event(kind);
    var node = e.putObject("ranges");
    Map<String, long[]> sorted = new TreeMap<>();
    ranges.forEach((tp, r) -> sorted.put(TraceOut.name(tp), r));
    sorted.forEach((name, r) -> node.putArray(name).add(r[0]).add(r[1]));
    TraceOut.emit(e);
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<TopicPartition, OffsetAndMetadata> what = offsets != null ? offsets : positions();
    var e = TraceOut.event("commit");
    e.put("mode", "sync");
    TraceOut.offsets(e, what);
    try {
      if (offsets != null) consumer.commitSync(offsets);
      else consumer.commitSync();
      e.putNull("error");
    } catch (KafkaException ex) {
      e.put("error", ex.getClass().getSimpleName());
    }
    TraceOut.emit(e);
  }

  private void commitAsync(Map<TopicPartition, OffsetAndMetadata> what) {
    consumer.commitAsync(what, (committed, ex) -> {
      var e = TraceOut.event("commit");
      e.put("mode", "async");
      TraceOut.offsets(e, what);
      if (ex == null) e.putNull("error");
      else e.put("error", ex.getClass().getSimpleName());
      TraceOut.emit(e);
    });
  }

  private Map<TopicPartition, OffsetAndMetadata> positions() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) out.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    return out;
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      TraceOut.emit(TraceOut.partitions(TraceOut.event("revoked"), partitions));
      if (!commitOnRevoked) return;
      // The seed's listener: commitSync(currentOffsets) of what was processed, before the partitions go.
      Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
      for (TopicPartition tp : partitions) if (currentOffsets.containsKey(tp)) done.put(tp, currentOffsets.get(tp));
      if (!done.isEmpty()) commitSync(done);
      currentOffsets.keySet().removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      var e = TraceOut.partitions(TraceOut.event("assigned"), partitions);
      e.put("generation", consumer.groupMetadata().generationId());
      TraceOut.emit(e);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      currentOffsets.keySet().removeAll(partitions);
      TraceOut.emit(TraceOut.partitions(TraceOut.event("lost"), partitions));
    }
  }

  private static TopicPartition parse(String name) {
    int dash = name.lastIndexOf('-');
    return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
  }
}
