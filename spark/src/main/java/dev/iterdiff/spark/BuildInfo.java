package dev.iterdiff.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The iterdiff version, from the Maven metadata the build puts in the jar. */
public final class BuildInfo {

  private BuildInfo() {}

  /**
   * The project version (e.g. 0.1.0-SNAPSHOT); "development build" when run from class
   * directories (tests, an IDE), which carry no Maven metadata.
   */
  public static String version() {
    for (String artifact : new String[] {"iterdiff-cli", "iterdiff-spark"}) {
      try (InputStream in = BuildInfo.class.getResourceAsStream(
          "/META-INF/maven/dev.iterdiff/" + artifact + "/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          String v = p.getProperty("version");
          if (v != null) {
            return v;
          }
        }
      } catch (IOException e) {
        // try the next one
      }
    }
    return "development build";
  }
}
