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
import javax.jcr.RepositoryException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.jsp.JspFactory;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.jackrabbit.api.security.user.Authorizable;
import org.apache.jackrabbit.api.security.user.Group;
import org.apache.jackrabbit.api.security.user.UserManager;
import org.apache.sling.api.SlingHttpServletRequest;
import org.apache.sling.api.resource.ResourceResolver;
import org.apache.sling.api.scripting.SlingBindings;
import org.apache.sling.api.scripting.SlingScriptHelper;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Runs the package's compiled Check Health JSPs in an embedded Tomcat 9, the way Sling would run
 * them: the health node's address, GET to json.jsp and every other method to POST.jsp, and the
 * request's SlingBindings set by a filter (users with HTTP Basic, administrators by group).
 * Each configured access-token provider makes a real client-credentials request to a token
 * endpoint (the emulator's IMS stub) and fails with the text AEM's provider uses.
 *
 * Usage: java HealthHarness <config file>   (prints "HARNESS_PORT=<port>" once listening)
 * Config lines, tab-separated: user <id> <password> admin|user
 *                              provider <name> <token url> <client id> <client secret> <scope>
 */
public final class HealthHarness {
    static final String NODE = "/apps/bpsetup/health.json";

    record User(String id, String password, boolean admin) {}

    public static void main(String[] args) throws Exception {
        Map<String, User> users = new HashMap<>();
        List<Provider> providers = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("user")) users.put(f[1], new User(f[1], f[2], f[3].equals("admin")));
            if (f[0].equals("provider")) providers.add(new Provider(f[1], f[2], f[3], f[4], f[5]));
        }
        // The generated JSP classes read the factory Tomcat's JspServlet would have installed.
        JspFactory.setDefaultFactory(new org.apache.jasper.runtime.JspFactoryImpl());

        Tomcat tomcat = new Tomcat();
        File base = Files.createTempDirectory("bpsetup-jsp-harness").toFile();
        base.deleteOnExit();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context ctx = tomcat.addContext("", base.getAbsolutePath());

        Servlet get = (Servlet) Class.forName("org.apache.jsp.json_jsp").getDeclaredConstructor().newInstance();
        Servlet post = (Servlet) Class.forName("org.apache.jsp.POST_jsp").getDeclaredConstructor().newInstance();
        // Sling's script resolution: GET and HEAD of <node>.json reach json.jsp, any other method its method script.
        Tomcat.addServlet(ctx, "health", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            public void init() throws ServletException {
                get.init(getServletConfig());
                post.init(getServletConfig());
            }

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
                boolean read = req.getMethod().equals("GET") || req.getMethod().equals("HEAD");
                (read ? get : post).service(req, res);
            }
        });
        ctx.addServletMappingDecoded(NODE, "health");

        FilterDef def = new FilterDef();
        def.setFilterName("sling");
        def.setFilter(new SlingFilter(users, providers));
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

        SlingFilter(Map<String, User> users, List<Provider> providers) {
            this.users = users;
            this.providers = providers;
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
            Resolver resolver = new Resolver(user == null ? new User("anonymous", "", false) : user);
            SlingRequest sling = new SlingRequest(http, resolver);
            SlingBindings bindings = new SlingBindings();
            bindings.setSling(new Helper(sling, providers));
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

    static final class SlingRequest extends HttpServletRequestWrapper implements SlingHttpServletRequest {
        private final ResourceResolver resolver;

        SlingRequest(HttpServletRequest request, ResourceResolver resolver) {
            super(request);
            this.resolver = resolver;
        }

        @Override
        public ResourceResolver getResourceResolver() {
            return resolver;
        }
    }

    static final class Helper implements SlingScriptHelper {
        private static final Pattern NAME_FILTER = Pattern.compile("^\\(name=((?:[^()*\\\\]|\\\\[0-9a-fA-F]{2})*)\\)$");
        private final SlingHttpServletRequest request;
        private final List<Provider> providers;

        Helper(SlingHttpServletRequest request, List<Provider> providers) {
            this.request = request;
            this.providers = providers;
        }

        @Override
        public SlingHttpServletRequest getRequest() {
            return request;
        }

        @Override
        public <T> T getService(Class<T> type) {
            return null;
        }

        /** OSGi's service lookup for the one filter shape the script uses: (name=<escaped value>). */
        @Override
        @SuppressWarnings("unchecked")
        public <T> T[] getServices(Class<T> type, String filter) {
            if (type != AccessTokenProvider.class) return null;
            Matcher m = NAME_FILTER.matcher(filter);
            if (!m.matches()) throw new IllegalArgumentException("Invalid filter " + filter);
            String name = unescape(m.group(1));
            List<AccessTokenProvider> out = new ArrayList<>();
            for (Provider p : providers) if (p.name.equals(name)) out.add(p);
            return out.isEmpty() ? null : (T[]) out.toArray(new AccessTokenProvider[0]);
        }

        private static String unescape(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\\') {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                } else out.append(s.charAt(i));
            }
            return out.toString();
        }
    }

    static final class Resolver implements ResourceResolver {
        private final User user;

        Resolver(User user) {
            this.user = user;
        }

        @Override
        public String getUserID() {
            return user.id();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A adaptTo(Class<A> type) {
            if (type != UserManager.class) return null;
            return (A) (UserManager) id -> {
                if (id.equals("administrators")) return new Administrators();
                return id.equals(user.id()) ? new Member(user) : null;
            };
        }
    }

    record Member(User user) implements Authorizable {
        @Override
        public String getID() {
            return user.id();
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
        public boolean isMember(Authorizable a) throws RepositoryException {
            return a instanceof Member m && m.user().admin();
        }
    }
}
