import com.day.cq.replication.Agent;
import com.day.cq.replication.AgentManager;
import com.day.cq.replication.ReplicationActionType;
import com.day.cq.replication.ReplicationException;
import com.day.cq.replication.ReplicationOptions;
import com.day.cq.replication.ReplicationQueue;
import com.day.cq.replication.Replicator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.jcr.Session;

/**
 * The harness's replication: agents with queues, and a Replicator that queues an action to every
 * agent the options' filter includes (AEM's rule; with no filter, to every agent). Nothing is
 * delivered until POST /__harness/deliver. With `refusal` set, every activation throws it.
 */
final class Replication implements AgentManager {
    record Item(String id, String path, String type) {}

    record Replicated(String type, String path, List<String> agents) {}

    final Map<String, Agent> agents = new LinkedHashMap<>();
    final Map<String, List<Item>> queues = new LinkedHashMap<>();
    final List<Replicated> replicated = new ArrayList<>();
    volatile String refusal;
    private final AtomicLong ids = new AtomicLong();

    void addAgent(String id) {
        List<Item> items = new ArrayList<>();
        queues.put(id, items);
        ReplicationQueue queue = Doubles.of(ReplicationQueue.class, new Object() {
            public List<ReplicationQueue.Entry> entries(String path) {
                synchronized (Replication.this) {
                    List<ReplicationQueue.Entry> out = new ArrayList<>();
                    for (Item i : items) if (i.path().equals(path)) out.add(entry(i.id()));
                    return out;
                }
            }

            public void clear(Set<String> remove) {
                synchronized (Replication.this) {
                    items.removeIf(i -> remove.contains(i.id()));
                }
            }
        });
        agents.put(id, Doubles.of(Agent.class, new Object() {
            public String getId() {
                return id;
            }

            public ReplicationQueue getQueue() {
                return queue;
            }
        }));
    }

    private static ReplicationQueue.Entry entry(String id) {
        return Doubles.of(ReplicationQueue.Entry.class, new Object() {
            public String getId() {
                return id;
            }
        });
    }

    @Override
    public Map<String, Agent> getAgents() {
        return agents;
    }

    /** The Replicator the scripts call: one path, with options. */
    Replicator replicator() {
        return Doubles.of(Replicator.class, new Object() {
            public void replicate(Session session, ReplicationActionType type, String path, ReplicationOptions options)
                    throws ReplicationException {
                Replication.this.replicate(type, path, options);
            }
        });
    }

    private synchronized void replicate(ReplicationActionType type, String path, ReplicationOptions options) throws ReplicationException {
        if (type == ReplicationActionType.ACTIVATE && refusal != null) throw new ReplicationException(refusal);
        List<String> to = new ArrayList<>();
        for (Agent a : agents.values()) {
            if (options.getFilter() != null && !options.getFilter().isIncluded(a)) continue;
            queues.get(a.getId()).add(new Item("item-" + ids.incrementAndGet(), path, type.name()));
            to.add(a.getId());
        }
        replicated.add(new Replicated(type.name(), path, to));
    }

    synchronized void deliverAll() {
        for (List<Item> items : queues.values()) items.clear();
    }
}
