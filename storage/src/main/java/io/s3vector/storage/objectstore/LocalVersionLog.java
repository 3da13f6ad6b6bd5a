package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The manifest versions of a folder store, appended to log files ({@code _manifest/log/<n>.log},
 * numbered in order) instead of one file each: a commit then costs one append and one {@code
 * fdatasync} (about 0.3 ms here) instead of creating, fsyncing and linking a file and fsyncing its
 * directory (about 1.3 ms, and several times that while other files are being written, since a new
 * file waits for the file system's journal). {@link LocalObjectStore} presents the versions as the
 * usual keys {@code _manifest/v<n>.json}, so everything above it — and a copy to S3 — sees objects.
 *
 * <p>Record: magic, version (int64), length (int32; -1 marks the version deleted), CRC-32C of the
 * bytes, the bytes; little-endian. Writers of several processes (and several stores of one JVM)
 * append under a lock file; readers parse what was appended since they last looked. A record cut
 * short by a crash is never acknowledged (its {@code fdatasync} did not return): the next writer,
 * holding the lock, overwrites it, and every append ends with a header of zeros. A log file
 * whose versions are all deleted is deleted.
 */
final class LocalVersionLog {

  private static final int MAGIC = 0x52563353; // "S3VR"
  private static final int HEADER = 4 + 8 + 4 + 4;
  /** Records up to this size are written with their header in one call. */
  private static final int ONE_WRITE_BYTES = 64 << 10;
  /** A new log file is started past this size, so deleted versions' files can go. */
  private static final long ROTATE_BYTES = 4L << 20;
  /**
   * A new log file is written full of zeros first (and synced once), as PostgreSQL does with its
   * WAL segments: a record then overwrites blocks that exist, and its {@code fdatasync} flushes
   * data only, where an append that grows the file also waits for the file system's journal
   * (0.38 ms against 0.2 ms a commit here). Zeros read as the end of the log.
   */
  private static final int PREALLOCATED_BYTES = (int) ROTATE_BYTES + (256 << 10);
  /**
   * What a new log file is filled from, shared: allocating 1 MB at every new file (several a
   * second under a stream of merges) was a "humongous" object that started a collection of the
   * whole heap each time.
   */
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 << 10).asReadOnlyBuffer();
  /** One lock per log folder and JVM: a file lock is per process, not per channel. */
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private record Location(Path file, long offset, int length) {}

  private final Path dir;
  private final ReentrantLock lock;
  private final NavigableMap<Long, Location> versions = new TreeMap<>();
  /**
   * Per log file: how far it has been parsed. Sorted (names are zero-padded numbers), so the
   * newest is the last key: every append asks, and a scan of the retained files (hundreds under
   * a stream of small commits) was a tenth of the committer's time.
   */
  private final TreeMap<Path, Long> parsed = new TreeMap<>();
  /** Opened at the first write and kept: the lock file, and the file appended to. */
  private FileChannel lockFile;
  private FileChannel tailChannel;
  private Path tailFile;

  LocalVersionLog(Path dir) {
    this.dir = dir;
    this.lock = JVM_LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new ReentrantLock());
  }

  static boolean isLogFile(Path file) {
    return file.getFileName().toString().endsWith(".log");
  }

  /**
   * A whole version, as the log holds it now (a version another store deleted is gone). What was
   * appended since the last look is read first ({@link #refreshTail}, deletions included):
   * readers probe the version after the newest they know at every look, and it is usually
   * absent; listing the folder for each probe (hundreds of retained files under a stream of small
   * commits) was a sixth of the merger's time. Only a miss below the newest version known looks
   * at the whole folder.
   */
  synchronized Optional<byte[]> get(long version) {
    refreshTail(); // new records, deletions among them
    Location at = versions.get(version);
    if (at != null) {
      try {
        return Optional.of(read(at, 0, at.length()));
      } catch (StorageException e) {
        // its file was deleted meanwhile (every version in it pruned): look again
      }
    } else if (versions.isEmpty() || version > versions.lastKey()) {
      return Optional.empty();
    }
    at = relocate(version);
    return at == null ? Optional.empty() : Optional.of(read(at, 0, at.length()));
  }

  /**
   * {@code length} bytes from {@code offset} of a version; null when it does not exist. What
   * reads here are the inline objects of the versions a catalog names, which pruning keeps; a
   * version seen once is not looked up again ({@link #locate}).
   */
  synchronized byte[] getRange(long version, long offset, int length) {
    for (int attempt = 0; ; attempt++) {
      Location at = attempt == 0 ? locate(version) : relocate(version);
      if (at == null) {
        return null;
      }
      int from = (int) Math.min(offset, at.length());
      try {
        return read(at, from, (int) Math.min(length, at.length() - (long) from));
      } catch (StorageException e) {
        if (attempt > 0) {
          throw e;
        }
        // its file was deleted meanwhile (every version in it pruned): look again
      }
    }
  }

  synchronized List<Long> list() {
    refresh();
    return new ArrayList<>(versions.keySet());
  }

  /** Appends the version unless it exists (in the log or as {@code existsElsewhere}). */
  synchronized boolean append(long version, byte[] data, boolean ifAbsent,
      java.util.function.BooleanSupplier existsElsewhere) {
    return locked(() -> {
      refreshTail();
      if (ifAbsent && (versions.containsKey(version) || existsElsewhere.getAsBoolean())) {
        return false;
      }
      write(version, data);
      return true;
    });
  }

  /**
   * Marks the versions deleted: one append of their deletion records, one {@code fdatasync}
   * (pruning deletes versions in bulk; a record and a sync each cost as much as a commit).
   */
  synchronized void delete(java.util.Collection<Long> deleted) {
    locked(() -> {
      refreshTail();
      List<Long> present = new ArrayList<>();
      for (long version : deleted) {
        if (versions.containsKey(version)) {
          present.add(version);
        }
      }
      if (!present.isEmpty()) {
        writeDeletions(present);
        deleteEmptyFiles();
      }
      return true;
    });
  }

  /**
   * Where a version is. One already seen is not looked up again: an appended record never
   * changes, and its deletion (pruning, of old versions only) is noticed at the next miss, listing,
   * whole read or failed read. The inline objects of recent versions are read this way at every
   * commit, and listing the folder for each read cost more than the read.
   */
  private Location locate(long version) {
    Location known = versions.get(version);
    return known != null ? known : relocate(version);
  }

  /** Where a version is, after reading what others appended (a deletion among it). */
  private Location relocate(long version) {
    refresh();
    return versions.get(version);
  }

  private byte[] read(Location at, int from, int length) {
    try (FileChannel channel = FileChannel.open(at.file(), StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      if (readFully(channel, buffer, at.offset() + from) < length) {
        throw new StorageException("manifest log " + at.file() + " is cut short");
      }
      return buffer.array();
    } catch (IOException e) {
      throw new StorageException("could not read manifest log " + at.file() + ": " + e, e);
    }
  }

  private boolean locked(java.util.function.BooleanSupplier action) {
    lock.lock();
    try {
      if (lockFile == null) {
        Files.createDirectories(dir);
        lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
      }
      // tried first without blocking: a blocking lock taken on a virtual thread wakes a second
      // carrier thread to stand in for it, at every commit, though the lock is nearly always free
      FileLock free = lockFile.tryLock();
      try (FileLock held = free != null ? free : lockFile.lock()) {
        return action.getAsBoolean();
      }
    } catch (IOException e) {
      throw new StorageException("could not write manifest log in " + dir + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Parses what was appended (by anyone) since the last look; drops files deleted meanwhile.
   * Only the newest file known before and files new since can have grown: records are appended
   * to the newest file alone.
   */
  private void refresh() {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> listing = Files.list(dir)) {
        listing.filter(LocalVersionLog::isLogFile).sorted().forEach(files::add);
      } catch (NoSuchFileException e) {
        // nothing logged yet
      } catch (IOException e) {
        throw new StorageException("could not list manifest log " + dir + ": " + e, e);
      }
    }
    Path newest = newestParsed();
    if (parsed.keySet().retainAll(new java.util.HashSet<>(files))) {
      versions.values().removeIf(at -> !parsed.containsKey(at.file()));
    }
    for (Path file : files) {
      if (newest == null || file.compareTo(newest) >= 0 || !parsed.containsKey(file)) {
        parse(file);
      }
    }
  }

  /**
   * What a writer must know before it appends, under the lock: the records appended to the newest
   * file since the last look and the files started after it, found by their numbers (a writer
   * starts file n + 1 after n, once n is past {@link #ROTATE_BYTES}: before that, no file is
   * looked for) without listing the folder. A file deleted meanwhile (every
   * version in it pruned) is noticed by the next full {@link #refresh}.
   */
  private void refreshTail() {
    Path newest = newestParsed();
    if (newest == null) {
      refresh();
      return;
    }
    parse(newest);
    if (hasRoom(newest)) {
      return; // a writer starts the next file only once this one is full (tail())
    }
    for (long number = fileNumber(newest) + 1; ; number++) {
      Path next = logFile(number);
      if (!Files.exists(next)) {
        return;
      }
      parse(next);
    }
  }

  /**
   * Whether records are still appended to {@code file}: below {@link #ROTATE_BYTES} as far as it
   * was parsed. False for a file not parsed (deleted meanwhile by a writer that moved past it).
   */
  private boolean hasRoom(Path file) {
    Long end = parsed.get(file);
    return end != null && end < ROTATE_BYTES;
  }

  private Path newestParsed() {
    return parsed.isEmpty() ? null : parsed.lastKey();
  }

  private static long fileNumber(Path file) {
    return Long.parseLong(file.getFileName().toString().replace(".log", ""));
  }

  private Path logFile(long number) {
    return dir.resolve(io.s3vector.storage.layout.Layout.zeroPadded(number, 16) + ".log");
  }

  private void parse(Path file) {
    if (file.equals(tailFile)) {
      parse(file, tailChannel); // the file this log writes: read through its open channel
      return;
    }
    long from = parsed.getOrDefault(file, 0L);
    try {
      if (Files.size(file) < from + HEADER) {
        parsed.putIfAbsent(file, from);
        return; // nothing new (a look costs a stat)
      }
    } catch (NoSuchFileException e) {
      parsed.remove(file);
      return;
    } catch (IOException e) {
      throw new StorageException("could not read manifest log " + file + ": " + e, e);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      parse(file, channel);
    } catch (NoSuchFileException e) {
      parsed.remove(file);
    } catch (IOException e) {
      throw new StorageException("could not read manifest log " + file + ": " + e, e);
    }
  }

  /** Parses the records after those already seen, through {@code channel}. */
  private void parse(Path file, FileChannel channel) {
    long from = parsed.getOrDefault(file, 0L);
    try {
      // the file's size is asked only once a record is there: at the tail of a preallocated file
      // (before every commit) the header read alone finds the zeros
      long size = -1;
      ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (true) {
        header.clear();
        if (readFully(channel, header, from) < HEADER) {
          break;
        }
        header.flip();
        if (header.getInt() != MAGIC) {
          break; // the zeros of a preallocated file, or what a crash left of a record
        }
        if (size < 0) {
          size = channel.size();
        }
        long version = header.getLong();
        int length = header.getInt();
        int crc = header.getInt();
        if (length >= 0) {
          if (from + HEADER + length > size) {
            break; // being written, or cut short by a crash
          }
          ByteBuffer data = ByteBuffer.allocate(length);
          readFully(channel, data, from + HEADER);
          CRC32C check = new CRC32C();
          check.update(data.array());
          if ((int) check.getValue() != crc) {
            break;
          }
          versions.put(version, new Location(file, from + HEADER, length));
        } else {
          versions.remove(version);
        }
        from += HEADER + Math.max(0, length);
      }
      parsed.put(file, from);
    } catch (IOException e) {
      throw new StorageException("could not read manifest log " + file + ": " + e, e);
    }
  }

  /**
   * Appends a version's record and waits until it is durable. Under the lock. A big record's header
   * and bytes are written one after the other, not copied into one buffer first: a version that
   * embeds a merge's pack is hundreds of KB.
   */
  private void write(long version, byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(MAGIC).putLong(version).putInt(data.length).putInt((int) crc.getValue());
    header.flip();
    long start = data.length <= ONE_WRITE_BYTES
        // one system call for a commit's record and the end mark after it
        ? append(ByteBuffer.allocate(HEADER + data.length + HEADER).put(header).put(data).clear())
        : append(header, ByteBuffer.wrap(data), ByteBuffer.allocate(HEADER));
    versions.put(version, new Location(tailFile, start + HEADER, data.length));
  }

  /** Appends a deletion record per version, all durable with one sync. Under the lock. */
  private void writeDeletions(List<Long> deleted) {
    ByteBuffer records =
        ByteBuffer.allocate((deleted.size() + 1) * HEADER).order(ByteOrder.LITTLE_ENDIAN);
    for (long version : deleted) {
      records.putInt(MAGIC).putLong(version).putInt(-1).putInt(0);
    }
    append(records.clear());
    deleted.forEach(versions::remove);
  }

  /**
   * Writes {@code records} (each ready to read) one after the other after the last record of the
   * tail file and waits until they are durable; returns where they start. Their last {@link
   * #HEADER} bytes are zeros: the end of the log, whatever lies beyond (a longer record a crash cut
   * short, never acknowledged), written with a small commit's record instead of a read of what
   * follows it and perhaps a write.
   */
  private long append(ByteBuffer... records) {
    try {
      Path file = tail();
      long start = parsed.getOrDefault(file, 0L);
      FileChannel channel = tailChannel(file);
      long position = start;
      for (ByteBuffer next : records) {
        while (next.hasRemaining()) {
          position += channel.write(next, position);
        }
      }
      position -= HEADER; // the end mark is not part of the log
      channel.force(false);
      parsed.put(file, position);
      return start;
    } catch (IOException e) {
      closeTail(); // opened afresh by the next write
      throw new StorageException("could not append to manifest log in " + dir + ": " + e, e);
    }
  }

  /** The open channel of the file records are appended to (one open per log file, not per commit). */
  private FileChannel tailChannel(Path file) throws IOException {
    if (!file.equals(tailFile)) {
      closeTail();
      tailChannel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      tailFile = file;
    }
    return tailChannel;
  }

  private void closeTail() {
    if (tailChannel != null) {
      try {
        tailChannel.close();
      } catch (IOException e) {
        // nothing was pending: every record was forced
      }
      tailChannel = null;
      tailFile = null;
    }
  }

  /** Closes the files this log keeps open. */
  synchronized void close() {
    lock.lock();
    try {
      closeTail();
      if (lockFile != null) {
        try {
          lockFile.close();
        } catch (IOException e) {
          // holds no lock between calls
        }
        lockFile = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The file to append to: the newest, or the next one once it is large. */
  private Path tail() throws IOException {
    Path newest = newestParsed();
    if (newest != null && hasRoom(newest)) {
      return newest;
    }
    Path file = logFile(newest == null ? 1 : fileNumber(newest) + 1);
    if (!Files.exists(file)) {
      Path temp = dir.resolve(file.getFileName() + ".new");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer zeros = ZEROS.duplicate();
        for (long at = 0; at < PREALLOCATED_BYTES; at += zeros.capacity()) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), PREALLOCATED_BYTES - at));
          while (zeros.hasRemaining()) {
            channel.write(zeros, at + zeros.position());
          }
        }
        channel.force(true);
      }
      // whole or not at all: a reader never sees a file of partly written zeros
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // some file systems refuse to open directories; the file is still there
      }
    }
    parsed.putIfAbsent(file, 0L);
    return file;
  }

  /** Reads into {@code buffer} from {@code position} until it is full or the file ends; bytes read. */
  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Deletes the oldest log files while they hold no live version (never the newest): oldest
   * first, because a file's deletion records may concern versions in older files, which must be
   * gone before those records go. Versions are deleted oldest first, and a checkpoint re-embeds
   * inline objects of versions older than the previous one, so old versions are not pinned.
   */
  private void deleteEmptyFiles() {
    if (parsed.size() < 2) {
      return;
    }
    java.util.Set<Path> live = new java.util.HashSet<>();
    for (Location at : versions.values()) {
      live.add(at.file());
    }
    List<Path> files = new ArrayList<>(new TreeMap<>(parsed).keySet());
    for (Path file : files.subList(0, files.size() - 1)) {
      if (live.contains(file)) {
        return;
      }
      try {
        Files.deleteIfExists(file);
        parsed.remove(file);
      } catch (IOException e) {
        return; // tried again at the next deletion
      }
    }
  }
}
