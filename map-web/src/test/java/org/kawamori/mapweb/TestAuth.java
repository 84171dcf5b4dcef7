package org.kawamori.mapweb;

import java.util.Optional;

/** One bearer token of one officer, for tests of the routes that know their caller. */
final class TestAuth {

    static final String TOKEN = "officer-token-for-tests";
    static final String CALLER = "officer-tanaka";
    static final AdminAuth AUTH =
            token -> TOKEN.equals(token) ? Optional.of(new AdminAuth.Caller(CALLER)) : Optional.empty();

    private TestAuth() {}
}
