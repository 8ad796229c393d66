package io.liveswap.mediator;

import org.osgi.dto.DTO;

import io.liveswap.api.Reason;

/**
 * What a trial of an update found ({@link Mediator#trial}): whether the new version's bundle resolves and registers
 * beside the running one, whether it can serve the unit's consumers, and what happened to a copy of the running
 * version's state carried into a throwaway instance of the new version. Times are in nanoseconds.
 */
public class TrialReport extends DTO {

    /** The unit. */
    public String unit;

    /** The version running during the trial (it still runs afterwards). */
    public String fromVersion;

    /** The version the candidate brings, or {@code null} when it never registered. */
    public String toVersion;

    /** The candidate bundle: symbolic name and version. */
    public String bundle;

    /** Whether every stage passed: an update would commit unless something changes before it runs. */
    public boolean passed;

    /** The code of the first stage that failed, as an update would abort with it; {@link Reason#NONE} if passed. */
    public Reason reason = Reason.NONE;

    /** The failure's cause and remedy; {@code null} if passed. */
    public String cause;

    /** Whether the candidate bundle resolved beside the running version. */
    public boolean resolved;

    /** Whether the candidate started and registered an implementation of the unit. */
    public boolean registered;

    /** Whether the candidate implements another copy of the unit's interfaces (a new API package version). */
    public boolean interfaceChange;

    /**
     * Bundles using the unit's proxy that an interface change touches (they would reach the new version through
     * an adapter, or are named in the refusal when it cannot serve them); empty without an interface change.
     */
    public String[] consumers = new String[0];

    /** The state transformer steps from {@link #fromVersion} to {@link #toVersion}; empty: the state passes as is. */
    public String[] transformers = new String[0];

    /** Whether the running version has state to carry ({@code StatefulUnit}). */
    public boolean stateful;

    /** Whether the transformed copy of the state was imported into the throwaway instance. */
    public boolean imported;

    /** Number of values in the state imported into the throwaway instance. */
    public long stateValues;

    /** The pause the export cost the running version: gate closed, calls drained, state exported, gate open. */
    public long pauseNanos;

    /** Of {@link #pauseNanos}: from closing the gate to quiescence. */
    public long drainNanos;

    /** Transforming the exported copy and importing it into the throwaway instance (outside the pause). */
    public long transferNanos;

    /**
     * Whether the transformed state also goes back down to {@link #fromVersion} through the transformers'
     * {@code downgrade} (the trial runs it on a copy), so that a rollback could carry the state; {@code true} too
     * when no transformer is needed.
     */
    public boolean downgradable;

    /** What a rollback with state would do, or why it could not ({@link #downgradeReason}). */
    public String downgrade;

    /** Why {@link #downgradable} is false, e.g. {@link Reason#NO_DOWNWARD_TRANSFORMER}; else {@link Reason#NONE}. */
    public Reason downgradeReason = Reason.NONE;

    /** What the trial did not cover (e.g. the live instances of a multi-instance unit). */
    public String[] notes = new String[0];

    /** The whole trial, from installing the candidate to uninstalling it. */
    public long totalNanos;

    /**
     * Whether the state was carried automatically (neither version is a {@code StatefulUnit}): the running
     * version's fields copied into the candidate's inside the pause.
     */
    public boolean automatic;
}
