import java.io.*;
import java.util.*;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.coordinator.group.api.assignor.*;
import org.apache.kafka.coordinator.group.assignor.*;
import org.apache.kafka.coordinator.group.modern.*;

/** Reads cases on stdin, runs the group coordinator's UniformAssignor or RangeAssignor, prints the target assignment. */
public class BrokerAssignorsDiff {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
    String line; String kind = null; List<String> topicNames = null; Map<String, Integer> counts = null;
    List<String[]> members = null;
    while ((line = in.readLine()) != null) {
      String[] f = line.split(" ");
      if (f[0].equals("CASE")) { kind = f[1]; topicNames = new ArrayList<>(); counts = new HashMap<>(); members = new ArrayList<>(); }
      else if (f[0].equals("T")) { topicNames.add(f[1]); counts.put(f[1], Integer.parseInt(f[2])); }
      else if (f[0].equals("M")) members.add(f);
      else if (f[0].equals("END")) {
        Map<String, Uuid> ids = new HashMap<>(); Map<Uuid, String> names = new HashMap<>();
        Map<Uuid, TopicMetadata> meta = new HashMap<>();
        for (int i = 0; i < topicNames.size(); i++) { Uuid u = new Uuid(0L, i + 1); ids.put(topicNames.get(i), u); names.put(u, topicNames.get(i)); meta.put(u, new TopicMetadata(u, topicNames.get(i), counts.get(topicNames.get(i)))); }
        Map<String, MemberSubscriptionAndAssignmentImpl> specs = new HashMap<>();
        Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
        Set<String> firstSub = null; boolean homogeneous = true; List<String> order = new ArrayList<>();
        for (String[] m : members) {
          String id = m[1]; order.add(id);
          Set<String> sub = m[2].equals("-") ? new TreeSet<>() : new TreeSet<>(Arrays.asList(m[2].split(",")));
          if (firstSub == null) firstSub = sub; else if (!firstSub.equals(sub)) homogeneous = false;
          Set<Uuid> subIds = new HashSet<>(); for (String t : sub) subIds.add(ids.get(t));
          Map<Uuid, Set<Integer>> asg = new LinkedHashMap<>();
          if (!m[3].equals("-")) for (String n : m[3].split(",")) { int k = n.lastIndexOf('-'); Uuid u = ids.get(n.substring(0, k)); int p = Integer.parseInt(n.substring(k + 1)); asg.computeIfAbsent(u, x -> new TreeSet<>()).add(p); inverted.computeIfAbsent(u, x -> new HashMap<>()).put(p, id); }
          Map<Uuid, Set<Integer>> frozen = new LinkedHashMap<>(); for (Map.Entry<Uuid, Set<Integer>> e : asg.entrySet()) frozen.put(e.getKey(), Collections.unmodifiableSet(e.getValue()));
          specs.put(id, new MemberSubscriptionAndAssignmentImpl(Optional.empty(), Optional.empty(), subIds, new Assignment(Collections.unmodifiableMap(frozen))));
        }
        GroupSpecImpl spec = new GroupSpecImpl(specs, homogeneous ? SubscriptionType.HOMOGENEOUS : SubscriptionType.HETEROGENEOUS, inverted);
        ConsumerGroupPartitionAssignor a = kind.equals("uniform") ? new UniformAssignor() : new RangeAssignor();
        GroupAssignment r;
        try { r = a.assign(spec, new SubscribedTopicDescriberImpl(meta)); } catch (Exception e) { out.println("ERROR " + e); out.println("---"); continue; }
        for (String id : order) {
          List<String> l = new ArrayList<>();
          MemberAssignment ma = r.members().get(id);
          if (ma != null) for (Map.Entry<Uuid, Set<Integer>> e : ma.partitions().entrySet()) for (int p : e.getValue()) l.add(names.get(e.getKey()) + "-" + p);
          Collections.sort(l);
          out.println(id + " " + (l.isEmpty() ? "-" : String.join(",", l)));
        }
        out.println("---");
      }
    }
    out.flush();
  }
}
