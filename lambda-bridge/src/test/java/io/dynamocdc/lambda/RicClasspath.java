package io.dynamocdc.lambda;

import static io.dynamocdc.lambda.RuntimeInterfaceClientIT.RIC_MAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Picks the RIC and its runtime dependencies out of the test classpath; nothing else. */
final class RicClasspath {

    /** Artifact ids as jar-name prefixes; the RIC jar first. */
    private static final Map<String, String> WANTED = new LinkedHashMap<>();

    static {
        WANTED.put("aws-lambda-java-runtime-interface-client", RIC_MAIN.replace('.', '/') + ".class");
        WANTED.put("aws-lambda-java-core", "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class");
        WANTED.put("aws-lambda-java-serialization", "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class");
        WANTED.put("utils-lite", "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class");
        WANTED.put("annotations", "software/amazon/awssdk/annotations/SdkInternalApi.class");
    }

    static List<Path> fromTestClasspath() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        List<Path> picked = new ArrayList<>();
        for (Map.Entry<String, String> wanted : WANTED.entrySet()) {
            Pattern name = Pattern.compile(Pattern.quote(wanted.getKey()) + "-\\d[^/]*\\.jar");
            List<Path> found = new ArrayList<>();
            for (Path entry : entries) {
                if (name.matcher(entry.getFileName().toString()).matches() && contains(entry, wanted.getValue())) {
                    found.add(entry);
                }
            }
            assertThat(found).as("a %s jar (holding %s) on the test classpath %s", wanted.getKey(),
                    wanted.getValue(), entries).hasSize(1);
            picked.add(found.get(0));
        }
        return List.copyOf(picked);
    }

    private static boolean contains(Path jar, String entry) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        }
    }

    /**
     * The RIC's native client for this platform, from its jar into {@code dir}. Left alone, the RIC
     * unpacks it to the fixed path /tmp/.libaws-lambda-jni.so, shared by every build on the machine.
     */
    static Path extractJniLibrary(Path ricJar, Path dir) throws IOException {
        String arch = System.getProperty("os.arch");
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the RIC has no native client for os.arch " + arch);
        };
        String libc = isMusl() ? "linux_musl" : "linux";
        String name = "jni/libaws-lambda-jni." + libc + "-" + cpu + ".so";
        Path target = dir.resolve("libaws-lambda-jni.so");
        try (ZipFile zip = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            assertThat(entry).as("%s in %s", name, ricJar).isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
        }
        return target;
    }

    private static boolean isMusl() throws IOException {
        Path lib = Path.of("/lib");
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (DirectoryStream<Path> loaders = Files.newDirectoryStream(lib, "ld-musl-*")) {
            return loaders.iterator().hasNext();
        }
    }
}
