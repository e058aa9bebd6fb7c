package org.alertresponder.launcher.console;

import io.vertx.core.Future;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.ReceivedAlert;
import org.alertresponder.engine.api.Page;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.ReportAttribute;
import org.alertresponder.engine.api.ReportHeader;
import org.alertresponder.engine.api.ReportQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds reports holding an attribute whose value contains a term (case-insensitive): an address, a
 * domain, a user, part of a hash. No store indexes attribute values, so the search reads the reports the
 * other filters select, newest first, a page at a time, and stops once it has a page of matches or has
 * read {@link #MAX_SCANNED} reports; the cursor it returns continues where it stopped.
 */
public final class ReportSearch {
  /** Reports read by one request at most, whatever matched. */
  public static final int MAX_SCANNED = 1000;

  /** The matches, the cursor to continue with (null at the end), and how many reports were read. */
  public record Result(List<ReportHeader> items, String nextCursor, int scanned) {
    public Result {
      items = List.copyOf(items);
    }
  }

  private final AlertEngine engine;

  public ReportSearch(AlertEngine engine) {
    this.engine = engine;
  }

  public Future<Result> search(ReportQuery query, String term) {
    String needle = term.toLowerCase(Locale.ROOT);
    return next(query, needle, new ArrayList<>(), 0);
  }

  private Future<Result> next(ReportQuery query, String needle, List<ReportHeader> found, int scanned) {
    return engine.reports(query).compose(page -> matching(page, needle).compose(matches -> {
      found.addAll(matches);
      int read = scanned + page.items().size();
      String cursor = page.nextCursor();
      if (cursor == null || found.size() >= query.limit() || read >= MAX_SCANNED) {
        return Future.succeededFuture(new Result(found, cursor, read));
      }
      return next(query.withCursor(cursor), needle, found, read);
    }));
  }

  private Future<List<ReportHeader>> matching(Page<ReportHeader> page, String needle) {
    List<Future<Optional<Report>>> loads = new ArrayList<>(page.items().size());
    for (ReportHeader header : page.items()) {
      loads.add(engine.report(header.id()));
    }
    return Future.all(loads).map(all -> {
      List<ReportHeader> matches = new ArrayList<>();
      for (int i = 0; i < loads.size(); i++) {
        Optional<Report> report = loads.get(i).result();
        if (report.isPresent() && holds(report.get(), needle)) {
          matches.add(page.items().get(i));
        }
      }
      return matches;
    });
  }

  /**
   * The alerts' own attributes and those inspectors discovered: a report lists as its attributes only
   * those some inspector handles, and an analyst searches for any value an alert carried.
   */
  static boolean holds(Report report, String needle) {
    for (ReportAttribute attribute : report.attributes()) {
      if (contains(attribute.attribute(), needle)) {
        return true;
      }
    }
    for (ReceivedAlert alert : report.alerts()) {
      for (Attribute attribute : alert.alert().attributes()) {
        if (contains(attribute, needle)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(Attribute attribute, String needle) {
    String value = attribute.value();
    return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
  }
}
