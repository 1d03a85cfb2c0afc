import com.adobe.granite.auth.oauth.AccessTokenProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.jsp.JspFactory;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.sling.api.SlingHttpServletRequest;
import org.apache.sling.api.resource.ResourceResolver;
import com.day.cq.replication.AgentManager;
import com.day.cq.replication.Replicator;
import org.apache.sling.api.scripting.SlingBindings;
import org.apache.sling.api.scripting.SlingScriptHelper;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Runs the package's compiled JSPs in an embedded Tomcat 9, the way Sling would run them: each
 * script node's address, GET of <node>.json to json.jsp and every other method to POST.jsp, and
 * the request's SlingBindings set by a filter (users with HTTP Basic, administrators by group).
 * Each configured access-token provider makes a real client-credentials request to a token
 * endpoint (the emulator's IMS stub) and fails with the text AEM's provider uses. The repository,
 * access control and replication are small in-memory models (Repository, Replication).
 *
 * Usage: java ScriptHarness <config file>   (prints "HARNESS_PORT=<port>" once listening)
 * Config lines, tab-separated: user <id> <password> admin|user
 *                              provider <name> <token url> <client id> <client secret> <scope>
 *                              node <path>                   (exists in the repository)
 *                              grant <user> <path> <privilege,…>
 *                              ace <path> <principal> user|group|none allow|deny <privilege,…>  (an access-list entry)
 *                              unknown-privilege <name>      (this repository has no such privilege)
 *                              agent <id>                    (a replication agent)
 *                              refuse <message>              (every activation throws this)
 * GET /__harness/state answers the repository's paths, the queues and every replication;
 * POST /__harness/deliver empties the queues, as agents that delivered everything.
 */
public final class ScriptHarness {
    /** Script node → its component folder, as the package's nodes carry sling:resourceType. */
    static final Map<String, String> NODES = Map.of(
        "/apps/bpsetup/health", "health",
        "/apps/bpsetup/rights", "rights",
        "/apps/bpsetup/publish-proof", "publish_002dproof",
        "/apps/bpsetup/settings-writers", "settings_002dwriters");

    record User(String id, String password, boolean admin) {}

    public static void main(String[] args) throws Exception {
        Map<String, User> users = new HashMap<>();
        List<Provider> providers = new ArrayList<>();
        Repository repo = new Repository();
        Replication replication = new Replication();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "user" -> users.put(f[1], new User(f[1], f[2], f[3].equals("admin")));
                case "provider" -> providers.add(new Provider(f[1], f[2], f[3], f[4], f[5]));
                case "node" -> repo.add(f[1]);
                case "grant" -> repo.grant(f[1], f[2], List.of(f[3].split(",")));
                case "ace" -> repo.aces.add(new Repository.Ace(f[1], f[2], f[3], f[4].equals("allow"), List.of(f[5].split(","))));
                case "unknown-privilege" -> repo.unknownPrivileges.add(f[1]);
                case "agent" -> replication.addAgent(f[1]);
                case "refuse" -> replication.refusal = f[1];
                default -> { }
            }
        }
        // The generated JSP classes read the factory Tomcat's JspServlet would have installed.
        JspFactory.setDefaultFactory(new org.apache.jasper.runtime.JspFactoryImpl());

        Tomcat tomcat = new Tomcat();
        // Tomcat's work folder: the one the test gives (it removes it after the harness is killed).
        File base = args.length > 1 ? new File(args[1]) : Files.createTempDirectory("bpsetup-jsp-harness").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", base.getAbsolutePath());

        for (Map.Entry<String, String> node : NODES.entrySet()) {
            String pkg = "org.apache.jsp.apps.bpsetup.components." + node.getValue();
            Servlet get = (Servlet) Class.forName(pkg + ".json_jsp").getDeclaredConstructor().newInstance();
            Servlet post = (Servlet) Class.forName(pkg + ".POST_jsp").getDeclaredConstructor().newInstance();
            String name = node.getValue();
            // Sling's script resolution: GET and HEAD of <node>.json reach json.jsp, any other method its method script.
            Tomcat.addServlet(ctx, name, new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                public void init() throws ServletException {
                    get.init(getServletConfig());
                    post.init(getServletConfig());
                }

                @Override
                protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
                    boolean read = req.getMethod().equals("GET") || req.getMethod().equals("HEAD");
                    if (read && !req.getRequestURI().endsWith(".json")) {
                        res.sendError(404);
                        return;
                    }
                    (read ? get : post).service(req, res);
                }
            });
            ctx.addServletMappingDecoded(node.getKey(), name);
            ctx.addServletMappingDecoded(node.getKey() + ".json", name);
        }
        Tomcat.addServlet(ctx, "control", new Control(repo, replication));
        ctx.addServletMappingDecoded("/__harness/*", "control");

        FilterDef def = new FilterDef();
        def.setFilterName("sling");
        def.setFilter(new SlingFilter(users, providers, repo, replication));
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("sling");
        map.addURLPatternDecoded("/*");
        ctx.addFilterMap(map);

        tomcat.start();
        System.out.println("HARNESS_PORT=" + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    /** Basic auth to a user (anonymous without it), then the bindings a Sling script finds. */
    static final class SlingFilter implements Filter {
        private final Map<String, User> users;
        private final List<Provider> providers;
        private final Repository repo;
        private final Replication replication;

        SlingFilter(Map<String, User> users, List<Provider> providers, Repository repo, Replication replication) {
            this.users = users;
            this.providers = providers;
            this.repo = repo;
            this.replication = replication;
        }

        @Override
        public void init(FilterConfig config) {}

        @Override
        public void destroy() {}

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            User user = authenticate(http.getHeader("Authorization"));
            if (user == null && http.getHeader("Authorization") != null) {
                ((HttpServletResponse) response).sendError(401);
                return;
            }
            User who = user == null ? new User("anonymous", "", false) : user;
            ResourceResolver resolver = repo.resolverFor(who.id(), who.admin());
            SlingHttpServletRequest sling = slingRequest(http, resolver);
            SlingBindings bindings = new SlingBindings();
            bindings.setSling(Doubles.of(SlingScriptHelper.class, new Helper(sling, providers, replication)));
            sling.setAttribute(SlingBindings.class.getName(), bindings);
            chain.doFilter(sling, response);
        }

        private User authenticate(String header) {
            if (header == null || !header.startsWith("Basic ")) return null;
            String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
            return user != null && user.password().equals(decoded.substring(colon + 1)) ? user : null;
        }
    }

    /** The container's request, with the resolver Sling gives it. */
    static SlingHttpServletRequest slingRequest(HttpServletRequest http, ResourceResolver resolver) {
        return Doubles.of(SlingHttpServletRequest.class, new Object() {
            public ResourceResolver getResourceResolver() {
                return resolver;
            }
        }, http);
    }

    /** What the scripts ask of Sling's script helper: the request and services. */
    static final class Helper {
        /** Felix's reading of an item filter: a backslash takes the next character as it is; no wildcard here. */
        private static final Pattern NAME_FILTER = Pattern.compile("^\\(name=((?:[^()*\\\\]|\\\\.)*)\\)$");
        private final SlingHttpServletRequest request;
        private final List<Provider> providers;
        private final Replication replication;

        Helper(SlingHttpServletRequest request, List<Provider> providers, Replication replication) {
            this.request = request;
            this.providers = providers;
            this.replication = replication;
        }

        public SlingHttpServletRequest getRequest() {
            return request;
        }

        public Object getService(Class<?> type) {
            if (type == AgentManager.class) return replication;
            if (type == Replicator.class) return replication.replicator();
            return null;
        }

        /** OSGi's service lookup for the one filter shape the script uses: (name=<escaped value>). */
        public Object[] getServices(Class<?> type, String filter) {
            if (type != AccessTokenProvider.class) return null;
            Matcher m = NAME_FILTER.matcher(filter);
            if (!m.matches()) throw new IllegalArgumentException("Invalid filter " + filter);
            String name = unescape(m.group(1));
            List<AccessTokenProvider> out = new ArrayList<>();
            for (Provider p : providers) if (p.name.equals(name)) out.add(p);
            return out.isEmpty() ? null : out.toArray(new AccessTokenProvider[0]);
        }

        private static String unescape(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\\') out.append(s.charAt(++i));
                else out.append(s.charAt(i));
            }
            return out.toString();
        }
    }
}
