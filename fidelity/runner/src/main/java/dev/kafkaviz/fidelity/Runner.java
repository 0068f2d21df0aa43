package dev.kafkaviz.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays one scenario (fidelity/scenarios/*.json) against a real broker and writes its trace
 * (the shape of fidelity/trace.ts). Usage: Runner <scenario.json> <trace-out.json> <bootstrap>.
 * The runner owns the clock: t0 is when the scenario starts; every action happens at t0+at.
 * Consumers are separate JVMs (ConsumerProcess) started before t0 and told to begin at their
 * "add"; a crash is Process.destroyForcibly(), which is SIGKILL on Linux.
 */
public final class Runner {
  private final JsonNode scenario;
  private final String bootstrap;
  private final String runTag;
  private final Admin admin;
  private final Map<String, JsonNode> consumerSpecs = new LinkedHashMap<>();
  /** Per consumer id, its processes in incarnation order (the first, then one per restart). */
  private final Map<String, List<Child>> children = new HashMap<>();
  private final Map<String, Integer> liveIncarnation = new HashMap<>();
  private final List<ObjectNode> consumerEvents = Collections.synchronizedList(new ArrayList<>());
  private final List<ObjectNode> actionsDone = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<ObjectNode>> groupSamples = new TreeMap<>();
  private final Map<String, Integer> partitionCounts = new HashMap<>();
  private final Map<String, double[]> producers = new HashMap<>(); // topic -> {rate, since, sentInSegment, cursor}
  private volatile boolean running = true;
  private long t0;

  private Runner(JsonNode scenario, String bootstrap) {
    this.scenario = scenario;
    this.bootstrap = bootstrap;
    this.runTag = "fid" + Long.toString(System.currentTimeMillis(), 36);
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "fidelity-runner");
    this.admin = Admin.create(p);
    scenario.path("consumers").forEach(c -> consumerSpecs.put(c.get("id").asText(), c));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: Runner <scenario.json> <trace-out.json> <bootstrap>");
      System.exit(2);
    }
    // Each run starts by deleting every topic on the broker: only ever a throwaway one on loopback.
    if (!args[2].matches("(127\\.0\\.0\\.1|localhost):\\d+")) {
      System.err.println("the runner deletes every topic of its broker: give it a loopback test broker (127.0.0.1:port), not " + args[2]);
      System.exit(2);
    }
    JsonNode scenario = TraceOut.JSON.readTree(new File(args[0]));
    Runner r = new Runner(scenario, args[2]);
    // Killed or timed out: take the consumer processes along.
    Runtime.getRuntime().addShutdownHook(new Thread(r::killAll));
    ObjectNode trace;
    try {
      trace = r.play();
    } finally {
      r.killAll();
      r.admin.close();
    }
    Files.writeString(Path.of(args[1]), TraceOut.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(trace));
    System.exit(0);
  }

  private String realGroup(String groupId) {
    // Groups outlive a run (a crashed member lingers for its session timeout): a fresh name each run.
    return runTag + "." + groupId;
  }

  private ObjectNode play() throws Exception {
    long wall0 = System.currentTimeMillis();
    resetTopics();
    scenario.path("topics").forEach(t -> createTopic(t.get("name").asText(), t.get("partitions").asInt()));
    spawnChildren();
    long ready = System.currentTimeMillis();
    t0 = ready + 300;
    for (List<Child> list : children.values()) for (Child c : list) c.send("t0 " + t0);
    scenario.path("producers").forEach(p -> setProducer(p.get("topic").asText(), p.get("rate").asDouble(), 0));
    Thread producer = new Thread(this::produceLoop, "producer");
    Thread sampler = new Thread(this::sampleLoop, "sampler");
    sleepUntil(t0);
    producer.start();
    sampler.start();
    List<JsonNode> actions = new ArrayList<>();
    scenario.path("actions").forEach(actions::add);
    actions.sort((a, b) -> Long.compare(a.get("at").asLong(), b.get("at").asLong()));
    // A real group's first rebalance takes a machine-dependent while (JVM, round trips, a busy
    // CPU). An action waits until every member added before it has its first assignment, and
    // the rest of the timeline moves with it: the comparison times everything from the
    // action's actual time, so the story stays the same in both worlds.
    long shift = 0;
    for (JsonNode a : actions) {
      long at = a.get("at").asLong();
      sleepUntil(t0 + at + shift);
      if (at > 0) shift += awaitFirstAssignments(at);
      perform(a);
    }
    long duration = scenario.get("durationMs").asLong() + shift;
    sleepUntil(t0 + duration);
    running = false;
    producer.join();
    sampler.join();
    // The committed offsets close the trace: a commit the broker shows was made after the
    // records it covers were reported processed (or, for before-processing, not), so every
    // event up to the moment the answer came belongs in the trace, even a little past durationMs.
    ObjectNode committed = committedOffsets();
    long traceEnd = System.currentTimeMillis() - t0;
    sleep(300); // let the consumers' last lines through their pipes
    ObjectNode trace = TraceOut.JSON.createObjectNode();
    trace.put("format", 1);
    trace.put("scenario", scenario.get("name").asText());
    trace.put("source", "kafka");
    trace.put("kafkaVersion", kafkaVersion());
    trace.put("recordedAt", java.time.Instant.now().toString());
    trace.put("durationMs", duration);
    trace.put("setupMs", ready - wall0);
    trace.put("shiftMs", shift);
    ArrayNode acts = trace.putArray("actions");
    actionsDone.forEach(acts::add);
    ObjectNode consumers = trace.putObject("consumers");
    for (String id : consumerSpecs.keySet()) consumers.putArray(id);
    synchronized (consumerEvents) {
      consumerEvents.stream()
          .filter(e -> e.get("t").asLong() <= traceEnd)
          .sorted((a, b) -> Long.compare(a.get("t").asLong(), b.get("t").asLong()))
          .forEach(e -> {
            String id = e.remove("consumer").asText();
            ((ArrayNode) consumers.get(id)).add(e);
          });
    }
    ObjectNode groups = trace.putObject("groups");
    for (var entry : groupSamples.entrySet()) {
      ObjectNode g = groups.putObject(entry.getKey());
      ArrayNode samples = g.putArray("samples");
      entry.getValue().forEach(samples::add);
      g.set("committed", committed.path(entry.getKey()));
    }
    return trace;
  }

  /* ---------- topics and the producer ---------- */

  private void resetTopics() throws Exception {
    Set<String> names = admin.listTopics().names().get();
    if (!names.isEmpty()) {
      admin.deleteTopics(names).all().get();
      long deadline = System.currentTimeMillis() + 30_000;
      while (!admin.listTopics().names().get().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(100);
    }
  }

  private void createTopic(String name, int partitions) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        break;
      } catch (Exception e) {
        // A topic of the same name deleted a moment ago may still be on its way out.
        if (!(e.getCause() instanceof TopicExistsException) || System.currentTimeMillis() > deadline) throw new RuntimeException(e);
        sleep(200);
      }
    }
    synchronized (producers) {
      partitionCounts.put(name, partitions);
    }
  }

  /** Same formula as the engine's producer: record n at since + n/rate, partitions in round robin. */
  private void setProducer(String topic, double rate, long at) {
    synchronized (producers) {
      double[] p = producers.get(topic);
      double cursor = p == null ? 0 : (p[3] + p[2]) % partitionCounts.getOrDefault(topic, 1);
      producers.put(topic, new double[] {rate, at, 0, cursor});
    }
  }

  private void produceLoop() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("client.id", "fidelity-producer");
    p.put("acks", "1");
    p.put("linger.ms", "0");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    byte[] value = new byte[16];
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      while (running) {
        long now = System.currentTimeMillis() - t0;
        synchronized (producers) {
          for (var e : producers.entrySet()) {
            double[] s = e.getValue();
            int count = partitionCounts.getOrDefault(e.getKey(), 0);
            if (s[0] <= 0 || count == 0) continue;
            long due = (long) Math.floor((now - s[1]) * s[0] / 1000.0 + 1e-9);
            for (; s[2] < due; s[2]++) {
              int partition = (int) ((s[3] + s[2]) % count);
              producer.send(new ProducerRecord<>(e.getKey(), partition, null, value));
            }
          }
        }
        sleep(5);
      }
      producer.flush();
    }
  }

  /* ---------- consumers ---------- */

  private void spawnChildren() throws Exception {
    Map<String, Integer> incarnations = new HashMap<>();
    for (String id : consumerSpecs.keySet()) incarnations.put(id, 1);
    scenario.path("actions").forEach(a -> {
      if (a.get("do").asText().equals("restart")) incarnations.merge(a.get("consumer").asText(), 1, Integer::sum);
    });
    List<Child> all = new ArrayList<>();
    for (var e : incarnations.entrySet()) {
      List<Child> list = new ArrayList<>();
      for (int i = 1; i <= e.getValue(); i++) list.add(new Child(e.getKey(), i));
      synchronized (children) {
        children.put(e.getKey(), list);
      }
      all.addAll(list);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    for (Child c : all) {
      while (!c.ready.await(100, TimeUnit.MILLISECONDS)) {
        // A consumer that cannot even be constructed (a bad config) fails the run at once.
        if (!c.process.isAlive()) throw new IllegalStateException("consumer process " + c.id + " exited before it was ready (exit " + c.process.exitValue() + ")");
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("consumer process " + c.id + " not ready after 60 s");
      }
    }
  }

  private void perform(JsonNode a) throws Exception {
    String what = a.get("do").asText();
    ObjectNode done = a.deepCopy();
    done.put("t", System.currentTimeMillis() - t0);
    switch (what) {
      case "add" -> {
        String id = a.get("consumer").asText();
        liveIncarnation.put(id, 1);
        children.get(id).get(0).send("start");
      }
      case "restart" -> {
        String id = a.get("consumer").asText();
        int next = liveIncarnation.getOrDefault(id, 0) + 1;
        liveIncarnation.put(id, next);
        children.get(id).get(next - 1).send("start");
      }
      case "crash" -> {
        Child c = live(a);
        c.process.destroyForcibly();
        ObjectNode e = TraceOut.JSON.createObjectNode();
        e.put("t", System.currentTimeMillis() - t0);
        e.put("consumer", c.id);
        e.put("incarnation", c.incarnation);
        e.put("kind", "crashed");
        consumerEvents.add(e);
      }
      case "close" -> live(a).send("close");
      case "stall" -> live(a).send("stall " + a.get("ms").asLong());
      case "addPartitions" -> {
        String topic = a.get("topic").asText();
        int n = a.get("partitions").asInt();
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(n))).all().get();
        synchronized (producers) {
          // The engine settles its producer formula at the new count; so does this one.
          long now = System.currentTimeMillis() - t0;
          double[] s = producers.get(topic);
          int old = partitionCounts.get(topic);
          partitionCounts.put(topic, n);
          if (s != null) producers.put(topic, new double[] {s[0], s[1] + s[2] * 1000.0 / Math.max(s[0], 1e-9), 0, (s[3] + s[2]) % old});
          done.put("t", now);
        }
      }
      case "createTopic" -> createTopic(a.get("topic").asText(), a.get("partitions").asInt());
      case "setProducer" -> setProducer(a.get("topic").asText(), a.get("rate").asDouble(), System.currentTimeMillis() - t0);
      default -> throw new IllegalArgumentException("unknown action " + what);
    }
    actionsDone.add(done);
  }

  /** Waits (up to 20 s) until each group member added before `at` has had onPartitionsAssigned; returns the ms waited. */
  private long awaitFirstAssignments(long at) {
    Set<String> waiting = new TreeSet<>();
    scenario.path("actions").forEach(a -> {
      String id = a.path("consumer").asText();
      JsonNode spec = consumerSpecs.get(id);
      if (a.get("do").asText().equals("add") && a.get("at").asLong() < at && spec != null && !spec.has("assign")) waiting.add(id);
    });
    long start = System.currentTimeMillis();
    while (System.currentTimeMillis() - start < 20_000) {
      synchronized (consumerEvents) {
        for (ObjectNode e : consumerEvents) if (e.get("kind").asText().equals("assigned")) waiting.remove(e.get("consumer").asText());
      }
      if (waiting.isEmpty()) break;
      sleep(20);
    }
    return System.currentTimeMillis() - start;
  }

  private Child live(JsonNode a) {
    String id = a.get("consumer").asText();
    return children.get(id).get(liveIncarnation.getOrDefault(id, 1) - 1);
  }

  private void killAll() {
    synchronized (children) {
      for (List<Child> list : children.values()) for (Child c : list) c.process.destroyForcibly();
    }
  }

  /** A consumer JVM: its stdin takes commands, its stdout lines are trace events. */
  private final class Child {
    final String id;
    final int incarnation;
    final Process process;
    final PrintWriter stdin;
    final CountDownLatch ready = new CountDownLatch(1);

    Child(String id, int incarnation) throws Exception {
      this.id = id;
      this.incarnation = incarnation;
      JsonNode s = consumerSpecs.get(id);
      ObjectNode spec = s.deepCopy();
      spec.put("incarnation", incarnation);
      spec.put("bootstrap", bootstrap);
      spec.put("t0", System.currentTimeMillis());
      if (s.hasNonNull("groupId")) spec.put("groupId", realGroup(s.get("groupId").asText()));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xms64m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), ConsumerProcess.class.getName(), spec.toString());
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      process = pb.start();
      stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
      Thread reader = new Thread(this::read, "out-" + id + "-" + incarnation);
      reader.setDaemon(true);
      reader.start();
    }

    void send(String line) {
      stdin.println(line);
    }

    private void read() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.startsWith("{")) continue;
          ObjectNode e = (ObjectNode) TraceOut.JSON.readTree(line);
          if (e.get("kind").asText().equals("ready")) {
            ready.countDown();
            continue;
          }
          consumerEvents.add(e);
        }
      } catch (Exception ignored) {
        // the process was killed: what it wrote before is all there is
      }
    }
  }

  /* ---------- the group's view, from the broker ---------- */

  private List<String> groupIds() {
    Set<String> ids = new TreeSet<>();
    consumerSpecs.values().forEach(c -> {
      if (c.hasNonNull("groupId") && !c.has("assign")) ids.add(c.get("groupId").asText());
    });
    return new ArrayList<>(ids);
  }

  /** Every 100 ms: state, generation or epoch and assignment of each group; a sample is kept when it changed. */
  private void sampleLoop() {
    List<String> ids = groupIds();
    for (String id : ids) groupSamples.put(id, new ArrayList<>());
    Map<String, String> last = new HashMap<>();
    List<String> real = ids.stream().map(this::realGroup).toList();
    while (running) {
      long at = System.currentTimeMillis();
      try {
        Map<String, ConsumerGroupDescription> all = admin.describeConsumerGroups(real).all().get(2, TimeUnit.SECONDS);
        for (int i = 0; i < ids.size(); i++) {
          ConsumerGroupDescription d = all.get(real.get(i));
          if (d == null) continue;
          ObjectNode s = TraceOut.JSON.createObjectNode();
          s.put("state", d.groupState().toString());
          s.put("type", d.type().toString());
          s.put("epoch", d.groupEpoch().orElse(-1));
          ObjectNode members = s.putObject("members");
          List<MemberDescription> ms = new ArrayList<>(d.members());
          ms.sort((a, b) -> a.clientId().compareTo(b.clientId()));
          for (MemberDescription m : ms) {
            ArrayNode parts = members.putArray(m.clientId());
            m.assignment().topicPartitions().stream().map(TraceOut::name).sorted().forEach(parts::add);
          }
          String key = s.toString();
          if (!key.equals(last.get(ids.get(i)))) {
            last.put(ids.get(i), key);
            s.put("t", at - t0);
            groupSamples.get(ids.get(i)).add(s);
          }
        }
      } catch (Exception e) {
        // a slow answer: skip this sample
      }
      sleep(Math.max(0, 100 - (System.currentTimeMillis() - at)));
    }
  }

  private ObjectNode committedOffsets() {
    ObjectNode out = TraceOut.JSON.createObjectNode();
    for (String id : groupIds()) {
      ObjectNode g = out.putObject(id);
      try {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(realGroup(id)).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        new TreeMap<String, Long>() {{
          offsets.forEach((tp, om) -> { if (om != null) put(TraceOut.name(tp), om.offset()); });
        }}.forEach(g::put);
      } catch (Exception e) {
        g.put("$error", e.getClass().getSimpleName());
      }
    }
    return out;
  }

  /** The clients' version as their jar states it (the broker runs the same release: ../kafka/pom.xml). */
  private static String kafkaVersion() {
    Properties p = new Properties();
    try (var in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      p.load(in);
    } catch (Exception e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  private static void sleepUntil(long epochMs) {
    sleep(epochMs - System.currentTimeMillis());
  }

  /** Sleeps ms (nothing if none), keeping the interrupt flag; the consumer processes use it too. */
  static void sleep(long ms) {
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
