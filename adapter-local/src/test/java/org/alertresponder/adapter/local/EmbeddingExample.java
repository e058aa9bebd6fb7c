package org.alertresponder.adapter.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Alert;
import org.alertresponder.engine.api.AlertEngine;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.EngineConfig;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.api.Report;
import org.alertresponder.engine.api.Verdict;
import org.alertresponder.engine.spi.EmitterSpec;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.InspectorSpec;

import java.time.Duration;

/**
 * The embedding example of the README, verbatim between the tags (ReadmeExampleTest checks that), and
 * runnable: {@code mvn -q -B -pl adapter-local exec:java@embedded-example} after an install.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {
  }

  public static void main(String[] args) {
    run();
  }

  static Report run() {
    // tag::embedding[]
    Vertx vertx = Vertx.vertx();
    Promise<Report> published = Promise.promise();
    AlertEngine engine = AlertEngine.builder()
        .adapter(new InMemoryAdapter())
        .config(EngineConfig.builder().inspectionDelay(Duration.ZERO).reviewDelay(Duration.ofSeconds(1)).build())
        .inspector(InspectorSpec.of("blocklist", Attribute.IPADDR), task -> Future.succeededFuture(
            task.attribute().value().startsWith("198.51.100.")
                ? InspectionResult.of(Finding.of(Finding.HOST, new JsonObject().put("blocklisted", true)))
                : InspectionResult.empty()))
        .reviewer(report -> Future.succeededFuture(report.sections().isEmpty()
            ? Verdict.safe("nothing is known against these addresses")
            : Verdict.urgent("a source address is on the blocklist")))
        .emitter(EmitterSpec.of("stdout"), report -> {
          System.out.println(report.id() + " v" + report.version() + " " + report.result());
          published.tryComplete(report);
          return Future.succeededFuture();
        })
        .build();
    engine.start(vertx).await();
    engine.submit(Alert.builder("guardduty", "UnauthorizedAccess:EC2/SSHBruteForce").alertKey("i-0abc12")
        .attribute(Attribute.IPADDR, "source address", "198.51.100.7", Attribute.REMOTE).build()).await();
    Report report = published.future().await();
    engine.stop().await();
    vertx.close().await();
    // end::embedding[]
    return report;
  }
}
