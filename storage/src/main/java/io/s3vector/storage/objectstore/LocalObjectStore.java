package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} on a local folder: a key is a relative file path. Writes go to a temporary
 * file in the target's directory, are fsynced, and then appear atomically under their name — by
 * rename for {@link #put} and by a hard link for {@link #putIfAbsent}, since {@code link(2)} fails
 * when the name exists while {@code rename(2)} silently replaces it. The directory is fsynced
 * afterwards so that the new name survives a crash too.
 */
public final class LocalObjectStore implements ObjectStore {

  /** Temporary files end with this; no key does, because storage escapes '~' in names. */
  private static final String TEMP_SUFFIX = "~tmp";

  /** A put retries when a concurrent delete removed its (then empty) directory meanwhile. */
  private static final int DIRECTORY_RACE_RETRIES = 5;

  private static final long UNLISTED = Long.MIN_VALUE;

  private final Path root;

  /** Manifest versions: appended to a log rather than a file each (see {@link LocalVersionLog}). */
  private final LocalVersionLog versions;
  private final Path versionLogDir;
  /** See {@link #newestVersionFile}; {@link #UNLISTED} until the folder was listed. */
  private volatile long newestVersionFile = UNLISTED;

  public LocalObjectStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new StorageException("could not create data directory \"" + root + "\"", e);
    }
    this.versionLogDir = this.root.resolve(Layout.MANIFEST_PREFIX).resolve("log");
    this.versions = new LocalVersionLog(versionLogDir);
  }

  public Path root() {
    return root;
  }

  @Override
  public String toString() {
    return root.toString();
  }

  @Override
  public void close() {
    versions.close();
  }

  /** {@code link(2)} fails when the name exists: no probe needed. */
  @Override
  public boolean guaranteesConditionalWrites() {
    return true;
  }

  @Override
  public Optional<byte[]> get(String key) {
    long version = loggedVersion(key);
    if (version >= 0) {
      Optional<byte[]> logged = versions.get(version);
      if (logged.isPresent()) {
        return logged;
      }
    }
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    long version = loggedVersion(key);
    if (version >= 0) {
      byte[] logged = versions.getRange(version, offset, length);
      if (logged != null) {
        return logged;
      }
    }
    try (FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ)) {
      long available = Math.max(0, channel.size() - offset);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, available));
      long position = offset;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position);
        if (read < 0) {
          break;
        }
        position += read;
      }
      return buffer.position() == buffer.capacity()
          ? buffer.array()
          : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (NoSuchFileException e) {
      throw new StorageException("object \"" + key + "\" does not exist", e);
    } catch (IOException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public void put(String key, byte[] data) {
    Path target = path(key);
    long version = loggedVersion(key);
    if (version >= 0) {
      versions.append(version, data, false, () -> false);
      return;
    }
    for (int attempt = 0; ; attempt++) {
      try {
        Path temp = writeTemp(target, data);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(target.getParent());
        return;
      } catch (NoSuchFileException e) {
        if (attempt >= DIRECTORY_RACE_RETRIES) {
          throw failure("write", key, e);
        }
      } catch (IOException e) {
        throw failure("write", key, e);
      }
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    Path target = path(key);
    long version = loggedVersion(key);
    if (version >= 0) {
      // a version kept as a file of its own predates the log: newer ones are not looked for
      boolean fileMayExist = version <= newestVersionFile();
      return versions.append(version, data, true, () -> fileMayExist && Files.exists(target));
    }
    if (Files.exists(target)) {
      return false;
    }
    for (int attempt = 0; ; attempt++) {
      Path temp = null;
      try {
        temp = writeTemp(target, data);
        try {
          Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
          return false;
        }
        fsyncDirectory(target.getParent());
        return true;
      } catch (NoSuchFileException e) {
        if (attempt >= DIRECTORY_RACE_RETRIES) {
          throw failure("write", key, e);
        }
      } catch (IOException e) {
        throw failure("write", key, e);
      } finally {
        deleteQuietly(temp);
      }
    }
  }

  @Override
  public List<String> list(String prefix) {
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : path(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    if (Layout.MANIFEST_PREFIX.startsWith(prefix) || prefix.startsWith(Layout.MANIFEST_PREFIX)) {
      for (long version : versions.list()) {
        String key = Layout.manifestKey(version);
        if (key.startsWith(prefix)) {
          keys.add(key);
        }
      }
    }
    try (Stream<Path> files = Files.walk(start)) {
      files.forEach(
          file -> {
            String name = file.getFileName().toString();
            if (name.endsWith(TEMP_SUFFIX) || !Files.isRegularFile(file)
                || file.startsWith(versionLogDir)) {
              return;
            }
            String key = keyOf(file);
            if (key.startsWith(prefix)) {
              keys.add(key);
            }
          });
    } catch (IOException | UncheckedIOException e) {
      // A concurrent delete may remove a directory while it is walked: list again.
      if (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException) {
        return list(prefix);
      }
      throw new StorageException("could not list \"" + prefix + "\"", e);
    }
    return keys.stream().distinct().sorted().toList();
  }

  @Override
  public void delete(String key) {
    Path target = path(key);
    long version = loggedVersion(key);
    if (version >= 0) {
      versions.delete(List.of(version));
    }
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw failure("delete", key, e);
    }
    removeEmptyParents(target.getParent());
  }

  /** Manifest versions go with one append to the version log; other objects one by one. */
  @Override
  public void deleteAll(List<String> keys) {
    List<Long> logged = new ArrayList<>();
    for (String key : keys) {
      long version = loggedVersion(key);
      if (version >= 0) {
        logged.add(version);
        try {
          Files.deleteIfExists(path(key)); // a version from before the log
        } catch (IOException e) {
          throw failure("delete", key, e);
        }
      } else {
        delete(key);
      }
    }
    versions.delete(logged);
  }

  /** Deletes now-empty directories up to the root, so dropped segments leave no empty folders. */
  private void removeEmptyParents(Path dir) {
    while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return; // best effort
      }
      dir = dir.getParent();
    }
  }

  private Path writeTemp(Path target, byte[] data) throws IOException {
    Path dir = target.getParent();
    createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    return temp;
  }

  /** Creates missing directories, fsyncing each new one's parent so the new entry is durable. */
  private void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    fsyncDirectory(dir.getParent());
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the rename is still atomic there.
      if (!(e instanceof NoSuchFileException)) {
        return;
      }
      throw e;
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a leftover temporary file is ignored by list() and harmless
      }
    }
  }

  /**
   * The newest manifest version kept as a file of its own ({@code _manifest/v<n>.json}, as a data
   * folder written before the version log holds them), -1 when there is none. Listed once:
   * versions are only logged now, so no newer file appears, and a commit need not look for its
   * version's file (two {@code access} calls a commit, a twentieth of a one-row INSERT's time).
   */
  private long newestVersionFile() {
    long newest = newestVersionFile;
    if (newest == UNLISTED) {
      newest = -1;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(Layout.MANIFEST_PREFIX))) {
        for (Path file : files) {
          long version = loggedVersion(Layout.MANIFEST_PREFIX + file.getFileName());
          if (version > newest && Files.isRegularFile(file)) {
            newest = version;
          }
        }
      } catch (NoSuchFileException e) {
        // no manifest yet
      } catch (IOException e) {
        throw failure("list", Layout.MANIFEST_PREFIX, e);
      }
      newestVersionFile = newest;
    }
    return newest;
  }

  /** The version when the key is a manifest version's (kept in the log), else -1. */
  private static long loggedVersion(String key) {
    long version = Layout.manifestVersion(key);
    return version >= 0 && key.equals(Layout.manifestKey(version)) ? version : -1;
  }

  private Path path(String key) {
    if (key.isEmpty() || key.startsWith("/") || key.contains("\\")) {
      throw new StorageException("invalid object key \"" + key + "\"");
    }
    for (String part : key.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new StorageException("invalid object key \"" + key + "\"");
      }
    }
    return root.resolve(key);
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static StorageException failure(String action, String key, IOException e) {
    return new StorageException("could not " + action + " object \"" + key + "\": " + e, e);
  }
}
