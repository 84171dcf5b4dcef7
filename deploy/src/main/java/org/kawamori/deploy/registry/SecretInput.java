package org.kawamori.deploy.registry;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the registry command reads secrets and keys: stdin (without echo on a terminal) or a file,
 * never the command line; the bytes read are wiped once decoded.
 */
final class SecretInput {

    private final InputStream in;
    private final Optional<Console> console;

    SecretInput(InputStream in, Optional<Console> console) {
        this.in = in;
        this.console = console;
    }

    /** Reads a secret from stdin: without echo on a terminal, else the whole stream, less a trailing line break. */
    char[] fromStdin(String prompt) {
        if (console.isPresent()) {
            char[] typed = console.get().readPassword("%s", prompt);
            if (typed == null) {
                throw new Refused(1, "nothing read from the terminal");
            }
            return typed;
        }
        try {
            return chars(in.readAllBytes());
        } catch (IOException e) {
            throw new Refused(1, "cannot read stdin: " + e.getMessage());
        }
    }

    static char[] fromFile(Path file) {
        try {
            return chars(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Refused(1, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static char[] chars(byte[] bytes) {
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
        }
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
        Arrays.fill(bytes, (byte) 0);
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    /** The secret in UTF-8; the chars are wiped. */
    static byte[] bytes(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        Arrays.fill(chars, '\0');
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
