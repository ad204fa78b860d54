package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

/**
 * {@link NioLocalFileSystem} leaves the same files with the same modes as Hadoop's own local
 * file system (which runs {@code chmod}): the reference is Hadoop itself, on real files.
 */
class NioLocalFileSystemTest {

  @Test
  void modeBitsMatchThePermissionStringForAll512Modes() {
    for (short m = 0; m < 512; m++) {
      FsPermission p = new FsPermission(m);
      assertEquals(PosixFilePermissions.fromString(p.toString()), NioLocalFileSystem.modes(p),
          p.toString());
    }
  }

  @Test
  void sameFilesAndModesAsHadoopsLocalFileSystem() throws IOException {
    File root = new File("target/test-output/nio-local-fs").getAbsoluteFile();
    deleteRecursively(root);
    Configuration nio = new Configuration();
    nio.set(NioLocalFileSystem.KEY, NioLocalFileSystem.class.getName());
    Configuration stock = new Configuration();
    stock.set(NioLocalFileSystem.KEY, LocalFileSystem.class.getName());
    List<String> modes = new ArrayList<>();
    for (Configuration conf : List.of(stock, nio)) {
      try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"), conf)) {
        String name = conf == nio ? "nio" : "stock";
        if (conf == nio) {
          assertInstanceOf(NioLocalFileSystem.class, fs);
          assertInstanceOf(NioLocalFileSystem.Raw.class, ((LocalFileSystem) fs).getRaw());
        }
        Path dir = new Path(new File(root, name + "/a/b").toURI());
        assertTrue(fs.mkdirs(dir, new FsPermission((short) 0750)));
        Path file = new Path(dir, "part-0");
        try (OutputStream o = fs.create(file, new FsPermission((short) 0664), true, 4096,
            (short) 1, 1 << 20, null)) {
          o.write(new byte[] {1, 2, 3});
        }
        Path other = new Path(dir, "other");
        fs.create(other, true).close();
        fs.setPermission(other, new FsPermission((short) 0601));
        StringBuilder b = new StringBuilder();
        for (String rel : List.of("a", "a/b", "a/b/part-0", "a/b/.part-0.crc", "a/b/other")) {
          File f = new File(root, name + "/" + rel);
          assertTrue(f.exists(), f + " missing");
          Set<PosixFilePermission> p = Files.getPosixFilePermissions(f.toPath());
          b.append(rel).append('=').append(PosixFilePermissions.toString(p)).append(' ');
        }
        assertEquals(3, new File(root, name + "/a/b/part-0").length());
        modes.add(b.toString());
      }
    }
    assertEquals(modes.get(0), modes.get(1));
    assertTrue(modes.get(1).contains("a/b/other=rw------x"), modes.get(1));
  }

  private static void deleteRecursively(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteRecursively(c);
      }
    }
    f.delete();
  }
}
