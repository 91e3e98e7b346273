package io.driftwatch.engine.apps;

import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The artifacts one app logged for one window of one endpoint, as one file (issue 17): a ZIP archive of stored
 * (uncompressed) entries, named {@code {windowEnd}.{app}.zip} with {@code windowEnd} as {@code 20240301T120000.000000Z}.
 * Its first entry, {@value #TYPES}, holds each artifact's content type ({@code name TAB type} per line), then one
 * entry per artifact, named as the artifact; every entry's time is the window end (UTC), so equal artifacts make
 * equal bytes (pinned by a golden file). Any ZIP tool opens it. A window of two artifacts (3 KB + 2 KB) costs one
 * file created and one rename, where a directory per window cost 1 mkdir + 2 files + 1 rename and 2 mkdirs more
 * for a new endpoint; encoding adds ~0.3 KB and a CRC-32 per entry (~1 µs for 5 KB).
 */
final class WindowPack {
    /** The entry holding the content types, first in every pack. */
    static final String TYPES = ".content-types";
    static final String SUFFIX = ".zip";
    /** Length of a window end in {@link ArtifactStores#DIR_TIME} form: {@code 20240301T120000.000000Z}. */
    private static final int END_LENGTH = 23;

    private WindowPack() {
    }

    /** The pack's file name for the window and app of {@code key}. */
    static String fileName(Key key) {
        return ArtifactStores.DIR_TIME.format(key.windowEnd()) + "." + key.application() + SUFFIX;
    }

    /** The window end and app a pack's file name stands for; empty for any other name. */
    static Optional<Map.Entry<Instant, String>> parseName(String fileName) {
        if (fileName.length() <= END_LENGTH + 1 + SUFFIX.length() || !fileName.endsWith(SUFFIX)
                || fileName.charAt(END_LENGTH) != '.') {
            return Optional.empty();
        }
        Optional<Instant> end = windowEnd(fileName);
        String app = fileName.substring(END_LENGTH + 1, fileName.length() - SUFFIX.length());
        return end.map(e -> Map.entry(e, app));
    }

    /** The window end a name starts with ({@code 20240301T120000.000000Z…}), if it does. */
    static Optional<Instant> windowEnd(String name) {
        if (name.length() < END_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(ArtifactStores.DIR_TIME.parse(name.substring(0, END_LENGTH))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The pack of {@code artifacts} (one window, one app, distinct names, types on one line each). */
    static byte[] encode(Instant windowEnd, List<Artifact> artifacts) {
        StringBuilder types = new StringBuilder();
        int size = 512;
        for (Artifact a : artifacts) {
            types.append(a.key().name()).append('\t').append(a.contentType()).append('\n');
            size += a.content().length + 2 * a.key().name().length() + 100;
        }
        LocalDateTime time = LocalDateTime.ofInstant(windowEnd, ZoneOffset.UTC);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            entry(zip, TYPES, types.toString().getBytes(StandardCharsets.UTF_8), time);
            for (Artifact a : artifacts) {
                entry(zip, a.key().name(), a.content(), time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode artifacts", e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content, LocalDateTime time)
            throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        e.setTimeLocal(time);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The artifacts of a pack, in their order, as keys of {@code window} (its name ignored); entries without a type
     * line read as {@code application/octet-stream}.
     *
     * @throws IOException when the bytes are not a pack (a truncated or foreign file)
     */
    static List<Artifact> decode(Key window, byte[] pack) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pack), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.putIfAbsent(e.getName(), zip.readAllBytes());
            }
        }
        byte[] typeLines = entries.remove(TYPES);
        if (typeLines == null) {
            throw new IOException("not an artifact pack: no " + TYPES + " entry");
        }
        Map<String, String> types = parseTypes(new String(typeLines, StandardCharsets.UTF_8));
        List<Artifact> out = new ArrayList<>(entries.size());
        entries.forEach((name, content) -> out.add(new Artifact(new Key(window.project(), window.uid(),
                window.application(), window.windowEnd(), name), types.getOrDefault(name,
                "application/octet-stream"), content)));
        return out;
    }

    /** The {@code name TAB type} lines of a types entry or file (the first line of a name wins). */
    static Map<String, String> parseTypes(String typeLines) {
        Map<String, String> types = new java.util.HashMap<>();
        for (String line : typeLines.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                types.putIfAbsent(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return types;
    }

    /** {@code pack}'s artifacts with {@code replacing} put in: same names replaced in place, new ones appended. */
    static List<Artifact> merge(List<Artifact> pack, List<Artifact> replacing) {
        Map<String, Artifact> byName = new LinkedHashMap<>();
        pack.forEach(a -> byName.put(a.key().name(), a));
        replacing.forEach(a -> byName.put(a.key().name(), a));
        return List.copyOf(byName.values());
    }
}
