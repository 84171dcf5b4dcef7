package org.kawamori.bench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The benchmark commands. {@code java -jar bench/target/kawamori-bench.jar store [options]}; {@code
 * help} lists the options.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println(StoreOptions.USAGE);
            return 0;
        }
        if (!args[0].equals("store")) {
            err.println("unknown command: " + args[0]);
            err.println(StoreOptions.USAGE);
            return 2;
        }
        StoreOptions options;
        try {
            options = StoreOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(StoreOptions.USAGE);
            return 2;
        }
        StoreBenchmark.Result result = new StoreBenchmark(options, out).run();
        return result.writerReachesTarget() ? 0 : 1;
    }
}
