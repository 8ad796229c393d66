package io.liveswap.updates;

import org.osgi.dto.DTO;

import io.liveswap.api.Reason;
import io.liveswap.mediator.TrialReport;

/**
 * What a dry run of an update found ({@link UpdateManager#check}). Nothing was swapped, journaled or left installed.
 */
public class CheckDTO extends DTO {

    /** The verdict. */
    public CheckVerdict verdict;

    /**
     * The code of a refusal or abort (as {@link UpdateManager#apply} would record it), {@link Reason#GAP} when it
     * would wait, else {@link Reason#NONE}.
     */
    public Reason reason = Reason.NONE;

    /** The unit, or {@code null} when the file could not be read far enough to tell. */
    public String unit;

    /** The unit's current version, or {@code null}. */
    public String from;

    /** The version the update brings, or {@code null}. */
    public String to;

    /** The file checked. */
    public String file;

    /**
     * The signature verdict: {@code TRUSTED} (every entry signed by a trusted, valid signer),
     * {@code NOT_CHECKED} (no trust store: unsigned updates are accepted), or the refusal's code name
     * ({@code UNSIGNED}, {@code TAMPERED}, {@code UNTRUSTED}, {@code SIGNATURE_EXPIRED},
     * {@code SIGNATURE_NOT_YET_VALID}); {@code null} when the file could not be read that far.
     */
    public String signature;

    /** The order verdict in words: applies now on version X, waits for version X, or why it is refused. */
    public String order;

    /** The version it would wait for (the one it replaces), or {@code null}. */
    public String waitsFor;

    /** Whether a rollback after it could carry the state back ({@code false} also when not tried). */
    public boolean revertWithState;

    /**
     * The probation the update would begin when it commits, in seconds (its {@code Liveswap-Probation} header, or
     * the configured time); 0 for none; -1 when the file is refused before it is read that far.
     *
     * @since 1.4
     */
    public long probationSeconds = -1;

    /** The trial ({@link io.liveswap.mediator.Mediator#trial}); {@code null} when the update would not be tried. */
    public TrialReport trial;

    /**
     * The one-line verdict, {@code VERDICT [CODE] unit from -> to: summary} (the code only when there is one),
     * as {@code liveswap:check} prints it first.
     */
    public String line;
}
