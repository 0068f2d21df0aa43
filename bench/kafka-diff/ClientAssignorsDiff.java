package org.apache.kafka.clients.consumer;

import java.io.*;
import java.util.*;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.AbstractStickyAssignor;
import org.apache.kafka.common.TopicPartition;

/** Reads cases on stdin, runs Kafka's StickyAssignor or CooperativeStickyAssignor, prints the assignment. */
public class ClientAssignorsDiff {
  static List<TopicPartition> parse(String s) {
    List<TopicPartition> out = new ArrayList<>();
    if (s.equals("-")) return out;
    for (String n : s.split(",")) { int i = n.lastIndexOf('-'); out.add(new TopicPartition(n.substring(0, i), Integer.parseInt(n.substring(i + 1)))); }
    return out;
  }
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
    String line; String kind = null; Map<String,Integer> ppt = null; Map<String, Subscription> subs = null; List<String> order = null;
    while ((line = in.readLine()) != null) {
      String[] f = line.split(" ");
      if (f[0].equals("CASE")) { kind = f[1]; ppt = new HashMap<>(); subs = new HashMap<>(); order = new ArrayList<>(); }
      else if (f[0].equals("T")) ppt.put(f[1], Integer.parseInt(f[2]));
      else if (f[0].equals("M")) {
        String id = f[1]; boolean hasGen = !f[2].equals("x"); int gen = hasGen ? Integer.parseInt(f[2]) : -1;
        List<String> topics = f[3].equals("-") ? new ArrayList<>() : Arrays.asList(f[3].split(","));
        List<TopicPartition> owned = parse(f[4]);
        Subscription s;
        if (kind.equals("sticky")) {
          java.nio.ByteBuffer ud = owned.isEmpty() && !hasGen ? null : StickyAssignor.serializeTopicPartitionAssignment(new AbstractStickyAssignor.MemberData(owned, Optional.of(gen)));
          s = new Subscription(topics, ud, owned, gen, Optional.empty());
        } else {
          s = new Subscription(topics, null, owned, gen, Optional.empty());
        }
        subs.put(id, s); order.add(id);
      } else if (f[0].equals("END")) {
        AbstractStickyAssignor a = kind.equals("sticky") ? new StickyAssignor() : new CooperativeStickyAssignor();
        Map<String, List<TopicPartition>> r;
        try { r = a.assign(ppt, subs); } catch (Exception e) { out.println("ERROR " + e); out.println("---"); continue; }
        for (String id : order) { StringBuilder b = new StringBuilder(id).append(' '); List<TopicPartition> l = r.get(id); if (l == null || l.isEmpty()) b.append('-'); else { for (int i = 0; i < l.size(); i++) { if (i > 0) b.append(','); b.append(l.get(i).topic()).append('-').append(l.get(i).partition()); } } out.println(b); }
        out.println("---");
      }
    }
    out.flush();
  }
}
