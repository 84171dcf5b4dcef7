package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The configuration reference (deploy/CONFIGURATION.md) names every variable the code reads. */
class ConfigurationReferenceTest {

    private static final Pattern NAME = Pattern.compile("KAWAMORI_[A-Z0-9_]*[A-Z0-9]");
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEnvironmentVariableInTheMainCodeIsInTheConfigurationReference() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            for (Path file :
                    files.filter(ConfigurationReferenceTest::isMainSource).toList()) {
                Matcher m = NAME.matcher(Files.readString(file));
                while (m.find()) {
                    inCode.add(m.group());
                }
            }
        }
        String reference = Files.readString(REPOSITORY.resolve("deploy/CONFIGURATION.md"));

        assertThat(inCode).as("variables found in the code").contains("KAWAMORI_DB_URL", "KAWAMORI_MQTT_PASSWORD");
        assertThat(inCode)
                .as("variables the reference does not name in backticks")
                .allSatisfy(name -> assertThat(reference).contains("`" + name + "`"));
    }

    private static boolean isMainSource(Path file) {
        String path = REPOSITORY.relativize(file).toString().replace('\\', '/');
        return (path.endsWith(".java") || path.endsWith(".xml"))
                && path.contains("/src/main/")
                && !path.contains("/target/")
                && !path.startsWith("bench/"); // the store benchmark has its own --help
    }
}
