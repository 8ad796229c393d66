package io.liveswap.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.TranslationTable;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The Liveswap page of the Felix Web Console ({@code /system/console/liveswap}): units, pending updates, the journal
 * as a timeline, recent pauses per unit, per-unit details; forms to apply or check an uploaded update bundle and to
 * roll a unit back. The Web Console signs the user in (its admin user) before any request reaches this servlet.
 *
 * <p><b>Protocol.</b> A GET renders the page. An action is a POST with the form field {@code action} naming a row of
 * {@link ConsoleActions} and the session's {@link CsrfToken}; without the token it is refused with 403 and nothing
 * runs. The action's one-line result is kept in the session and the browser is redirected (303) to the page, which
 * shows it once (a reload repeats nothing).
 *
 * <p><b>Threading.</b> Requests run on the HTTP service's threads; actions block while the {@code UpdateManager}
 * applies, checks or rolls back (it runs one update at a time).
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=" + LiveswapPlugin.LABEL,
        ServletConstants.PLUGIN_TITLE + "=Liveswap",
        ServletConstants.PLUGIN_CATEGORY + "=Liveswap"})
@Designate(ocd = WebConsoleConfig.class)
public final class LiveswapPlugin extends AbstractServlet {

    static final String LABEL = "liveswap";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveswapPlugin.class);
    private static final String RESULT = LiveswapPlugin.class.getName() + ".result";

    private final transient TranslationTable table;
    private final transient UpdateManager updates;
    private final transient ConsoleActions actions;
    private final transient WebConsoleConfig config;

    @Activate
    public LiveswapPlugin(@Reference TranslationTable table, @Reference UpdateManager updates,
            WebConsoleConfig config) {
        this.table = table;
        this.updates = updates;
        this.config = config;
        this.actions = new ConsoleActions(updates, table);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String token = CsrfToken.of(request);
        ActionResult result = takeResult(request);
        List<UpdateRecordDTO> history = updates.history(null);
        PrintWriter out = response.getWriter();
        out.println("<style>" + STYLE + "</style><div id=\"liveswap\">");
        if (result != null) {
            out.println("<div id=\"liveswap-result\" class=\"" + (result.ok() ? "ok" : "problem") + "\">"
                    + Html.text(result.message()) + (result.detail().isEmpty() ? ""
                            : "<pre>" + Html.text(result.detail()) + "</pre>") + "</div>");
        }
        uploadForm(out, token, actions.buttons(ConsoleActions.Target.JAR));
        UnitsSection.write(out, table.units(), pauses(history), updates.probations().stream().collect(
                java.util.stream.Collectors.toMap(p -> p.unit, p -> p)), token,
                actions.buttons(ConsoleActions.Target.UNIT));
        JournalSection.pending(out, updates.pending());
        JournalSection.timeline(out, history, config.journalEntries());
        out.println("</div>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!CsrfToken.matches(request)) {
            LOG.warn("Web console: refused a POST from {} without this session's form token", request.getRemoteAddr());
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Refused: the request carries no valid form token"
                    + " (CSRF protection); reload the Liveswap page and use its buttons.");
            return;
        }
        String name = request.getParameter("action");
        ConsoleActions.Action action = actions.get(name);
        if (action == null) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "Unknown action '" + name + "': use one of "
                    + actions.names() + ".");
            return;
        }
        ActionResult result;
        try {
            result = action.run(input(request));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Web console: {} failed", name, e);
            result = ActionResult.problem(name + " failed: " + e + "; the running versions keep serving. See the"
                    + " log for the cause.");
        }
        LOG.info("Web console: {} by {}: {}", name, request.getRemoteUser(), result.message());
        request.getSession(true).setAttribute(RESULT, result);
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", root != null ? root.toString() : request.getRequestURI());
    }

    private ActionInput input(HttpServletRequest request) {
        return new ActionInput() {
            @Override
            public String unit() {
                String unit = request.getParameter("unit");
                return unit == null ? null : unit.trim();
            }

            @Override
            public UploadedJar upload() throws IOException {
                Part part = part(request, "jar");
                try (InputStream content = part == null || part.getSubmittedFileName() == null
                        || part.getSubmittedFileName().isEmpty() ? null : part.getInputStream()) {
                    return UploadedJar.save(part == null ? null : part.getSubmittedFileName(), content,
                            Path.of(config.uploadFolder()));
                }
            }
        };
    }

    private static Part part(HttpServletRequest request, String name) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        try {
            return request.getPart(name);
        } catch (ServletException | IllegalStateException notMultipart) {
            return null;
        }
    }

    private static ActionResult takeResult(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object result = session.getAttribute(RESULT);
        session.removeAttribute(RESULT);
        return result instanceof ActionResult r ? r : null;
    }

    /** Per unit, the newest records that measured a pause (committed updates, rollbacks), oldest first. */
    private Map<String, List<UpdateRecordDTO>> pauses(List<UpdateRecordDTO> history) {
        Map<String, List<UpdateRecordDTO>> byUnit = new LinkedHashMap<>();
        for (UpdateRecordDTO r : history) {
            if (r.unit != null && r.pauseMicros >= 0) {
                List<UpdateRecordDTO> list = byUnit.computeIfAbsent(r.unit, u -> new ArrayList<>());
                list.add(r);
                if (list.size() > config.chartSwaps()) {
                    list.remove(0);
                }
            }
        }
        return byUnit;
    }

    private static void uploadForm(PrintWriter out, String token, List<ConsoleActions.Row> buttons) {
        out.print("<h2>Apply or check an update bundle</h2><form method=\"post\" enctype=\"multipart/form-data\""
                + " id=\"liveswap-upload\"><input type=\"hidden\" name=\"" + CsrfToken.PARAMETER + "\" value=\""
                + Html.text(token) + "\"><input type=\"file\" name=\"jar\" id=\"liveswap-jar\" accept=\".jar\"> ");
        for (ConsoleActions.Row row : buttons) {
            out.print("<button type=\"submit\" class=\"ui-button\" name=\"action\" value=\"" + Html.text(row.name())
                    + "\" id=\"liveswap-" + Html.text(row.name()) + "\">" + Html.text(row.button()) + "</button> ");
        }
        out.println("</form>");
    }

    private static void refuse(HttpServletResponse response, int status, String line) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final String STYLE = "#liveswap h2{margin:1em 0 .4em;font-size:1.2em;font-weight:bold}"
            + "#liveswap-result{padding:.5em;margin:.5em 0;border:1px solid}"
            + "#liveswap-result.ok{background:#e8f5e9;border-color:#66bb6a}"
            + "#liveswap-result.problem{background:#fdecea;border-color:#e57373}"
            + ".liveswap-unit-actions{margin:0}.liveswap-timeline{list-style:none;padding-left:0}"
            + ".liveswap-timeline li{border-left:3px solid #999;padding:.2em .6em;margin:.2em 0}"
            + ".liveswap-timeline li.kind-COMMITTED{border-color:#3a7bd5}"
            + ".liveswap-timeline li.kind-ROLLED_BACK{border-color:#c77c1e}"
            + ".liveswap-timeline li.kind-ABORTED,.liveswap-timeline li.kind-REFUSED{border-color:#d32f2f}"
            + ".liveswap-timeline .kind{font-weight:bold}.liveswap-timeline .message{color:#555}"
            + "details.liveswap-unit{margin:.4em 0}";
}
