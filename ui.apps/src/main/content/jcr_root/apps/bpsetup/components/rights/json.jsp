<%--
  Brand Portal setup: what the signed-in user may do on a folder, before they publish from it.

  GET /apps/bpsetup/rights.json?path=<folder>
  Publishing to Brand Portal needs read, create, modify and replicate on the folder (Adobe's
  troubleshooting: read and replicate alone fail). Asks the repository, for this user's own session,
  AccessControlManager.hasPrivileges for each, and answers JSON:
    200 {"path","user","privileges":{"jcr:read":true|false,"jcr:addChildNodes":…,
         "jcr:modifyProperties":…,"crx:replicate":…}}   (null: this repository has no such privilege)
    400 {"error":"missing-path"} or {"error":"bad-path"} (the repository refuses the path)
    404 {"error":"not-found"} (no such folder, or not readable)
  Any signed-in user may ask about themselves; nothing is written (POST.jsp refuses every write).
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"
    import="javax.jcr.RepositoryException,
            javax.jcr.Session,
            javax.jcr.security.AccessControlException,
            javax.jcr.security.AccessControlManager,
            javax.jcr.security.Privilege"%><%@include file="/apps/bpsetup/components/common/script.jspf"%><%!

    /** Read, create, modify, replicate: the four Adobe names for publishing from a folder. */
    private static final String[] NEEDED = { "jcr:read", "jcr:addChildNodes", "jcr:modifyProperties", "crx:replicate" };
%><%
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    ResourceResolver resolver = slingOf(request).getRequest().getResourceResolver();
    String path = request.getParameter("path");
    path = path == null ? "" : path.trim();
    if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    if (!path.startsWith("/") || path.contains("//") || path.contains("/../") || path.endsWith("/..")) {
        response.setStatus(400);
        out.print("{\"error\":\"missing-path\",\"message\":\"Give the folder's repository path as ?path=/content/dam/….\"}");
        return;
    }
    Session session = resolver.adaptTo(Session.class);
    boolean exists;
    try {
        exists = session != null && session.nodeExists(path);
    } catch (RepositoryException malformed) {
        // A path the repository cannot parse (`[`, an unknown namespace prefix): the asker's mistake.
        response.setStatus(400);
        out.print("{\"error\":\"bad-path\",\"path\":" + quote(path)
            + ",\"message\":\"This is not a repository path: give the folder's path as ?path=/content/dam/….\"}");
        return;
    }
    if (!exists) {
        response.setStatus(404);
        out.print("{\"error\":\"not-found\",\"path\":" + quote(path)
            + ",\"message\":\"There is no folder at this path, or you may not read it.\"}");
        return;
    }
    AccessControlManager access = session.getAccessControlManager();
    StringBuilder json = new StringBuilder("{\"path\":").append(quote(path))
        .append(",\"user\":").append(quote(resolver.getUserID())).append(",\"privileges\":{");
    for (int i = 0; i < NEEDED.length; i++) {
        String granted;
        try {
            granted = String.valueOf(access.hasPrivileges(path, new Privilege[] { access.privilegeFromName(NEEDED[i]) }));
        } catch (AccessControlException unknownPrivilege) {
            granted = "null";
        }
        json.append(i > 0 ? "," : "").append(quote(NEEDED[i])).append(':').append(granted);
    }
    out.print(json.append("}}"));
%>
