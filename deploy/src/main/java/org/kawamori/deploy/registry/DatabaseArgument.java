package org.kawamori.deploy.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the command-line tools find the database: {@code --db-url URL} before the command, else the
 * environment variable {@value #VARIABLE}; and the words that remain (the command and its operands).
 */
record DatabaseArgument(Optional<String> url, List<String> rest) {

    static final String VARIABLE = "KAWAMORI_DB_URL";

    static DatabaseArgument of(List<String> args, Function<String, String> environment) {
        if (args.size() >= 2 && args.get(0).equals("--db-url")) {
            return new DatabaseArgument(Optional.of(args.get(1)), List.copyOf(args.subList(2, args.size())));
        }
        return new DatabaseArgument(Optional.ofNullable(environment.apply(VARIABLE)), List.copyOf(args));
    }

    /** Why the tool cannot start, if it cannot: no database, or no command. */
    Optional<String> problem() {
        if (url.isEmpty()) {
            return Optional.of("no database: give --db-url or set " + VARIABLE);
        }
        return rest.isEmpty() ? Optional.of("no command") : Optional.empty();
    }
}
