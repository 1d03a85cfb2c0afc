import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The test's view into the harness: its repository paths, queues and replications, and delivery. */
final class Control extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Repository repo;
    private final transient Replication replication;

    Control(Repository repo, Replication replication) {
        this.repo = repo;
        this.replication = replication;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        StringBuilder json = new StringBuilder("{\"paths\":[");
        String sep = "";
        for (String p : repo.paths) {
            json.append(sep).append(quote(p));
            sep = ",";
        }
        json.append("],\"queues\":{");
        sep = "";
        synchronized (replication) {
            for (var q : replication.queues.entrySet()) {
                json.append(sep).append(quote(q.getKey())).append(":[");
                String inner = "";
                for (Replication.Item i : q.getValue()) {
                    json.append(inner).append("{\"path\":").append(quote(i.path())).append(",\"type\":").append(quote(i.type())).append('}');
                    inner = ",";
                }
                json.append(']');
                sep = ",";
            }
            json.append("},\"replicated\":[");
            sep = "";
            for (Replication.Replicated r : replication.replicated) {
                json.append(sep).append("{\"type\":").append(quote(r.type())).append(",\"path\":").append(quote(r.path())).append(",\"agents\":[");
                String inner = "";
                for (String a : r.agents()) {
                    json.append(inner).append(quote(a));
                    inner = ",";
                }
                json.append("]}");
                sep = ",";
            }
        }
        json.append("],\"workflows\":[");
        sep = "";
        for (String w : repo.workflowsLaunched) {
            json.append(sep).append(quote(w));
            sep = ",";
        }
        res.setContentType("application/json");
        res.getWriter().print(json.append("]}"));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (req.getPathInfo().equals("/deliver")) replication.deliverAll();
        else if (req.getPathInfo().equals("/refuse")) replication.refusal = req.getParameter("message");
        else if (req.getPathInfo().equals("/add")) repo.add(req.getParameter("path"));
        res.setStatus(204);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
