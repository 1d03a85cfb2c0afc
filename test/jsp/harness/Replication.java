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
final class Replication implements AgentManager, Replicator {
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
        ReplicationQueue queue = new ReplicationQueue() {
            @Override
            public List<Entry> entries(String path) {
                synchronized (Replication.this) {
                    List<Entry> out = new ArrayList<>();
                    for (Item i : items) if (i.path().equals(path)) out.add(i::id);
                    return out;
                }
            }

            @Override
            public void clear(Set<String> remove) {
                synchronized (Replication.this) {
                    items.removeIf(i -> remove.contains(i.id()));
                }
            }
        };
        agents.put(id, new Agent() {
            @Override
            public String getId() {
                return id;
            }

            @Override
            public ReplicationQueue getQueue() {
                return queue;
            }
        });
    }

    @Override
    public Map<String, Agent> getAgents() {
        return agents;
    }

    @Override
    public synchronized void replicate(Session session, ReplicationActionType type, String path, ReplicationOptions options)
            throws ReplicationException {
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
