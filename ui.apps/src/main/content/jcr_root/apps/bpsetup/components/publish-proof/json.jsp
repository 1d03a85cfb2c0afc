<%--
  GET /apps/bpsetup/publish-proof.json: what the test publish left in its folder, read back after
  every cleanup.   200 {"folder","exists":true|false,"assets":[paths]}   403 {"error":"not-administrator"}
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"
    import="java.util.ArrayList,
            java.util.List,
            org.apache.sling.api.resource.Resource"%><%@include file="/apps/bpsetup/components/common/script.jspf"%><%@include file="/apps/bpsetup/components/publish-proof/proof.jspf"%><%
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    ResourceResolver resolver = slingOf(request).getRequest().getResourceResolver();
    if (!isAdministrator(resolver)) {
        response.setStatus(403);
        out.print("{\"error\":\"not-administrator\",\"message\":\"Only members of administrators may run the test publish.\"}");
        return;
    }
    Resource folder = resolver.getResource(PROOF_FOLDER);
    List<String> assets = new ArrayList<String>();
    if (folder != null) for (Resource child : folder.getChildren()) assets.add(child.getPath());
    out.print("{\"folder\":" + quote(PROOF_FOLDER) + ",\"exists\":" + (folder != null) + ",\"assets\":" + quoteAll(assets) + "}");
%>
