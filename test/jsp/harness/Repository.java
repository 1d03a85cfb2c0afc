import com.day.cq.dam.api.Asset;
import com.day.cq.dam.api.AssetManager;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.security.AccessControlException;
import javax.jcr.security.AccessControlManager;
import javax.jcr.security.Privilege;
import org.apache.jackrabbit.api.security.user.Authorizable;
import org.apache.jackrabbit.api.security.user.Group;
import org.apache.jackrabbit.api.security.user.UserManager;
import org.apache.sling.api.resource.PersistenceException;
import org.apache.sling.api.resource.Resource;
import org.apache.sling.api.resource.ResourceResolver;

/**
 * The harness's repository: node paths only (what the scripts create, list and delete) and the
 * privileges granted per user and path, inherited down the tree as Oak's access lists are.
 * Administrators hold every privilege this repository knows.
 */
final class Repository {
    static final Set<String> PRIVILEGES = Set.of("jcr:read", "jcr:addChildNodes", "jcr:modifyProperties", "crx:replicate");
    final Set<String> paths = new ConcurrentSkipListSet<>(Set.of("/", "/content", "/content/dam"));
    final Set<String> unknownPrivileges = new HashSet<>();
    private final Map<String, Map<String, Set<String>>> grants = new HashMap<>();

    void add(String path) {
        for (String p = path; !p.isEmpty(); p = parentOf(p)) paths.add(p);
    }

    void grant(String user, String path, List<String> privileges) {
        grants.computeIfAbsent(user, u -> new HashMap<>()).computeIfAbsent(path, p -> new HashSet<>()).addAll(privileges);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? (path.equals("/") ? "" : "/") : path.substring(0, slash);
    }

    Resolver resolverFor(String user, boolean admin) {
        return new Resolver(user, admin);
    }

    final class Resolver implements ResourceResolver {
        private final String user;
        private final boolean admin;

        Resolver(String user, boolean admin) {
            this.user = user;
            this.admin = admin;
        }

        @Override
        public String getUserID() {
            return user;
        }

        @Override
        public Resource getResource(String path) {
            return paths.contains(path) ? new Node(path) : null;
        }

        @Override
        public Resource create(Resource parent, String name, Map<String, Object> properties) throws PersistenceException {
            String path = (parent.getPath().equals("/") ? "" : parent.getPath()) + "/" + name;
            if (!paths.contains(parent.getPath()) || !paths.add(path)) throw new PersistenceException("Cannot create " + path);
            return new Node(path);
        }

        @Override
        public void delete(Resource resource) throws PersistenceException {
            String path = resource.getPath();
            if (!paths.contains(path)) throw new PersistenceException("No resource at " + path);
            paths.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        }

        @Override
        public void commit() {}

        @Override
        @SuppressWarnings("unchecked")
        public <A> A adaptTo(Class<A> type) {
            if (type == UserManager.class) return (A) (UserManager) id -> {
                if (id.equals("administrators")) return new Administrators();
                return id.equals(user) ? new Member(user, admin) : null;
            };
            if (type == AssetManager.class) return (A) (AssetManager) this::createAsset;
            if (type == Session.class) return (A) new JcrSession();
            return null;
        }

        /** AEM's AssetManager needs the parent folder; the asset's rendition nodes come with it. */
        private Asset createAsset(String path, InputStream content, String mimeType, boolean save) {
            if (!paths.contains(parentOf(path)) || paths.contains(path)) return null;
            paths.add(path);
            paths.add(path + "/jcr:content");
            paths.add(path + "/jcr:content/renditions");
            paths.add(path + "/jcr:content/renditions/original");
            return () -> path;
        }

        final class JcrSession implements Session, AccessControlManager {
            @Override
            public String getUserID() {
                return user;
            }

            @Override
            public boolean nodeExists(String path) {
                return paths.contains(path) && (admin || held(path).contains("jcr:read"));
            }

            @Override
            public AccessControlManager getAccessControlManager() {
                return this;
            }

            @Override
            public Privilege privilegeFromName(String name) throws AccessControlException {
                if (!PRIVILEGES.contains(name) || unknownPrivileges.contains(name)) throw new AccessControlException("Unknown privilege " + name);
                return () -> name;
            }

            @Override
            public boolean hasPrivileges(String path, Privilege[] privileges) throws RepositoryException {
                if (!nodeExists(path)) throw new RepositoryException("Path not found: " + path);
                Set<String> mine = admin ? PRIVILEGES : held(path);
                for (Privilege p : privileges) if (!mine.contains(p.getName())) return false;
                return true;
            }

            /** Privileges granted on the path or any ancestor. */
            private Set<String> held(String path) {
                Set<String> out = new TreeSet<>();
                Map<String, Set<String>> mine = grants.getOrDefault(user, Map.of());
                for (String p = path; !p.isEmpty(); p = parentOf(p)) out.addAll(mine.getOrDefault(p, Set.of()));
                return out;
            }
        }
    }

    final class Node implements Resource {
        private final String path;

        Node(String path) {
            this.path = path;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public Iterable<Resource> getChildren() {
            List<Resource> out = new ArrayList<>();
            for (String p : paths) if (!p.equals(path) && parentOf(p).equals(path)) out.add(new Node(p));
            return out;
        }

        @Override
        public <A> A adaptTo(Class<A> type) {
            return null;
        }
    }

    record Member(String id, boolean admin) implements Authorizable {
        @Override
        public String getID() {
            return id;
        }

        @Override
        public boolean isGroup() {
            return false;
        }
    }

    static final class Administrators implements Group {
        @Override
        public String getID() {
            return "administrators";
        }

        @Override
        public boolean isGroup() {
            return true;
        }

        @Override
        public boolean isMember(Authorizable a) {
            return a instanceof Member m && m.admin();
        }
    }
}
