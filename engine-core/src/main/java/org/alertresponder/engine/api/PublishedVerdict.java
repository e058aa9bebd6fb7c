package org.alertresponder.engine.api;

import java.time.Instant;

/** The verdict of one published version of a report. */
public record PublishedVerdict(int version, Verdict verdict, Instant publishedAt) {
}
