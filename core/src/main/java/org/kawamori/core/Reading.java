package org.kawamori.core;

import java.time.Instant;
import java.util.Objects;

/** One measured value of one sensor at one instant. Identity: (device, quantity, time). */
public record Reading(DeviceId device, MunicipalityCode municipality, Instant time, Quantity quantity, double value) {

    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(quantity, "quantity");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reading value must be finite");
        }
    }

    public String unit() {
        return quantity.unit();
    }
}
