package dev.kafkaviz.fidelity;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Sees the commits the client makes on its own (enable.auto.commit, and the commit inside
 * close()), which no application code observes. Installed only for commit strategy 'auto'.
 */
public final class AutoCommitTracer implements ConsumerInterceptor<byte[], byte[]> {
  @Override
  public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    var e = TraceOut.event("commit");
    e.put("mode", "auto");
    TraceOut.offsets(e, offsets);
    e.putNull("error");
    TraceOut.emit(e);
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
