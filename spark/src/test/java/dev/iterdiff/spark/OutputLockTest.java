package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The one-writer lock of an output directory, on Hadoop's local file system. */
class OutputLockTest {

  static File dir(String name) throws Exception {
    File d = new File("target/test-output/lock/" + name).getAbsoluteFile();
    Files.createDirectories(d.toPath());
    Files.deleteIfExists(new File(d, OutputLock.NAME).toPath());
    return d;
  }

  static FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  @Test
  void exactlyOneOfManyRacingWritersGetsTheLock() throws Exception {
    File d = dir("race");
    for (int round = 0; round < 20; round++) {
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger won = new AtomicInteger();
      AtomicInteger busy = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        String run = "run-" + round + "-" + t;
        threads.add(new Thread(() -> {
          try {
            go.await();
            OutputLock.acquire(fs(), new Path(d.getPath()), run);
            won.incrementAndGet();
          } catch (OutputBusyException e) {
            busy.incrementAndGet();
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(1, won.get(), "round " + round);
      assertEquals(5, busy.get(), "round " + round);
      Files.delete(new File(d, OutputLock.NAME).toPath());
    }
  }

  @Test
  void aLiveHolderIsNamedAndTheLockIsReleasedOnClose() throws Exception {
    Path d = new Path(dir("live").getPath());
    try (OutputLock a = OutputLock.acquire(fs(), d, "run-a")) {
      OutputBusyException e = assertThrows(OutputBusyException.class,
          () -> OutputLock.acquire(fs(), d, "run-b"));
      assertTrue(e.getMessage().contains("being written by run run-a (pid "
          + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("delete " + new Path(d, OutputLock.NAME)),
          e.getMessage());
      a.checkHeld();
    }
    assertFalse(fs().exists(new Path(d, OutputLock.NAME)));
    OutputLock.acquire(fs(), d, "run-c").close();
  }

  @Test
  void aLockReplacedBehindTheHoldersBackIsNoticedBeforePublishing() throws Exception {
    Path d = new Path(dir("replaced").getPath());
    OutputLock a = OutputLock.acquire(fs(), d, "run-a");
    Files.writeString(new File(d.toString(), OutputLock.NAME).toPath(), "run=run-b\n");
    OutputBusyException e = assertThrows(OutputBusyException.class, a::checkHeld);
    assertEquals("lost the lock " + new Path(d, OutputLock.NAME) + " of run run-a to run run-b;"
        + " nothing was published", e.getMessage());
    a.close();
    assertTrue(fs().exists(new Path(d, OutputLock.NAME)), "run-b's lock kept");
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOverOneOfAnotherHostIsNot() throws Exception {
    Path d = new Path(dir("stale").getPath());
    File lock = new File(d.toString(), OutputLock.NAME);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(lock.toPath(), "run=killed\nhost=" + host + "\npid=" + dead.pid() + "\n");
    try (OutputLock taken = OutputLock.acquire(fs(), d, "run-new")) {
      taken.checkHeld();
    }
    assertFalse(lock.exists());
    assertFalse(new File(d.toString(), OutputLock.NAME + ".broken-killed").exists());
    Files.writeString(lock.toPath(), "run=elsewhere\nhost=not-" + host + "\npid=" + dead.pid()
        + "\n");
    OutputBusyException e = assertThrows(OutputBusyException.class,
        () -> OutputLock.acquire(fs(), d, "run-new"));
    assertTrue(e.getMessage().contains("run elsewhere"), e.getMessage());
  }
}
