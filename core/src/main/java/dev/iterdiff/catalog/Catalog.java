package dev.iterdiff.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of one extension point: every entry once, with its name, aliases, factory and
 * capabilities. The CLI, the job configs (validated on the driver before Spark starts), the
 * help texts and the contract tests all read it, so no name is typed twice and no logic
 * branches on a name string. Immutable once built; lookups ignore case and surrounding blanks.
 *
 * <pre>
 * public static final Catalog&lt;SolverEntry&gt; CATALOG = Catalog.of("solver",
 *     GradientDescent.ENTRY, HeavyBall.ENTRY, Newton.ENTRY);   // one line per solver
 * IterativeSolver s = Solvers.CATALOG.get("gd").create(problem, null);
 * </pre>
 *
 * @param <E> the entry type of the extension point.
 */
public final class Catalog<E extends CatalogEntry> implements Iterable<E> {

  private final String kind;
  private final List<E> entries;
  private final Map<String, E> byName;

  private Catalog(String kind, List<E> entries) {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("catalog kind: blank");
    }
    this.kind = kind;
    Map<String, E> map = new LinkedHashMap<>();
    for (E e : entries) {
      if (e == null) {
        throw new IllegalArgumentException(kind + " catalog: null entry");
      }
      put(map, e.name(), e);
      for (String alias : e.aliases()) {
        put(map, alias, e);
      }
    }
    this.entries = List.copyOf(entries);
    this.byName = Collections.unmodifiableMap(map);
  }

  private void put(Map<String, E> map, String name, E e) {
    String key = key(name);
    if (key.isEmpty()) {
      throw new IllegalArgumentException(kind + " catalog: blank name in " + e);
    }
    E prev = map.putIfAbsent(key, e);
    if (prev != null) {
      throw new IllegalArgumentException(kind + " catalog: name '" + key + "' registered twice ("
          + prev.name() + " and " + e.name() + ")");
    }
  }

  /**
   * A catalog of the given entries, in the order help texts list them.
   *
   * @throws IllegalArgumentException on a blank or duplicate name or alias.
   */
  @SafeVarargs
  public static <E extends CatalogEntry> Catalog<E> of(String kind, E... entries) {
    return new Catalog<>(kind, List.of(entries));
  }

  /** As {@link #of(String, CatalogEntry[])} from a list. */
  public static <E extends CatalogEntry> Catalog<E> of(String kind, List<E> entries) {
    return new Catalog<>(kind, new ArrayList<>(entries));
  }

  private static String key(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }

  /** What this catalog holds: solver, problem, estimator, … (used in messages). */
  public String kind() {
    return kind;
  }

  /**
   * The entry called {@code name} (or one of its aliases), ignoring case and blanks.
   *
   * @throws UnknownNameException naming the kind, the value and the valid names.
   */
  public E get(String name) {
    E e = byName.get(key(name));
    if (e == null) {
      throw new UnknownNameException(kind, name, names());
    }
    return e;
  }

  /** The entry called {@code name}, if any. */
  public Optional<E> find(String name) {
    return Optional.ofNullable(byName.get(key(name)));
  }

  /** Whether {@code name} is a name or alias of an entry. */
  public boolean contains(String name) {
    return byName.containsKey(key(name));
  }

  /** The canonical form of a valid name (an alias gives its entry's name). */
  public String canonical(String name) {
    return get(name).name();
  }

  /** The canonical names, in registration order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(entries.size());
    for (E e : entries) {
      names.add(e.name());
    }
    return List.copyOf(names);
  }

  /** The entries, in registration order. */
  public List<E> entries() {
    return entries;
  }

  /** One line per entry, "name  description", for help texts. */
  public String describe() {
    int width = 0;
    for (E e : entries) {
      width = Math.max(width, e.name().length());
    }
    StringBuilder b = new StringBuilder();
    for (E e : entries) {
      b.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.description()));
    }
    return b.toString();
  }

  @Override
  public Iterator<E> iterator() {
    return entries.iterator();
  }

  @Override
  public String toString() {
    return kind + " catalog " + names();
  }
}
