package io.s3vector.server.session;

import java.security.MessageDigest;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BackendKeyData of every live session, so a CancelRequest arriving on another connection can
 * find the session it names. The process id is unique among live sessions; the secret key makes a
 * cancel unguessable.
 */
public final class CancelKeys {
  private final Map<Integer, Session> byProcessId = new ConcurrentHashMap<>();

  /** Registers the session under a fresh process id and returns that id. */
  int register(Session session, java.util.random.RandomGenerator random) {
    while (true) {
      int pid = 1 + random.nextInt(Integer.MAX_VALUE - 1);
      if (byProcessId.putIfAbsent(pid, session) == null) {
        return pid;
      }
    }
  }

  void unregister(int processId, Session session) {
    byProcessId.remove(processId, session);
  }

  /** Cancels the running statement of the session with this key; wrong keys are ignored. */
  void cancel(int processId, int secretKey) {
    Session target = byProcessId.get(processId);
    if (target != null
        && MessageDigest.isEqual(bytes(target.secretKey()), bytes(secretKey))) {
      target.cancelRunningStatement();
    }
  }

  private static byte[] bytes(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }
}
