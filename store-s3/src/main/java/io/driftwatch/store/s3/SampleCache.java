package io.driftwatch.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local copies of sample objects, read by DuckDB: {@code {dir}/{key without .parquet}.{etag}.parquet}. An object
 * is downloaded once per content (its ETag); an overwritten object (a replay) is downloaded again and the old copy
 * removed. Copies of deleted objects are removed with them ({@link #evict}, {@link #evictTree}).
 *
 * <p>Bounded: the copies take at most {@code maxBytes} on disk (option {@value #MAX_BYTES_OPTION}, default
 * {@value #DEFAULT_MAX_BYTES} bytes = 1 GiB); after each read's downloads the least recently read copies are deleted
 * until the total fits, except the copies a read in progress uses ({@link #fetch} pins them until {@link #release}).
 * A single read larger than the bound keeps its copies until it is released. Copies found in the directory at start
 * (an earlier run's) count, oldest first.
 */
final class SampleCache {
    /** Downloads at a time for one read. */
    static final int PARALLEL = 8;
    /** The option that bounds the cache, in bytes. */
    static final String MAX_BYTES_OPTION = "s3-cache-bytes";
    /** The default bound: 1 GiB. */
    static final long DEFAULT_MAX_BYTES = 1L << 30;
    private final Downloader downloader;
    private final Path dir;
    private final long maxBytes;
    /** Cached copies and their sizes, least recently read first. */
    private final LinkedHashMap<Path, Long> sizes = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Path, Integer> pins = new HashMap<>();
    private long total;

    /** Fetches one object to a local file (atomically: the file appears complete or not at all). */
    @FunctionalInterface
    interface Downloader {
        void download(String key, Path target);
    }

    SampleCache(Bucket bucket, Path dir, long maxBytes) {
        this(bucket::download, dir, maxBytes);
    }

    SampleCache(Downloader downloader, Path dir, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_OPTION + " must be positive, got " + maxBytes);
        }
        this.downloader = downloader;
        this.dir = dir;
        this.maxBytes = maxBytes;
        loadExisting();
    }

    /** The bytes the cached copies take now. */
    synchronized long bytes() {
        return total;
    }

    /**
     * The local files of {@code objects}, downloading the ones not cached yet, {@value #PARALLEL} at a time, then
     * trimming the cache to its bound. The files are pinned (never trimmed) until {@link #release}.
     *
     * @throws UncheckedIOException when a download fails (the other downloads finish first; nothing stays pinned)
     */
    List<Path> fetch(List<S3Object> objects) {
        List<Path> out = new ArrayList<>(objects.size());
        List<Callable<Void>> downloads = new ArrayList<>();
        for (S3Object o : objects) {
            Path local = local(o.key(), o.eTag());
            out.add(local);
        }
        pin(out);
        try {
            for (int i = 0; i < objects.size(); i++) {
                S3Object o = objects.get(i);
                Path local = out.get(i);
                if (!cached(local)) {
                    downloads.add(() -> {
                        removeVersions(o.key());
                        downloader.download(o.key(), local);
                        added(local);
                        return null;
                    });
                }
            }
            if (downloads.size() == 1) {
                call(downloads.getFirst());
            } else if (!downloads.isEmpty()) {
                downloadAll(downloads);
            }
        } catch (RuntimeException e) {
            release(out);
            throw e;
        }
        trim();
        return out;
    }

    /** Unpins the files of a {@link #fetch} whose read is done, and trims the cache to its bound. */
    void release(List<Path> files) {
        synchronized (this) {
            for (Path p : files) {
                pins.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1);
            }
        }
        trim();
    }

    private synchronized void pin(List<Path> files) {
        files.forEach(p -> pins.merge(p, 1, Integer::sum));
    }

    /** True when the copy exists (and marks it read now). */
    private synchronized boolean cached(Path local) {
        if (sizes.get(local) != null) {
            return true;
        }
        if (Files.isRegularFile(local)) { // written by a concurrent read's download
            track(local);
            return true;
        }
        return false;
    }

    private synchronized void added(Path local) {
        if (!sizes.containsKey(local)) {
            track(local);
        }
    }

    private void track(Path local) {
        try {
            long size = Files.size(local);
            sizes.put(local, size);
            total += size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the cached copy " + local, e);
        }
    }

    /** Deletes the least recently read unpinned copies until the total fits the bound. */
    private synchronized void trim() {
        var it = sizes.entrySet().iterator();
        while (total > maxBytes && it.hasNext()) {
            Map.Entry<Path, Long> e = it.next();
            if (pins.containsKey(e.getKey())) {
                continue;
            }
            try {
                Files.deleteIfExists(e.getKey());
            } catch (IOException ex) {
                continue; // tried again at the next trim
            }
            total -= e.getValue();
            it.remove();
        }
    }

    private synchronized void forget(Path p) throws IOException {
        Files.deleteIfExists(p);
        Long size = sizes.remove(p);
        total -= size == null ? 0 : size;
    }

    private void loadExisting() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> found = s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".parquet"))
                    .sorted(Comparator.comparing(SampleCache::modified)).toList();
            synchronized (this) {
                found.forEach(this::track);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample cache " + dir, e);
        }
        trim();
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void downloadAll(List<Callable<Void>> downloads) {
        Semaphore slots = new Semaphore(PARALLEL);
        List<Future<Void>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<Void> d : downloads) {
                running.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return d.call();
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        for (Future<Void> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while downloading samples", e);
            }
        }
    }

    private static void call(Callable<Void> c) {
        try {
            c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path local(String key, String etag) {
        String clean = etag == null ? "none" : etag.replaceAll("[^A-Za-z0-9]", "");
        String stem = key.endsWith(".parquet") ? key.substring(0, key.length() - ".parquet".length()) : key;
        return dir.resolve(stem + "." + clean + ".parquet");
    }

    /** Removes every cached copy of {@code key}. */
    private void removeVersions(String key) {
        Path probe = local(key, "x");
        Path folder = probe.getParent();
        String stem = probe.getFileName().toString();
        String prefix = stem.substring(0, stem.length() - "x.parquet".length());
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(p -> isVersion(p, prefix)).toList()) {
                forget(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the sample cache in " + folder, e);
        }
    }

    private static boolean isVersion(Path p, String prefix) {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.endsWith(".parquet")
                && n.substring(prefix.length(), n.length() - ".parquet".length()).matches("[A-Za-z0-9]+");
    }

    /** Removes the copies of deleted objects. */
    void evict(Collection<String> keys) {
        keys.forEach(this::removeVersions);
    }

    /** Removes the copies of every object under the key prefix {@code folder} (ending in {@code /}). */
    void evictTree(String folder) {
        Path root = dir.resolve(folder);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                forget(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the sample cache under " + root, e);
        }
    }
}
