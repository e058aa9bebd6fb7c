package org.alertresponder.adapter.aws.internal;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/** Small helpers to build and read DynamoDB attribute values. */
public final class Items {
  private Items() {
  }

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  /** An instant as nanoseconds since the epoch: exact, and ordered as numbers. */
  public static AttributeValue instant(Instant value) {
    return n(nanos(value));
  }

  public static long nanos(Instant value) {
    return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000_000L), value.getNano());
  }

  public static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  public static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  public static long number(Map<String, AttributeValue> item, String name, long otherwise) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? otherwise : Long.parseLong(value.n());
  }

  public static byte[] bytes(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.b() == null ? null : value.b().asByteArray();
  }
}
