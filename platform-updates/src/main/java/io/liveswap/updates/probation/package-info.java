/**
 * Probation: after an update commits, the unit is watched for a while (health checks, its exception rate) and
 * reverted with its state if it misbehaves, else accepted; a restart during probation comes back on the last
 * accepted version. Home of {@link io.liveswap.updates.probation.Probations}; the update manager acts on its
 * verdicts.
 */
package io.liveswap.updates.probation;
