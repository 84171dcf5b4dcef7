package org.kawamori.ingest.broker;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The broker identity of Kawamori itself (the ingest subscriber, the simulators' operator tools). Its
 * user name starts with '$', which no device id can, and its secret is random per start.
 */
public record ServiceAccount(String username, String secret) {

    public static final String USERNAME = "$kawamori";

    public static ServiceAccount random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new ServiceAccount(USERNAME, HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + username + ", ****]";
    }
}
