<%--
  Brand Portal setup: Check Health that runs on every AEM 6.5 author.

  GET /apps/bpsetup/health.json?name=<IMS configuration name>
  Finds the access-token provider whose service property `name` equals the parameter (exact match,
  as AEM's own code selects it), asks it for a token and answers JSON:
    200 {"name","healthy":true,"durationMs"}
    200 {"name","healthy":false,"status","error","errorDescription","message","durationMs"}
    400 {"error":"missing-name"}      403 {"error":"not-administrator"}
    404 {"error":"unknown-configuration"}
  The token itself is never returned, logged or stored; the provider's failure text is returned
  with anything shaped like a token masked. It writes nothing: POST.jsp refuses every write.

  No taglib: `sling` comes from the request's SlingBindings (common/script.jspf).
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"
    import="java.util.regex.Matcher,
            java.util.regex.Pattern,
            com.adobe.granite.auth.oauth.AccessTokenProvider"%><%@include file="/apps/bpsetup/components/common/script.jspf"%><%!
    /** Tokens, JWTs and secrets a provider's failure text might carry: masked before it leaves AEM. */
    private static final Pattern SECRETS = Pattern.compile(
        "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"
        + "|(\"?(?:access_token|refresh_token|client_secret|jwt_token)\"?\\s*[:=]\\s*\"?)[^\"&\\s,}]+"
        + "|(Bearer\\s+)[A-Za-z0-9._~+/=-]+"
        + "|p8e-[A-Za-z0-9_-]+");

    private static String mask(String text) {
        if (text == null) return "";
        Matcher m = SECRETS.matcher(text);
        StringBuffer out = new StringBuffer();
        while (m.find()) {
            String keep = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(keep + "[masked]"));
        }
        m.appendTail(out);
        return out.length() > 4000 ? out.substring(0, 4000) : out.toString();
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern STATUS = Pattern.compile("status:\\s*(\\d{3})");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{1,100})\"");
    private static final Pattern DESCRIPTION = Pattern.compile("\"error_description\"\\s*:\\s*\"([^\"]{0,500})\"");

%><%
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    SlingScriptHelper sling = slingOf(request);
    ResourceResolver resolver = sling.getRequest().getResourceResolver();

    if (!isAdministrator(resolver)) {
        response.setStatus(403);
        out.print("{\"error\":\"not-administrator\",\"message\":\"Only members of administrators may run Check Health.\"}");
        return;
    }
    String name = request.getParameter("name");
    if (name == null || name.trim().isEmpty()) {
        response.setStatus(400);
        out.print("{\"error\":\"missing-name\",\"message\":\"Give the IMS configuration's name as ?name=.\"}");
        return;
    }
    name = name.trim();
    AccessTokenProvider[] found = sling.getServices(AccessTokenProvider.class, "(name=" + filterValue(name) + ")");
    if (found == null || found.length == 0) {
        response.setStatus(404);
        out.print("{\"error\":\"unknown-configuration\",\"name\":" + quote(name)
            + ",\"message\":\"No active access-token provider has this name on this AEM.\"}");
        return;
    }

    long started = System.nanoTime();
    String token = null;
    String failure = null;
    try {
        token = found[0].getAccessToken(resolver, resolver.getUserID(), null);
        if (token == null || token.isEmpty()) failure = "The provider answered no access token.";
    } catch (Exception e) {
        failure = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }
    long durationMs = (System.nanoTime() - started) / 1000000L;
    token = null; // never kept, never shown

    StringBuilder json = new StringBuilder("{\"name\":").append(quote(name));
    if (failure == null) {
        json.append(",\"healthy\":true");
    } else {
        String masked = mask(failure);
        String status = first(STATUS, masked);
        json.append(",\"healthy\":false")
            .append(",\"status\":").append(status == null ? "null" : status)
            .append(",\"error\":").append(quote(first(ERROR, masked)))
            .append(",\"errorDescription\":").append(quote(first(DESCRIPTION, masked)))
            .append(",\"message\":").append(quote(masked));
    }
    json.append(",\"durationMs\":").append(durationMs).append('}');
    out.print(json);
%>
