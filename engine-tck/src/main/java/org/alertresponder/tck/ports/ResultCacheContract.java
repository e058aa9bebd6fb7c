package org.alertresponder.tck.ports;

import io.vertx.core.json.JsonObject;
import org.alertresponder.engine.api.Attribute;
import org.alertresponder.engine.api.Finding;
import org.alertresponder.engine.spi.InspectionResult;
import org.alertresponder.engine.spi.ResultCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.alertresponder.tck.ports.PortFixtures.T0;
import static org.alertresponder.tck.ports.PortFixtures.await;
import static org.alertresponder.tck.ports.PortFixtures.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of {@link ResultCache}: a result is returned until its expiry (exclusive) and a put
 * replaces both the result and its expiry.
 */
public abstract class ResultCacheContract extends PortContract {
  private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(10));

  private ResultCache cache;

  @BeforeEach
  void selectPort() {
    cache = adapter.cache();
  }

  @Test
  void getMissesAKeyThatWasNeverStored() {
    assertThat(await(cache.get(fresh("whois|ipaddr|198.51.100.7"), T0))).isEmpty();
  }

  @Test
  void getHitsBeforeTheExpiryWithTheStoredResult() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    InspectionResult result = result("NL", "host.example");
    await(cache.put(key, result, EXPIRES));

    assertThat(await(cache.get(key, T0))).contains(result);
    assertThat(await(cache.get(key, EXPIRES.minusMillis(1)))).contains(result);
  }

  @Test
  void anEntryHasExpiredExactlyAtItsExpiry() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    await(cache.put(key, result("NL", "host.example"), EXPIRES));

    assertThat(await(cache.get(key, EXPIRES))).isEmpty();
    assertThat(await(cache.get(key, EXPIRES.plusSeconds(60)))).isEmpty();
  }

  @Test
  void anEmptyResultIsCachedToo() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    await(cache.put(key, InspectionResult.empty(), EXPIRES));

    assertThat(await(cache.get(key, T0))).contains(InspectionResult.empty());
  }

  @Test
  void putReplacesAnEarlierResult() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    InspectionResult replacement = result("DE", "other.example");
    await(cache.put(key, result("NL", "host.example"), EXPIRES));

    await(cache.put(key, replacement, EXPIRES.plus(Duration.ofMinutes(10))));

    assertThat(await(cache.get(key, T0))).contains(replacement);
    assertThat(await(cache.get(key, EXPIRES.plusSeconds(60)))).contains(replacement);
  }

  @Test
  void putReplacesTheExpiryEvenWithAnEarlierOne() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    await(cache.put(key, result("NL", "host.example"), EXPIRES));

    await(cache.put(key, result("NL", "host.example"), T0.plusSeconds(60)));

    assertThat(await(cache.get(key, T0.plusSeconds(59)))).isPresent();
    assertThat(await(cache.get(key, T0.plusSeconds(60)))).isEmpty();
  }

  @Test
  void aKeyCanBeStoredAgainAfterItExpired() {
    String key = fresh("whois|ipaddr|198.51.100.7");
    InspectionResult fresher = result("FR", "new.example");
    await(cache.put(key, result("NL", "host.example"), T0.plusSeconds(60)));
    assertThat(await(cache.get(key, T0.plusSeconds(120)))).isEmpty();

    await(cache.put(key, fresher, T0.plusSeconds(720)));

    assertThat(await(cache.get(key, T0.plusSeconds(120)))).contains(fresher);
  }

  @Test
  void keysAreIndependent() {
    String whois = fresh("whois|ipaddr|198.51.100.7");
    String reputation = fresh("reputation|ipaddr|198.51.100.7");
    InspectionResult whoisResult = result("NL", "host.example");
    InspectionResult reputationResult = result("US", "bad.example");
    await(cache.put(whois, whoisResult, EXPIRES));
    await(cache.put(reputation, reputationResult, T0.plusSeconds(30)));

    assertThat(await(cache.get(whois, T0.plusSeconds(60)))).contains(whoisResult);
    assertThat(await(cache.get(reputation, T0.plusSeconds(60)))).isEmpty();
  }

  /** A result with a finding and a discovered attribute, so that both survive the round trip. */
  @Test
  void everyCallCompletesOnTheCallersContext() {
    String key = fresh("key");
    onContext(() -> cache.put(key, result("NL", "scanner.example"), EXPIRES));
    assertThat(onContext(() -> cache.get(key, T0))).isPresent();
  }

  private static InspectionResult result(String country, String hostName) {
    Finding finding = new Finding("whois", Finding.HOST,
        new JsonObject().put("country", country).put("asn", 64496).put("tags", List.of("hosting", "vpn")));
    Attribute discovered = Attribute.of(Attribute.DOMAIN, "reverse name", hostName, Attribute.REMOTE);
    return new InspectionResult(List.of(finding), List.of(discovered));
  }
}
