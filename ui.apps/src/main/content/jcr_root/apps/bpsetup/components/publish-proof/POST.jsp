<%--
  Brand Portal setup: the opt-in test publish, through AEM's own replication.

  POST /apps/bpsetup/publish-proof   action=publish  agent=<id> (repeat: the tenant's agents)
    Runs alone: a test asset younger than ten minutes is a run in progress, and this one is refused
    (409 {"error":"test-running","path","message"}, nothing written); older ones an earlier run left
    are removed first. Creates a 1×1 PNG asset in /content/dam/bpsetup-publish-proof (saved as a
    workflow process saves, so no DAM workflow starts) and queues its activation to the named Brand
    Portal agents only (an AgentFilter), as Quick Publish → Publish to Brand Portal queues it. The
    caller watches the queues drain and the agent logs for the delivery.
    200 {"path","agents":[ids],"queuedAt","swept":[paths]}
    502 {"error":"replication-refused","message"}  (nothing is left: the asset is removed)
  POST … action=cleanup  path=<the test asset>  agent=<id>…
    Takes the asset's own waiting items out of those queues, queues its deactivation where it was
    delivered, deletes it, and the folder once empty (unpublished too where the asset was).
    200 {"path","removed","dequeued":[ids],"unpublishQueued":[ids],"unpublishError","folderUnpublishQueued":[ids]}
  400 {"error":"unknown-action"|"missing-agent"|"unknown-agent"|"not-a-test-asset"}
  403 {"error":"not-administrator"}
  Writes nothing outside its folder; the asset's content is fixed, never taken from the request.
--%><%@page session="false" trimDirectiveWhitespaces="true" contentType="application/json; charset=UTF-8"
    pageEncoding="UTF-8"
    import="java.io.ByteArrayInputStream,
            java.util.ArrayList,
            java.util.Base64,
            java.util.HashMap,
            java.util.HashSet,
            java.util.LinkedHashSet,
            java.util.List,
            java.util.Map,
            java.util.Set,
            javax.jcr.Session,
            org.apache.sling.api.resource.Resource,
            com.day.cq.dam.api.AssetManager,
            com.day.cq.replication.Agent,
            com.day.cq.replication.AgentFilter,
            com.day.cq.replication.AgentManager,
            com.day.cq.replication.ReplicationActionType,
            com.day.cq.replication.ReplicationException,
            com.day.cq.replication.ReplicationOptions,
            com.day.cq.replication.ReplicationQueue,
            com.day.cq.replication.Replicator"%><%@include file="/apps/bpsetup/components/common/script.jspf"%><%@include file="/apps/bpsetup/components/publish-proof/proof.jspf"%><%!

    /** A transparent 1×1 PNG: the whole test asset. */
    private static final byte[] PNG = Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    /** Brand Portal agents only: AEM names them mp_replication… (never a publish instance's agent). */
    private static final Pattern BRAND_PORTAL_AGENT = Pattern.compile("^mp_replication[A-Za-z0-9_.-]{0,200}$");

    /** Only the named agents take the replication. */
    private static final class Named implements AgentFilter {
        private final Set<String> ids;

        Named(Set<String> ids) {
            this.ids = ids;
        }

        public boolean isIncluded(Agent agent) {
            return ids.contains(agent.getId());
        }
    }

    private static ReplicationOptions to(Set<String> ids) {
        ReplicationOptions options = new ReplicationOptions();
        options.setFilter(new Named(ids));
        return options;
    }

    /** Takes the asset's own waiting items out of the agent's queue; true when there were some. */
    private static boolean dequeue(Agent agent, String path) {
        ReplicationQueue queue = agent.getQueue();
        if (queue == null) return false;
        Set<String> ids = new HashSet<String>();
        for (ReplicationQueue.Entry entry : queue.entries(path)) ids.add(entry.getId());
        if (ids.isEmpty()) return false;
        queue.clear(ids);
        return true;
    }

    /**
     * Removes one test asset: its waiting items leave the queues; where it was delivered (no longer
     * waiting) its deactivation is queued, before the delete, as AEM unpublishes before deleting.
     */
    private static String cleanup(ResourceResolver resolver, Session session, Replicator replicator, Map<String, Agent> agents,
            Set<String> ids, String path, boolean delivered) throws Exception {
        Set<String> dequeued = new LinkedHashSet<String>();
        Set<String> unpublish = new LinkedHashSet<String>();
        for (String id : ids) {
            if (dequeue(agents.get(id), path)) dequeued.add(id);
            else if (delivered) unpublish.add(id);
        }
        Resource asset = resolver.getResource(path);
        String unpublishError = null;
        if (asset != null && !unpublish.isEmpty()) {
            try {
                replicator.replicate(session, ReplicationActionType.DEACTIVATE, path, to(unpublish));
            } catch (ReplicationException e) {
                unpublishError = e.getMessage() == null ? "ReplicationException" : e.getMessage();
                unpublish.clear();
            }
        }
        if (asset != null) resolver.delete(asset);
        // The folder goes once empty; where the asset reached Brand Portal, publishing it made the
        // folder there too, and unpublishing the asset leaves it: the folder is unpublished as well.
        Set<String> folderUnpublish = new LinkedHashSet<String>();
        Resource folder = resolver.getResource(PROOF_FOLDER);
        if (folder != null && !folder.getChildren().iterator().hasNext()) {
            if (asset != null && !unpublish.isEmpty()) {
                try {
                    replicator.replicate(session, ReplicationActionType.DEACTIVATE, PROOF_FOLDER, to(unpublish));
                    folderUnpublish.addAll(unpublish);
                } catch (ReplicationException e) {
                    // Said by an empty folderUnpublishQueued: the folder may remain on Brand Portal.
                }
            }
            resolver.delete(folder);
        }
        resolver.commit();
        return "{\"path\":" + quote(path) + ",\"removed\":" + (asset != null) + ",\"dequeued\":" + quoteAll(dequeued)
            + ",\"unpublishQueued\":" + quoteAll(unpublish) + ",\"unpublishError\":" + quote(unpublishError)
            + ",\"folderUnpublishQueued\":" + quoteAll(folderUnpublish) + "}";
    }

    private static String refusal(String error, String message) {
        return "{\"error\":" + quote(error) + ",\"message\":" + quote(message) + "}";
    }
%><%
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    SlingScriptHelper sling = slingOf(request);
    ResourceResolver resolver = sling.getRequest().getResourceResolver();
    if (!isAdministrator(resolver)) {
        response.setStatus(403);
        out.print(refusal("not-administrator", "Only members of administrators may run the test publish."));
        return;
    }
    String action = request.getParameter("action");
    if (!"publish".equals(action) && !"cleanup".equals(action)) {
        response.setStatus(400);
        out.print(refusal("unknown-action", "Give action=publish or action=cleanup."));
        return;
    }
    Map<String, Agent> agents = sling.getService(AgentManager.class).getAgents();
    String[] named = request.getParameterValues("agent");
    Set<String> ids = new LinkedHashSet<String>();
    for (String id : named == null ? new String[0] : named) {
        if (!BRAND_PORTAL_AGENT.matcher(id).matches() || !agents.containsKey(id)) {
            response.setStatus(400);
            out.print("{\"error\":\"unknown-agent\",\"agent\":" + quote(id)
                + ",\"message\":\"This is not a Brand Portal replication agent on this AEM.\"}");
            return;
        }
        ids.add(id);
    }
    if (ids.isEmpty()) {
        response.setStatus(400);
        out.print(refusal("missing-agent", "Name the tenant's Brand Portal agents as agent=<id>."));
        return;
    }
    Session session = resolver.adaptTo(Session.class);
    Replicator replicator = sling.getService(Replicator.class);

    if ("cleanup".equals(action)) {
        String path = request.getParameter("path");
        if (path == null || !PROOF_ASSET.matcher(path).matches()) {
            response.setStatus(400);
            out.print(refusal("not-a-test-asset", "Only a test asset in " + PROOF_FOLDER + " can be cleaned up here."));
            return;
        }
        out.print(cleanup(resolver, session, replicator, agents, ids, path, true));
        return;
    }

    // One run at a time: a younger test asset is another run still watching its queues (this one
    // writes nothing); an older one was left by a run that ended unseen and goes first.
    long queuedAt = System.currentTimeMillis();
    List<String> swept = new ArrayList<String>();
    String running = null;
    Resource folder = resolver.getResource(PROOF_FOLDER);
    if (folder != null) for (Resource child : folder.getChildren()) {
        if (!PROOF_ASSET.matcher(child.getPath()).matches()) continue;
        if (queuedAt - stampOf(child.getPath()) < RUN_EXPIRY_MS) running = child.getPath();
        else swept.add(child.getPath());
    }
    if (running != null) {
        response.setStatus(409);
        out.print("{\"error\":\"test-running\",\"path\":" + quote(running) + ",\"message\":"
            + quote("Another test publish (" + running + ") is still running; run this one when it has ended.") + "}");
        return;
    }
    for (String old : swept) cleanup(resolver, session, replicator, agents, ids, old, true);
    if (resolver.getResource(PROOF_FOLDER) == null) {
        Map<String, Object> props = new HashMap<String, Object>();
        props.put("jcr:primaryType", "sling:OrderedFolder");
        props.put("jcr:title", "Brand Portal setup: test publish (removed after each test)");
        resolver.create(resolver.getResource(PROOF_PARENT), PROOF_FOLDER_NAME, props);
        resolver.commit();
    }
    String path = PROOF_FOLDER + "/bpsetup-test-" + queuedAt + ".png";
    // Saved as a workflow process saves: AEM's workflow launchers ignore it, so no DAM Update Asset
    // workflow starts on an asset deleted seconds later.
    session.getWorkspace().getObservationManager().setUserData("changedByWorkflowProcess");
    if (resolver.adaptTo(AssetManager.class).createAsset(path, new ByteArrayInputStream(PNG), "image/png", true) == null) {
        cleanup(resolver, session, replicator, agents, ids, path, false);
        response.setStatus(500);
        out.print(refusal("asset-not-created", "AEM did not create the test asset."));
        return;
    }
    try {
        replicator.replicate(session, ReplicationActionType.ACTIVATE, path, to(ids));
    } catch (ReplicationException e) {
        cleanup(resolver, session, replicator, agents, ids, path, false);
        response.setStatus(502);
        out.print(refusal("replication-refused", e.getMessage() == null ? "ReplicationException" : e.getMessage()));
        return;
    }
    out.print("{\"path\":" + quote(path) + ",\"agents\":" + quoteAll(ids) + ",\"queuedAt\":" + queuedAt
        + ",\"swept\":" + quoteAll(swept) + "}");
%>
