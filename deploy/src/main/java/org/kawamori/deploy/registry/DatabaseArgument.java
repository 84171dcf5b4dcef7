package org.kawamori.deploy.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.DatabaseCredentials;

/**
 * Where the command-line tools find the database: {@code --db-url URL} before the command, else the
 * environment variable {@value #VARIABLE}, with the user and password of serve's environment merged
 * in where the URL has none; and the words that remain (the command and its operands).
 */
record DatabaseArgument(Optional<String> url, List<String> rest) {

    static final String VARIABLE = "KAWAMORI_DB_URL";

    static DatabaseArgument of(List<String> args, Function<String, String> environment) {
        if (args.size() >= 2 && args.get(0).equals("--db-url")) {
            return new DatabaseArgument(
                    Optional.of(args.get(1)).map(url -> withCredentials(url, environment)),
                    List.copyOf(args.subList(2, args.size())));
        }
        return new DatabaseArgument(
                Optional.ofNullable(environment.apply(VARIABLE)).map(url -> withCredentials(url, environment)),
                List.copyOf(args));
    }

    /** The user and password of the deployment (KAWAMORI_DB_USER, KAWAMORI_DB_PASSWORD[_FILE]) where the URL has none. */
    private static String withCredentials(String url, Function<String, String> environment) {
        return DatabaseCredentials.merged(url, AppSettings.reading(environment));
    }

    /** Why the tool cannot start, if it cannot: no database, or no command. */
    Optional<String> problem() {
        if (url.isEmpty()) {
            return Optional.of("no database: give --db-url or set " + VARIABLE);
        }
        return rest.isEmpty() ? Optional.of("no command") : Optional.empty();
    }
}
