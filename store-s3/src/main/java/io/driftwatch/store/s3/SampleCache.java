package io.driftwatch.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
 */
final class SampleCache {
    /** Downloads at a time for one read. */
    static final int PARALLEL = 8;
    private final Bucket bucket;
    private final Path dir;

    SampleCache(Bucket bucket, Path dir) {
        this.bucket = bucket;
        this.dir = dir;
    }

    /**
     * The local files of {@code objects}, downloading the ones not cached yet, {@value #PARALLEL} at a time.
     *
     * @throws UncheckedIOException when a download fails (the other downloads finish first)
     */
    List<Path> fetch(List<S3Object> objects) {
        List<Path> out = new ArrayList<>(objects.size());
        List<Callable<Void>> downloads = new ArrayList<>();
        for (S3Object o : objects) {
            Path local = local(o.key(), o.eTag());
            if (!Files.isRegularFile(local)) {
                downloads.add(() -> {
                    removeVersions(o.key());
                    bucket.download(o.key(), local);
                    return null;
                });
            }
            out.add(local);
        }
        if (downloads.size() == 1) {
            call(downloads.getFirst());
        } else if (!downloads.isEmpty()) {
            downloadAll(downloads);
        }
        return out;
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
                Files.deleteIfExists(p);
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
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the sample cache under " + root, e);
        }
    }
}
