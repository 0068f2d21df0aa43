package dev.kafkaviz.fidelity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer process's trace: one JSON object per line on stdout, flushed at once, so the
 * lines written before a kill -9 are all there. Times are ms since the scenario's t0.
 */
final class TraceOut {
  static final ObjectMapper JSON = new ObjectMapper();
  private static volatile long t0 = System.currentTimeMillis();
  private static String consumerId = "?";
  private static int incarnation = 0;

  private TraceOut() {}

  static void init(String id, int inc, long epochMs) {
    consumerId = id;
    incarnation = inc;
    t0 = epochMs;
  }

  static ObjectNode event(String kind) {
    ObjectNode e = JSON.createObjectNode();
    e.put("t", System.currentTimeMillis() - t0);
    e.put("consumer", consumerId);
    e.put("incarnation", incarnation);
    e.put("kind", kind);
    return e;
  }

  static synchronized void emit(ObjectNode e) {
    System.out.println(e.toString());
    System.out.flush();
  }

  static String name(TopicPartition tp) {
    return tp.topic() + "-" + tp.partition();
  }

  static ObjectNode partitions(ObjectNode e, Collection<TopicPartition> tps) {
    var arr = e.putArray("partitions");
    tps.stream().map(TraceOut::name).sorted().forEach(arr::add);
    return e;
  }

  static ObjectNode offsets(ObjectNode e, Map<TopicPartition, OffsetAndMetadata> offsets) {
    Map<String, Long> sorted = new TreeMap<>();
    offsets.forEach((tp, om) -> sorted.put(name(tp), om.offset()));
    var node = e.putObject("offsets");
    sorted.forEach(node::put);
    return e;
  }
}
