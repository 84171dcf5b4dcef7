import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Run by deploy/image/check-image.sh with the image's own java, inside the image's root file
 * system, as the image's user: checks what the runtime and the base image must give the app beyond
 * what {@code Main help} touches. Not part of the image (the check copies it into its extracted
 * copy). Prints one "ok" line per check; the first failure exits 1. Argument: the expected user name
 * ("-" for none).
 */
public final class ImageProbe {

    public static void main(String[] args) throws Exception {
        String expectedUser = args.length > 0 ? args[0] : "-";

        check("java", System.getProperty("java.version").startsWith("17"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                        + " at " + System.getProperty("java.home"));

        String user = System.getProperty("user.name");
        check("user", expectedUser.equals("-") || expectedUser.equals(user),
                "user.name=" + user + " user.home=" + System.getProperty("user.home"));

        String encodings = "file.encoding=" + System.getProperty("file.encoding")
                + " sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding")
                + " default=" + Charset.defaultCharset();
        check("UTF-8 locale", Charset.defaultCharset().equals(StandardCharsets.UTF_8)
                && "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")), encodings);

        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        ZoneOffset offset = tokyo.getRules().getOffset(Instant.parse("2026-07-01T00:00:00Z"));
        check("time zones", offset.equals(ZoneOffset.ofHours(9)),
                "Asia/Tokyo " + offset + ", default " + ZoneId.systemDefault());

        String japanese = DateTimeFormatter.ofPattern("GGGGy年M月d日 EEEE", Locale.JAPAN)
                .format(JapaneseDate.of(2026, 7, 1));
        check("Japanese locale data", japanese.startsWith("令和8年") && japanese.endsWith("曜日"), japanese);

        String text = "加古川 河守";
        for (String name : new String[] {"Shift_JIS", "windows-31j", "EUC-JP", "ISO-2022-JP"}) {
            Charset charset = Charset.forName(name);
            check("charset " + name, new String(text.getBytes(charset), charset).equals(text), charset.name());
        }

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(text.getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        signer.initVerify(pair.getPublic());
        signer.update(text.getBytes(StandardCharsets.UTF_8));
        check("EC keys and ECDSA", signer.verify(signature), ec.getProvider().getName());
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(pair.getPrivate());
        ecdh.doPhase(pair.getPublic(), true);
        KeyAgreement x25519 = KeyAgreement.getInstance("X25519");
        KeyPair xPair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        x25519.init(xPair.getPrivate());
        x25519.doPhase(xPair.getPublic(), true);
        check("ECDH and X25519", ecdh.generateSecret().length == 32 && x25519.generateSecret().length == 32,
                ecdh.getProvider().getName());

        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        int cas = Arrays.stream(tmf.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .mapToInt(tm -> ((X509TrustManager) tm).getAcceptedIssuers().length)
                .sum();
        check("CA certificates", cas >= 100, cas + " trusted CAs in " + System.getProperty("java.home")
                + "/lib/security/cacerts");

        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, null, new SecureRandom());
        SSLEngine engine = tls.createSSLEngine();
        boolean ecdheSuite = Arrays.stream(engine.getSupportedCipherSuites())
                .anyMatch(s -> s.startsWith("TLS_ECDHE_ECDSA_WITH_AES_128_GCM"));
        check("TLS", ecdheSuite && Arrays.asList(engine.getSupportedProtocols()).contains("TLSv1.3"),
                String.join(",", engine.getSupportedProtocols()));

        Path tmp = Files.createTempDirectory("image-probe");
        Path zip = tmp.resolve("probe.zip");
        try (FileSystem zipfs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
            Files.writeString(zipfs.getPath("entry.txt"), text);
        }
        try (FileSystem zipfs = FileSystems.newFileSystem(zip)) {
            check("zip file system and a writable " + System.getProperty("java.io.tmpdir"),
                    Files.readString(zipfs.getPath("entry.txt")).equals(text), zip.toString());
        }

        InetAddress localhost = InetAddress.getByName("localhost");
        check("name service (/etc/hosts)", localhost.isLoopbackAddress(), "localhost=" + localhost.getHostAddress()
                + ", this host=" + InetAddress.getLocalHost());

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        check("platform MXBeans", os.getTotalMemorySize() > 0 && os.getAvailableProcessors() > 0,
                os.getAvailableProcessors() + " CPUs, " + os.getTotalMemorySize() / (1 << 20) + " MiB, max heap "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");

        System.out.println("ImageProbe: all checks passed");
    }

    private static void check(String what, boolean passed, String detail) {
        if (!passed) {
            System.out.println("FAILED " + what + ": " + detail);
            System.exit(1);
        }
        System.out.println("ok  " + what + ": " + detail);
    }
}
