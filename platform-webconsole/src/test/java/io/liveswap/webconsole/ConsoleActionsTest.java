package io.liveswap.webconsole;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

public class ConsoleActionsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> calls = new ArrayList<>();
    private final ConsoleActions actions = new ConsoleActions(new RecordingUpdates(), new OneUnitTable());

    @Test
    public void theTableHoldsApplyCheckAndRollback() {
        assertEquals(List.of("check", "apply", "rollback", "accept", "withdraw"), actions.names());
        assertEquals(List.of("check", "apply"), names(actions.buttons(ConsoleActions.Target.JAR)));
        assertEquals(List.of("rollback", "accept", "withdraw"), names(actions.buttons(ConsoleActions.Target.UNIT)));
        assertNull(actions.get("format-disk"));
        assertNull(actions.get(null));
    }

    @Test
    public void rollbackOfAKnownUnitGoesThroughTheUpdateManager() throws IOException {
        ActionResult result = actions.get("rollback").run(input(" notebook ".trim(), null));
        assertEquals(List.of("rollback notebook"), calls);
        assertTrue(result.ok());
        assertEquals("ROLLED_BACK notebook 2.0.0 -> 1.0.0: rolled back", result.message());
    }

    @Test
    public void rollbackOfAnUnknownUnitNamesTheKnownOnesAndCallsNothing() throws IOException {
        ActionResult result = actions.get("rollback").run(input("nope", null));
        assertFalse(result.ok());
        assertEquals("rollback: there is no unit 'nope'; choose one of: notebook.", result.message());
        assertEquals(List.of(), calls);
        assertFalse(actions.get("rollback").run(input(null, null)).ok());
        assertEquals(List.of(), calls);
    }

    @Test
    public void aRejectedUploadIsNeitherAppliedNorChecked() throws IOException {
        byte[] text = "not a jar".getBytes();
        ActionResult apply = actions.get("apply").run(input(null, UploadedJar.save("x.txt",
                new ByteArrayInputStream(text), temp.getRoot().toPath())));
        ActionResult check = actions.get("check").run(input(null, UploadedJar.save(null, null,
                temp.getRoot().toPath())));
        assertFalse(apply.ok());
        assertFalse(check.ok());
        assertEquals(List.of(), calls);
    }

    @Test
    public void aRefusalIsShownWithItsCode() {
        UpdateRecordDTO refused = new UpdateRecordDTO();
        refused.kind = "REFUSED";
        refused.reason = Reason.UNSIGNED;
        refused.unit = "notebook";
        refused.to = "2.0.0";
        refused.message = "not signed; sign it";
        ActionResult result = ConsoleActions.record(refused);
        assertFalse(result.ok());
        assertEquals("REFUSED [UNSIGNED] notebook 2.0.0: not signed; sign it", result.message());
    }

    @Test
    public void aCheckShowsItsVerdictAndFindings() {
        CheckDTO check = new CheckDTO();
        check.verdict = CheckVerdict.WOULD_ABORT;
        check.line = "WOULD_ABORT [IMPORT_FAILED] notebook 2.1.0 -> 3.0.0: import throws";
        check.signature = "NOT_CHECKED";
        check.order = "applies now on 2.1.0";
        ActionResult result = ConsoleActions.check(check);
        assertFalse(result.ok());
        assertEquals(check.line, result.message());
        assertTrue(result.detail(), result.detail().contains("signature: NOT_CHECKED\norder: applies now on 2.1.0"));
        check.verdict = CheckVerdict.WOULD_APPLY;
        assertTrue(ConsoleActions.check(check).ok());
    }

    @Test
    public void aRefusedAcceptIsOneLineAndAWithdrawalWithNothingPendingCallsNothing() throws IOException {
        ActionResult accepted = actions.get("accept").run(input("notebook", null));
        assertFalse(accepted.ok());
        assertEquals("unit 'notebook' is not on probation", accepted.message());
        ActionResult withdrawn = actions.get("withdraw").run(input("notebook", null));
        assertFalse(withdrawn.ok());
        assertEquals("no update of unit 'notebook' is pending; nothing to withdraw", withdrawn.message());
        assertEquals(List.of("accept notebook"), calls);
    }

    private static List<String> names(List<ConsoleActions.Row> rows) {
        return rows.stream().map(ConsoleActions.Row::name).toList();
    }

    private static ActionInput input(String unit, UploadedJar upload) {
        return new ActionInput() {
            @Override
            public String unit() {
                return unit;
            }

            @Override
            public UploadedJar upload() {
                return upload;
            }
        };
    }

    private final class RecordingUpdates implements UpdateManager {
        @Override
        public UpdateRecordDTO apply(String file) {
            calls.add("apply " + file);
            return new UpdateRecordDTO();
        }

        @Override
        public UpdateRecordDTO offer(String file) {
            throw new AssertionError();
        }

        @Override
        public UpdateRecordDTO refuse(String file, Reason reason, String message) {
            throw new AssertionError();
        }

        @Override
        public UpdateRecordDTO rollback(String unit) {
            calls.add("rollback " + unit);
            UpdateRecordDTO record = new UpdateRecordDTO();
            record.kind = "ROLLED_BACK";
            record.unit = unit;
            record.from = "2.0.0";
            record.to = "1.0.0";
            record.message = "rolled back";
            return record;
        }

        @Override
        public List<UpdateRecordDTO> history(String unit) {
            return List.of();
        }

        @Override
        public List<UpdateRecordDTO> pending() {
            return List.of();
        }

        @Override
        public UpdateRecordDTO withdraw(String file) {
            throw new AssertionError();
        }

        @Override
        public CheckDTO check(String file) {
            calls.add("check " + file);
            return new CheckDTO();
        }

        @Override
        public UpdateRecordDTO accept(String unit) {
            calls.add("accept " + unit);
            throw new IllegalArgumentException("unit '" + unit + "' is not on probation");
        }

        @Override
        public List<io.liveswap.updates.ProbationDTO> probations() {
            return List.of();
        }

        @Override
        public UpdateRecordDTO withdraw(String unit, String version) {
            throw new AssertionError("nothing is pending");
        }
    }

    private static final class OneUnitTable implements TranslationTable {
        @Override
        public List<UnitDTO> units() {
            UnitDTO unit = new UnitDTO();
            unit.name = "notebook";
            return List.of(unit);
        }

        @Override
        public UnitDTO unit(String unit) {
            throw new AssertionError();
        }

        @Override
        public UnitDTO repoint(String unit, ServiceReference<?> implementation) {
            throw new AssertionError();
        }
    }
}
