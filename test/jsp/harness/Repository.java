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
import java.util.concurrent.CopyOnWriteArrayList;
import javax.jcr.PathNotFoundException;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.Workspace;
import javax.jcr.observation.ObservationManager;
import javax.jcr.security.AccessControlException;
import javax.jcr.security.AccessControlEntry;
import javax.jcr.security.AccessControlManager;
import javax.jcr.security.AccessControlPolicy;
import javax.jcr.security.Privilege;
import java.security.Principal;
import org.apache.jackrabbit.api.security.JackrabbitAccessControlEntry;
import org.apache.jackrabbit.api.security.JackrabbitAccessControlList;
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
    /** The namespace prefixes a name may use (AEM registers these and more; an unknown one makes a path invalid). */
    static final Set<String> NAMESPACES = Set.of("jcr", "nt", "mix", "rep", "sling", "cq", "dam", "granite", "oak", "vlt");
    final Set<String> paths = new ConcurrentSkipListSet<>(Set.of("/", "/content", "/content/dam"));
    final Set<String> unknownPrivileges = new HashSet<>();
    /**
     * The renditions AEM's DAM Update Asset launcher would start a workflow on: every original
     * rendition saved, except by a session whose observation user data says a workflow process
     * saved it ("changedByWorkflowProcess"), which AEM's launcher ignores.
     */
    final List<String> workflowsLaunched = new CopyOnWriteArrayList<>();
    /** Access-list entries as Oak stores them, per node, in order: `kind` is user, group or none (no such authorizable). */
    record Ace(String path, String principal, String kind, boolean allow, List<String> privileges) {}
    final List<Ace> aces = new ArrayList<>();
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

    ResourceResolver resolverFor(String user, boolean admin) {
        return Doubles.of(ResourceResolver.class, new Resolver(user, admin));
    }

    /** What the scripts do with a resource resolver. */
    final class Resolver {
        private final String user;
        private final boolean admin;
        /** The session's observation user data (ObservationManager.setUserData). */
        private volatile String userData;

        Resolver(String user, boolean admin) {
            this.user = user;
            this.admin = admin;
        }

        public String getUserID() {
            return user;
        }

        public Resource getResource(String path) {
            return paths.contains(path) ? node(path) : null;
        }

        public Resource create(Resource parent, String name, Map<String, Object> properties) throws PersistenceException {
            String path = (parent.getPath().equals("/") ? "" : parent.getPath()) + "/" + name;
            if (!paths.contains(parent.getPath()) || !paths.add(path)) throw new PersistenceException("Cannot create " + path);
            return node(path);
        }

        public void delete(Resource resource) throws PersistenceException {
            String path = resource.getPath();
            if (!paths.contains(path)) throw new PersistenceException("No resource at " + path);
            paths.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        }

        public void commit() {}

        public Object adaptTo(Class<?> type) {
            if (type == UserManager.class) return Doubles.of(UserManager.class, new Object() {
                public Authorizable getAuthorizable(String id) {
                    if (id.equals("administrators")) return administrators();
                    return id.equals(user) ? member(user, admin) : null;
                }

                public Authorizable getAuthorizable(Principal principal) {
                    return authorizableOf(principal);
                }
            });
            if (type == AssetManager.class) return Doubles.of(AssetManager.class, new Object() {
                public Asset createAsset(String path, InputStream content, String mimeType, boolean save) {
                    return Resolver.this.createAsset(path);
                }
            });
            if (type == Session.class) return Doubles.of(Session.class, new JcrSession());
            return null;
        }

        /** AEM's AssetManager needs the parent folder; the asset's rendition nodes come with it. */
        private Asset createAsset(String path) {
            if (!paths.contains(parentOf(path)) || paths.contains(path)) return null;
            paths.add(path);
            paths.add(path + "/jcr:content");
            paths.add(path + "/jcr:content/renditions");
            paths.add(path + "/jcr:content/renditions/original");
            if (!"changedByWorkflowProcess".equals(userData)) workflowsLaunched.add(path + "/jcr:content/renditions/original");
            return Doubles.of(Asset.class, new Object() {
                public String getPath() {
                    return path;
                }
            });
        }

        /** What the scripts ask of a JCR session and its access control manager. */
        final class JcrSession {
            public String getUserID() {
                return user;
            }

            public Workspace getWorkspace() {
                return Doubles.of(Workspace.class, new Object() {
                    public ObservationManager getObservationManager() {
                        return Doubles.of(ObservationManager.class, new Object() {
                            public void setUserData(String data) {
                                userData = data;
                            }
                        });
                    }
                });
            }

            public boolean nodeExists(String path) throws RepositoryException {
                // Oak refuses a path it cannot parse: JCR's illegal name characters, or a prefix no namespace has.
                for (String name : path.substring(1).split("/")) {
                    int colon = name.indexOf(':');
                    if (name.matches(".*[\\[\\]*|].*") || (colon >= 0 && !NAMESPACES.contains(name.substring(0, colon))))
                        throw new RepositoryException("Invalid path: " + path);
                }
                return paths.contains(path) && (admin || held(path).contains("jcr:read"));
            }

            public AccessControlManager getAccessControlManager() {
                return Doubles.of(AccessControlManager.class, new Object() {
                    /** The lists of the node and its ancestors that hold entries (reading them needs jcr:readAccessControl). */
                    public AccessControlPolicy[] getEffectivePolicies(String path) throws RepositoryException {
                        if (!admin) throw new AccessControlException("Access denied: jcr:readAccessControl on " + path);
                        if (!paths.contains(path)) throw new PathNotFoundException(path);
                        List<AccessControlPolicy> out = new ArrayList<>();
                        for (String p = path; !p.isEmpty(); p = parentOf(p)) {
                            String at = p;
                            List<AccessControlEntry> entries = new ArrayList<>();
                            for (Ace a : aces) if (a.path().equals(at)) entries.add(entry(a));
                            if (!entries.isEmpty()) out.add(Doubles.of(JackrabbitAccessControlList.class, new Object() {
                                public String getPath() {
                                    return at;
                                }

                                public AccessControlEntry[] getAccessControlEntries() {
                                    return entries.toArray(new AccessControlEntry[0]);
                                }
                            }));
                        }
                        return out.toArray(new AccessControlPolicy[0]);
                    }

                    public Privilege privilegeFromName(String name) throws AccessControlException {
                        if (!PRIVILEGES.contains(name) || unknownPrivileges.contains(name))
                            throw new AccessControlException("Unknown privilege " + name);
                        return Doubles.of(Privilege.class, new Object() {
                            public String getName() {
                                return name;
                            }
                        });
                    }

                    public boolean hasPrivileges(String path, Privilege[] privileges) throws RepositoryException {
                        if (!nodeExists(path)) throw new RepositoryException("Path not found: " + path);
                        Set<String> mine = admin ? PRIVILEGES : held(path);
                        for (Privilege p : privileges) if (!mine.contains(p.getName())) return false;
                        return true;
                    }
                });
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

    private static AccessControlEntry entry(Ace a) {
        Principal principal = () -> a.principal();
        return Doubles.of(JackrabbitAccessControlEntry.class, new Object() {
            public Principal getPrincipal() {
                return principal;
            }

            public boolean isAllow() {
                return a.allow();
            }

            public Privilege[] getPrivileges() {
                return a.privileges().stream().map(name -> Doubles.of(Privilege.class, new Object() {
                    public String getName() {
                        return name;
                    }
                })).toArray(Privilege[]::new);
            }
        });
    }

    /** The authorizable a principal names, as UserManager.getAuthorizable(Principal) finds it (null: none). */
    Authorizable authorizableOf(Principal principal) {
        String name = principal.getName();
        if (name.equals("administrators")) return administrators();
        for (Ace a : aces)
            if (a.principal().equals(name) && !a.kind().equals("none"))
                return a.kind().equals("group") ? Doubles.of(Authorizable.class, new Object() {
                    public boolean isGroup() {
                        return true;
                    }
                }) : member(name, false);
        return null;
    }

    Resource node(String path) {
        return Doubles.of(Resource.class, new Object() {
            public String getPath() {
                return path;
            }

            public Iterable<Resource> getChildren() {
                List<Resource> out = new ArrayList<>();
                for (String p : paths) if (!p.equals(path) && parentOf(p).equals(path)) out.add(node(p));
                return out;
            }

            public Object adaptTo(Class<?> type) {
                return null;
            }
        });
    }

    /** The users who are administrators, for the administrators group's isMember. */
    private final Set<String> admins = new HashSet<>();

    Authorizable member(String id, boolean admin) {
        if (admin) admins.add(id);
        return Doubles.of(Authorizable.class, new Object() {
            public String getID() {
                return id;
            }

            public boolean isGroup() {
                return false;
            }
        });
    }

    Group administrators() {
        return Doubles.of(Group.class, new Object() {
            public String getID() {
                return "administrators";
            }

            public boolean isGroup() {
                return true;
            }

            public boolean isMember(Authorizable a) throws RepositoryException {
                return !a.isGroup() && admins.contains(a.getID());
            }
        });
    }
}
