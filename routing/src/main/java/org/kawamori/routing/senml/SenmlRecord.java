package org.kawamori.routing.senml;

import java.time.Instant;
import java.util.Optional;

/**
 * One resolved SenML record (RFC 8428 §4.6): base fields applied, name complete, time absolute.
 * Exactly one of the value fields is present.
 */
public record SenmlRecord(
        String name,
        Optional<String> unit,
        Instant time,
        Optional<Double> value,
        Optional<String> stringValue,
        Optional<Boolean> booleanValue,
        Optional<String> dataValue,
        Optional<Double> sum) {}
