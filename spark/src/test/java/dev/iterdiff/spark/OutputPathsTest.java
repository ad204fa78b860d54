package dev.iterdiff.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Relative outputs become absolute URIs on the driver; the others are kept as given. */
class OutputPathsTest {

  private final Configuration hadoop = new Configuration();

  @Test
  void aRelativePathBecomesAFileUriUnderTheWorkingDirectory() {
    String q = OutputPaths.qualified("target/test-output/relative", hadoop);
    assertTrue(q.startsWith("file:/"), q);
    assertEquals(new File("target/test-output/relative").getAbsoluteFile(),
        new File(URI.create(q)));
  }

  @Test
  void absolutePathsAndPathsWithASchemeAreKept() {
    for (String p : new String[] {"/tmp/out", "file:/tmp/out", "hdfs://nn:8020/user/me/out",
        "s3a://bucket/out"}) {
      assertEquals(p, OutputPaths.qualified(p, hadoop));
    }
  }

  @Test
  void anEmptyPathIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputPaths.qualified(" ", hadoop));
    assertTrue(e.getMessage().contains("output path: empty"), e.getMessage());
  }
}
