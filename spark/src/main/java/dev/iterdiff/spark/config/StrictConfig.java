package dev.iterdiff.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A typed, strict view of one object of a HOCON configuration: every getter names the full
 * key and the origin (file and line) of the value when the type is wrong, and
 * {@link #allowOnly} rejects keys the reader does not know. Lists may also be given as one
 * comma-separated string, so {@code --set sweep.estimators=implicit,one-step} works.
 */
final class StrictConfig {

  private final Config config;
  private final String prefix;

  /**
   * @param config the object's content.
   * @param prefix full key of this object, e.g. {@code sweep.solver}; used in messages.
   */
  StrictConfig(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  /** Full key of this object, e.g. {@code sweep.theta.coordinates[0]}. */
  String path() {
    return prefix;
  }

  /** Full key of a child. */
  String key(String child) {
    return prefix.isEmpty() ? child : prefix + "." + child;
  }

  boolean has(String key) {
    return config.hasPath(key);
  }

  /** @throws JobConfigException for the first key of this object not in {@code allowed}. */
  void allowOnly(String... allowed) {
    Set<String> known = new TreeSet<>(List.of(allowed));
    for (String k : new TreeSet<>(config.root().keySet())) {
      if (!known.contains(k)) {
        throw new JobConfigException(key(k), "unknown key" + origin(leaf(config.root().get(k)))
            + "; known keys here: " + String.join(", ", known));
      }
    }
  }

  String string(String key) {
    ConfigValue v = required(key);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw wrongType(key, v, "a string");
    }
    return String.valueOf(v.unwrapped()).trim();
  }

  String string(String key, String fallback) {
    return present(key) ? string(key) : fallback;
  }

  int integer(String key, int fallback) {
    if (!present(key)) {
      return fallback;
    }
    long v = longInteger(key, fallback);
    if (v != (int) v) {
      throw new JobConfigException(key(key), "expected an integer of at most "
          + Integer.MAX_VALUE + " in magnitude, got " + v + origin(config.getValue(key)));
    }
    return (int) v;
  }

  /**
   * An integer: a whole number (100, 1e3, "12"), never a fraction (Typesafe Config's own
   * getters truncate 1.5 to 1).
   */
  long longInteger(String key, long fallback) {
    if (!present(key)) {
      return fallback;
    }
    ConfigValue v = config.getValue(key);
    double d;
    try {
      d = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw wrongType(key, v, "an integer");
    }
    if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
      throw wrongType(key, v, "an integer");
    }
    try {
      return config.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw wrongType(key, v, "an integer");
    }
  }

  double number(String key, double fallback) {
    return present(key) ? number(key) : fallback;
  }

  double number(String key) {
    required(key);
    try {
      return config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw wrongType(key, config.getValue(key), "a number");
    }
  }

  boolean bool(String key, boolean fallback) {
    if (!present(key)) {
      return fallback;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw wrongType(key, config.getValue(key), "true or false");
    }
  }

  /** A list of strings, or one comma-separated string. */
  List<String> strings(String key) {
    ConfigValue v = required(key);
    List<String> out = new ArrayList<>();
    if (v.valueType() == ConfigValueType.STRING) {
      for (String s : ((String) v.unwrapped()).split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      throw wrongType(key, v, "a list of strings");
    }
    for (Object o : (List<?>) v.unwrapped()) {
      if (o instanceof List || o instanceof java.util.Map || o == null) {
        throw wrongType(key, v, "a list of strings");
      }
      out.add(String.valueOf(o).trim());
    }
    return out;
  }

  /** A list of numbers, or one comma-separated string of numbers. */
  double[] numbers(String key) {
    ConfigValue v = required(key);
    List<String> items;
    if (v.valueType() == ConfigValueType.NUMBER) {
      return new double[] {((Number) v.unwrapped()).doubleValue()};
    }
    items = strings(key);
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Double.parseDouble(items.get(i));
      } catch (NumberFormatException e) {
        throw new JobConfigException(key(key), "expected a list of numbers, item " + (i + 1)
            + " is '" + items.get(i) + "'" + origin(v));
      }
    }
    return out;
  }

  /** A child object. */
  StrictConfig object(String key) {
    ConfigValue v = required(key);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw wrongType(key, v, "an object { ... }");
    }
    return new StrictConfig(((ConfigObject) v).toConfig(), key(key));
  }

  /** A list of objects; elements are named {@code key[i]} in messages (0-based). */
  List<StrictConfig> objects(String key) {
    ConfigValue v = required(key);
    if (v.valueType() != ConfigValueType.LIST) {
      throw wrongType(key, v, "a list of objects [ {...}, ... ]");
    }
    List<StrictConfig> out = new ArrayList<>();
    int i = 0;
    for (ConfigValue e : (Iterable<ConfigValue>) ((com.typesafe.config.ConfigList) v)) {
      String k = key(key) + "[" + i + "]";
      if (e.valueType() != ConfigValueType.OBJECT) {
        throw new JobConfigException(k, "expected an object { ... }, got "
            + e.valueType() + " "
            + e.render(com.typesafe.config.ConfigRenderOptions.concise()) + origin(e));
      }
      out.add(new StrictConfig(((ConfigObject) e).toConfig(), k));
      i++;
    }
    return out;
  }

  /** The type of a present value (NUMBER, STRING, LIST, OBJECT, …). */
  ConfigValueType type(String key) {
    return required(key).valueType();
  }

  /** A present value, rendered as one line of HOCON, with where it came from. */
  String rendered(String key) {
    ConfigValue v = required(key);
    return v.render(com.typesafe.config.ConfigRenderOptions.concise()) + origin(v);
  }

  /** Present and not null. */
  boolean present(String key) {
    return config.hasPath(key);
  }

  /** Where a value came from, e.g. " (conf/sweep.conf: 12)". */
  String origin(String key) {
    return config.hasPathOrNull(key) ? origin(config.getValue(key)) : "";
  }

  /**
   * The first leaf under an object: its origin says where a key came from ("--set
   * sweep.bogus.key"), where an object made by {@code withValue} says "withValue(...)".
   */
  private static ConfigValue leaf(ConfigValue v) {
    while (v instanceof ConfigObject o && !o.isEmpty()) {
      v = o.get(new TreeSet<>(o.keySet()).first());
    }
    return v;
  }

  private static String origin(ConfigValue v) {
    String d = v.origin() == null ? null : v.origin().description();
    return d == null || d.isEmpty() ? "" : " (" + d + ")";
  }

  private ConfigValue required(String key) {
    if (!config.hasPath(key)) {
      throw new JobConfigException(key(key), "missing (required)");
    }
    return config.getValue(key);
  }

  private JobConfigException wrongType(String key, ConfigValue v, String expected) {
    return new JobConfigException(key(key), "expected " + expected + ", got "
        + v.valueType() + " "
        + v.render(com.typesafe.config.ConfigRenderOptions.concise()) + origin(v));
  }
}
