package org.alertresponder.engine.emission;

import org.alertresponder.engine.api.Report;

import java.time.Instant;

/**
 * What the review stage asks of the emission stage once it has published a version: deliver it.
 *
 * @param published   the version exactly as published
 * @param leasedUntil when the lease of the review timer that published it ends (see
 *                    {@link EmissionService#deliver}); null for a review that holds none
 */
public record DeliverPublication(Report published, Instant leasedUntil) {
}
