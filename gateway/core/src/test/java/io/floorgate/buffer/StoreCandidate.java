package io.floorgate.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded stores the queue could live on, reduced to what a FIFO of records needs: append
 * under ascending keys, read from the head, remove what was acknowledged, commit so that it
 * survives the death of the process. {@link StoreChoiceBenchmark} measures them and
 * {@link StoreKillTrial} checks them against {@code kill -9}; the figures are in
 * docs/explanation/store-and-forward.md, "Why H2 MVStore".
 */
interface StoreCandidate extends AutoCloseable {

  void put(long key, byte[] value) throws Exception;

  /** Reads up to {@code max} records from the head and removes them; returns how many. */
  int drain(int max) throws Exception;

  void commit() throws Exception;

  long count() throws Exception;

  /** Bytes the store occupies on disk, all of its files. */
  default long diskBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static StoreCandidate open(String name, Path dir) throws Exception {
    return switch (name) {
      case "mvstore" -> new MvStoreCandidate(dir, false);
      case "mvstore-lzf" -> new MvStoreCandidate(dir, true);
      case "sqlite" -> new SqliteCandidate(dir);
      default -> throw new IllegalArgumentException("no store candidate " + name);
    };
  }

  /** H2 MVStore: one map of key to record, committed by the caller. */
  final class MvStoreCandidate implements StoreCandidate {
    private final MVStore store;
    private final MVMap<Long, byte[]> map;

    MvStoreCandidate(Path dir, boolean compress) {
      MVStore.Builder builder = new MVStore.Builder()
          .fileName(dir.resolve("queue.mv").toString())
          .autoCommitDisabled();
      if (compress) {
        builder.compress();
      }
      store = builder.open();
      map = store.openMap("queue");
    }

    @Override
    public void put(long key, byte[] value) {
      map.append(key, value);
    }

    @Override
    public int drain(int max) {
      int n = 0;
      Long key = map.firstKey();
      while (key != null && n < max) {
        byte[] value = map.get(key);
        if (value != null) {
          map.remove(key);
          n++;
        }
        key = map.higherKey(key);
      }
      return n;
    }

    @Override
    public void commit() {
      store.commit();
    }

    @Override
    public long count() {
      return map.sizeAsLong();
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** SQLite in WAL mode (synchronous=NORMAL: a commit is in the WAL before it returns). */
  final class SqliteCandidate implements StoreCandidate {
    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement head;
    private final PreparedStatement deleteUpTo;

    SqliteCandidate(Path dir) throws SQLException {
      db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("queue.db"));
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("CREATE TABLE IF NOT EXISTS queue (k INTEGER PRIMARY KEY, v BLOB NOT NULL)");
      }
      db.setAutoCommit(false);
      insert = db.prepareStatement("INSERT INTO queue (k, v) VALUES (?, ?)");
      head = db.prepareStatement("SELECT k, v FROM queue ORDER BY k LIMIT ?");
      deleteUpTo = db.prepareStatement("DELETE FROM queue WHERE k <= ?");
    }

    @Override
    public void put(long key, byte[] value) throws SQLException {
      insert.setLong(1, key);
      insert.setBytes(2, value);
      insert.executeUpdate();
    }

    @Override
    public int drain(int max) throws SQLException {
      head.setInt(1, max);
      long last = Long.MIN_VALUE;
      int n = 0;
      try (ResultSet rs = head.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          rs.getBytes(2);
          n++;
        }
      }
      if (n > 0) {
        deleteUpTo.setLong(1, last);
        deleteUpTo.executeUpdate();
      }
      return n;
    }

    @Override
    public void commit() throws SQLException {
      db.commit();
    }

    @Override
    public long count() throws SQLException {
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM queue")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    @Override
    public void close() throws SQLException {
      db.commit();
      db.close();
    }
  }
}
