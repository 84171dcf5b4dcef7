package org.kawamori.deploy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Fresh databases for one benchmark run on the server a JDBC URL names, dropped afterwards. */
final class BenchDatabases {

    private BenchDatabases() {}

    /** Creates {@code <prefix>_<hex>} and returns its URL (same server, user and parameters). */
    static String fresh(String serverUrl, String prefix) {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(serverUrl);
                Statement s = c.createStatement()) {
            s.execute("create database " + name); // a name we made, not input
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a database on " + serverUrl + ": " + e.getMessage(), e);
        }
        return withDatabase(serverUrl, name);
    }

    static void drop(String url) {
        String name = url.replaceAll("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
        try (Connection c = DriverManager.getConnection(withDatabase(url, "postgres"));
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (Exception e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    private static String withDatabase(String url, String name) {
        return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }
}
