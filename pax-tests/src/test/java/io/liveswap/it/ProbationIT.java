package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.updates.ProbationDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * Probation in a real Felix with real Apache Felix Health Checks: an update whose health check goes CRITICAL is
 * reverted with its state, one whose exception rate rises is reverted with its state, one that behaves is accepted
 * when its time passes or on command, each journaled. The probation is 5 s, its signals read every 100 ms.
 */
public class ProbationIT extends PlatformTestBase {

    private static final Duration REVERT_DEADLINE = Duration.ofSeconds(20);

    @Inject
    Notebook notebook;

    @Inject
    UpdateManager updates;

    @Inject
    HealthCheckExecutor executor;

    @Override
    protected Option testOptions() {
        return CoreOptions.composite(Platform.probation(5, 100), at(UNITS, "demo-api", "demo-notebook-v1"));
    }

    @Test
    public void anUpdateWhoseHealthCheckGoesCriticalIsRevertedWithItsState() throws Exception {
        AtomicReference<Result.Status> status = new AtomicReference<>(Result.Status.OK);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, "notebook storage");
        properties.put(HealthCheck.TAGS, new String[] {"liveswap.unit.notebook"});
        context.registerService(HealthCheck.class, () -> new Result(status.get(), "storage is " + status.get()),
                properties);
        List<String> written = write("before", 50);

        UpdateRecordDTO commit = updates.apply(Platform.location("demo-notebook-v2"));
        assertEquals(commit.message, "COMMITTED", commit.kind);
        assertTrue("the commit says when its probation ends", commit.probationUntil > commit.time);
        ProbationDTO probation = onlyProbation();
        assertEquals("1.0.0", probation.from);
        assertEquals("2.0.0", probation.to);
        written.addAll(write("on 2.0.0", 10));

        status.set(Result.Status.CRITICAL);
        Await.until("the update is reverted", REVERT_DEADLINE, () -> !"INTENT".equals(last().kind)
                && !"COMMITTED".equals(last().kind));
        assertEquals("1.0.0", table.unit("notebook").version);

        UpdateRecordDTO reverted = last();
        assertEquals(reverted.message, "REVERTED", reverted.kind);
        assertEquals(Reason.PROBATION_HEALTH, reverted.reason);
        assertTrue(reverted.message, reverted.message.contains("'notebook storage' CRITICAL"));
        assertEquals("2.0.0", reverted.from);
        assertEquals("1.0.0", reverted.to);
        assertEquals("every note, carried down through the transformer", written, notebook.latest(1000));
        assertTrue(updates.probations().isEmpty());
    }

    @Test
    public void anUpdateWhoseExceptionRateRisesIsRevertedWithItsState() throws Exception {
        List<String> written = write("on 1.0.0", 30);
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2")).kind);
        assertEquals("ACCEPTED", updates.accept("notebook").kind);
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2-1")).kind);
        written.addAll(write("on 2.1.0", 30)); // 2.1.0 serves these without one exception: its baseline
        assertEquals("ACCEPTED", updates.accept("notebook").kind);

        AtomicBoolean stop = new AtomicBoolean();
        List<String> added = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String note = "during probation " + i;
                try {
                    notebook.add(note);
                    added.add(note);
                } catch (IllegalStateException flaky) {
                    refused.add(note);
                }
            }
        });
        UpdateRecordDTO commit = updates.apply(Platform.location("demo-notebook-v2-2-flaky"));
        assertEquals(commit.message, "COMMITTED", commit.kind);
        writer.start();
        try {
            Await.until("the update is reverted", REVERT_DEADLINE, () -> !"INTENT".equals(last().kind)
                    && !"COMMITTED".equals(last().kind));
        } finally {
            stop.set(true);
            writer.join();
        }

        UpdateRecordDTO reverted = last();
        assertEquals(reverted.message, "REVERTED", reverted.kind);
        assertEquals("2.1.0", table.unit("notebook").version);
        assertEquals(Reason.PROBATION_ERRORS, reverted.reason);
        assertTrue(reverted.message, reverted.message.contains("version 2.2.0 threw on"));
        assertTrue("2.2.0 refused some notes", !refused.isEmpty());
        written.addAll(added);
        List<String> latest = notebook.latest(written.size() + refused.size());
        assertEquals("every note that was added, and none that was refused", written.size(), latest.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals("#" + (i + 1) + " " + written.get(i), latest.get(i));
        }
    }

    @Test
    public void anUpdateThatBehavesIsAcceptedWhenItsTimePasses() throws Exception {
        List<String> written = write("before", 20);
        UpdateRecordDTO commit = updates.apply(Platform.location("demo-notebook-v2"));
        assertEquals("COMMITTED", commit.kind);
        written.addAll(write("on probation", 20));

        Await.until("the update is accepted", REVERT_DEADLINE, () -> "ACCEPTED".equals(last().kind));

        UpdateRecordDTO accepted = last();
        assertEquals("2.0.0", accepted.to);
        assertTrue(accepted.message, accepted.message.contains("its probation passed"));
        assertTrue("not before its time", accepted.time >= commit.probationUntil);
        assertEquals("2.0.0", table.unit("notebook").version);
        assertEquals(written, notebook.latest(1000));
        assertTrue(updates.probations().isEmpty());
    }

    @Test
    public void theOperatorAcceptsEarlyAndHealthToolingSeesEveryUnit() throws Exception {
        Shell shell = new Shell(processor);
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2")).kind);
        String status = shell.run("liveswap:status notebook");
        assertTrue(status, status.contains("version 2.0.0 until") && status.contains("reverts it to 1.0.0"));
        String listed = shell.run("liveswap:probation");
        assertTrue(listed, listed.contains("notebook") && listed.contains("2.0.0") && listed.contains("1.0.0"));

        String accepted = shell.run("liveswap:accept notebook");
        assertTrue(accepted, accepted.startsWith("ACCEPTED notebook 1.0.0 -> 2.0.0: version 2.0.0 accepted: accepted"
                + " by the operator"));
        assertEquals("ACCEPTED", last().kind);
        String again = shell.run("liveswap:accept notebook").trim();
        assertTrue(again, again.startsWith("liveswap:accept notebook: unit 'notebook' is not on probation"));
        assertEquals("no record for a refused command", "ACCEPTED", last().kind);
        assertTrue(shell.run("liveswap:status notebook").contains("none (the version is accepted)"));
        String check = shell.run("liveswap:check " + Platform.location("demo-notebook-v2-1"));
        assertTrue(check, check.matches("(?s).*\\n\\s+probation\\s+5 s after it commits; a failing health check or"
                + " exception rate then reverts it with its state.*"));

        Await.until("the platform registers its health check of the unit",
                () -> !executor.execute(HealthCheckSelector.tags("liveswap.status")).isEmpty());
        List<HealthCheckExecutionResult> own = executor.execute(HealthCheckSelector.tags("liveswap.status"));
        assertEquals(own.toString(), 1, own.size());
        assertEquals("Liveswap unit notebook", own.get(0).getHealthCheckMetadata().getName());
        assertEquals(Result.Status.OK, own.get(0).getHealthCheckResult().getStatus());
    }

    @Test
    public void aPendingUpdateIsWithdrawnAndParked() throws Exception {
        Shell shell = new Shell(processor);
        UpdateRecordDTO pending = updates.apply(Platform.location("demo-notebook-v2-1"));
        assertEquals("PENDING", pending.kind);
        String parked = shell.run("liveswap:withdraw notebook 2.1.0");
        assertTrue(parked, parked.startsWith("PARKED notebook 1.0.0 -> 2.1.0: withdrawn by the operator"));
        assertTrue(updates.pending().isEmpty());

        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2")).kind);
        assertEquals("the parked update does not follow its predecessor", "2.0.0", table.unit("notebook").version);
        String none = shell.run("liveswap:withdraw notebook 2.1.0").trim();
        assertTrue(none, none.startsWith("liveswap:withdraw notebook 2.1.0: no pending update of unit 'notebook'"
                + " brings 2.1.0: no update of unit 'notebook' is pending"));
        String current = shell.run("liveswap:withdraw notebook 2.0.0").trim();
        assertTrue(current, current.contains("liveswap:rollback notebook undoes it"));
        String notAVersion = shell.run("liveswap:withdraw notebook two").trim();
        assertTrue(notAVersion, notAVersion.contains("'two' is not a version"));
        assertEquals("explicitly applied, a parked update applies", "COMMITTED",
                updates.apply(Platform.location("demo-notebook-v2-1")).kind);
    }

    private List<String> write(String prefix, int count) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String note = prefix + " " + i;
            notebook.add(note);
            notes.add(note);
        }
        return notes;
    }

    private ProbationDTO onlyProbation() {
        List<ProbationDTO> probations = updates.probations();
        assertEquals(probations.toString(), 1, probations.size());
        return probations.get(0);
    }

    private UpdateRecordDTO last() {
        List<UpdateRecordDTO> history = updates.history("notebook");
        return history.get(history.size() - 1);
    }
}
