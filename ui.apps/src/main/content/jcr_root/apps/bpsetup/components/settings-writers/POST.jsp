<%--
  The settings-writers read never writes (common/refuse-write.jspf).
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"%><% String readOnlyName = "The settings-writers read"; %><%@include file="/apps/bpsetup/components/common/refuse-write.jspf"%>
