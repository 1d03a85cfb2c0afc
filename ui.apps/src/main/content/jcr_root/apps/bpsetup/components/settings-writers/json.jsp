<%--
  Brand Portal setup: the access entries that decide who may write the page's settings.

  GET /apps/bpsetup/settings-writers.json
  Oak's effective access lists (AccessControlManager.getEffectivePolicies) on the settings node and
  on its endpoints node: the list of each node and of each of its ancestors, every entry as
  it stands. Oak evaluates a user's own entries before any group's, wherever they are, so a user
  granted writing on /conf beats the package's deny for everyone on /conf/bpsetup: the page applies
  address overrides only when no such entry exists (core/domain/settings-writers.ts decides).
    200 {"entries":[{"path":"<the list's node>","principal","group":true|false|null,"allow":true|false,
         "privileges":["jcr:write",…]}]}    (group: null when no user or group has that name, as everyone)
    403 {"error":"not-administrator"}       (reading access lists needs jcr:readAccessControl)
  Nothing is written (POST.jsp refuses every write).
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"
    import="java.util.LinkedHashSet,
            java.util.Set,
            javax.jcr.PathNotFoundException,
            javax.jcr.Session,
            javax.jcr.security.AccessControlEntry,
            javax.jcr.security.AccessControlPolicy,
            javax.jcr.security.Privilege,
            org.apache.jackrabbit.api.security.JackrabbitAccessControlEntry,
            org.apache.jackrabbit.api.security.JackrabbitAccessControlList"%><%@include file="/apps/bpsetup/components/common/script.jspf"%><%!

    /** The page's settings and the node its address overrides live on. */
    private static final String[] SETTINGS = { "/conf/bpsetup/settings", "/conf/bpsetup/settings/endpoints" };
%><%
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    ResourceResolver resolver = slingOf(request).getRequest().getResourceResolver();
    if (!isAdministrator(resolver)) {
        response.setStatus(403);
        out.print("{\"error\":\"not-administrator\",\"message\":\"Only members of administrators may read access lists.\"}");
        return;
    }
    Session session = resolver.adaptTo(Session.class);
    UserManager users = resolver.adaptTo(UserManager.class);
    Set<String> listed = new LinkedHashSet<String>();
    StringBuilder entries = new StringBuilder();
    for (String path : SETTINGS) {
        AccessControlPolicy[] policies;
        try {
            policies = session.getAccessControlManager().getEffectivePolicies(path);
        } catch (PathNotFoundException e) {
            continue; // no endpoints node yet: nothing to override
        }
        for (AccessControlPolicy policy : policies) {
            if (!(policy instanceof JackrabbitAccessControlList)) continue;
            JackrabbitAccessControlList list = (JackrabbitAccessControlList) policy;
            if (!listed.add(list.getPath())) continue; // an ancestor's list, already given
            for (AccessControlEntry ace : list.getAccessControlEntries()) {
                Authorizable who = users == null ? null : users.getAuthorizable(ace.getPrincipal());
                StringBuilder privileges = new StringBuilder("[");
                for (Privilege p : ace.getPrivileges()) privileges.append(privileges.length() > 1 ? "," : "").append(quote(p.getName()));
                boolean allow = !(ace instanceof JackrabbitAccessControlEntry) || ((JackrabbitAccessControlEntry) ace).isAllow();
                entries.append(entries.length() > 0 ? "," : "")
                    .append("{\"path\":").append(quote(list.getPath()))
                    .append(",\"principal\":").append(quote(ace.getPrincipal().getName()))
                    .append(",\"group\":").append(who == null ? "null" : String.valueOf(who.isGroup()))
                    .append(",\"allow\":").append(allow)
                    .append(",\"privileges\":").append(privileges.append(']'))
                    .append('}');
            }
        }
    }
    out.print("{\"entries\":[" + entries + "]}");
%>
