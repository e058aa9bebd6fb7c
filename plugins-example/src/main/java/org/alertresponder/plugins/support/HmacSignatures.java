package org.alertresponder.plugins.support;

import io.vertx.core.buffer.Buffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 signatures over request and answer bodies, in the form GitHub's webhooks made common:
 * {@code sha256=<lower-case hex>} over the exact bytes sent. A receiver recomputes it with the shared
 * secret and compares in constant time ({@link #matches}).
 *
 * <p>Requests that AlertResponder sends (webhook deliveries, remote inspector tasks) sign
 * {@link #timestamped} content, {@code <unix seconds>.<body>}, as Stripe does, with the seconds in the header
 * {@link #TIMESTAMP_HEADER}: a receiver that also refuses timestamps more than a few minutes old cannot be
 * fooled by a recorded request sent again.
 */
public final class HmacSignatures {
  /** The prefix of the header value, naming the algorithm. */
  public static final String PREFIX = "sha256=";
  /** The header carrying the signature of a request AlertResponder sends. */
  public static final String SIGNATURE_HEADER = "X-AlertResponder-Signature";
  /** The header carrying the Unix time (seconds) that a request's signature covers. */
  public static final String TIMESTAMP_HEADER = "X-AlertResponder-Timestamp";

  private HmacSignatures() {
  }

  /** {@code sha256=} followed by the hex HMAC-SHA256 of {@code body} under {@code secret} (UTF-8). */
  public static String sign(String secret, Buffer body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body.getBytes()));
  }

  /** Whether {@code signature} is the signature of {@code body}, compared in constant time. */
  public static boolean matches(String secret, Buffer body, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
        signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** What a timestamped signature covers: {@code <timestamp>.<body>}. */
  public static Buffer timestamped(String timestamp, Buffer body) {
    return Buffer.buffer(timestamp + ".").appendBuffer(body);
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every Java runtime ships HmacSHA256, so this cannot happen on a supported JVM.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
