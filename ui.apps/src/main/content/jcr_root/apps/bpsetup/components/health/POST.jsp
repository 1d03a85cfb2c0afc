<%--
  Check Health never writes: without this script Sling's default POST servlet would take a POST to
  the health node and store its fields.
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"%><%
    response.setStatus(405);
    response.setHeader("Allow", "GET");
    out.print("{\"error\":\"method-not-allowed\",\"message\":\"Check Health answers GET only.\"}");
%>
