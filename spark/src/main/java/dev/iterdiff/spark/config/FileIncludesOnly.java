package dev.iterdiff.spark.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.net.URL;

/**
 * The HOCON includer of every job config: {@code include file("…")} and
 * {@code include "name"} (a file next to the including one) work as in Typesafe Config;
 * {@code include url("…")}, {@code include classpath("…")} and a plain include that would
 * fall back to a URL or a classpath resource are refused with a {@link JobConfigException}
 * naming the include. A config never reaches the network nor reads the application's jars.
 */
final class FileIncludesOnly implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL,
    ConfigIncluderClasspath {

  private static final FileIncludesOnly INSTANCE = new FileIncludesOnly();

  private FileIncludesOnly() {}

  /** Parse options with this includer. */
  static ConfigParseOptions options(ConfigParseOptions base) {
    return base.setIncluder(INSTANCE);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this; // no fallback: whatever this one refuses stays refused
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    if (what.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
      throw refused("include \"" + what + "\"");
    }
    ConfigParseable p = context.relativeTo(what);
    if (p == null || p.origin().filename() == null) {
      throw new JobConfigException("include \"" + what + "\"", "no such file next to the "
          + "config (configs may include files only, not classpath resources or URLs)");
    }
    return p.parse(context.parseOptions());
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    return ConfigFactory.parseFileAnySyntax(what, context.parseOptions()).root();
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    if ("file".equals(what.getProtocol())) {
      return includeFile(context, new File(what.getPath()));
    }
    throw refused("include url(\"" + what + "\")");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    throw refused("include classpath(\"" + what + "\")");
  }

  private static JobConfigException refused(String include) {
    return new JobConfigException(include, "configs may include files only, not URLs or "
        + "classpath resources");
  }
}
