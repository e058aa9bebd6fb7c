package org.alertresponder.adapter.aws;

import org.alertresponder.engine.api.ReportCodec;
import org.alertresponder.engine.spi.Emitter;
import org.alertresponder.engine.spi.EmitterFactory;
import org.alertresponder.engine.spi.Inspector;
import org.alertresponder.engine.spi.InspectorFactory;
import org.alertresponder.engine.spi.PluginCodec;
import org.alertresponder.engine.spi.PluginContext;
import org.alertresponder.engine.spi.Reviewer;
import org.alertresponder.engine.spi.ReviewerFactory;

import java.util.Set;

/**
 * The plugin types {@code lambda}: an inspector, a reviewer and an emitter that are AWS Lambda functions,
 * speaking the same JSON as the event-bus plugins (and deepalert's inspector task and reviewer shapes):
 * <ul>
 *   <li>inspector: called with {@code {"report_id", "attribute", "depth"}}, answers
 *       {@code {"findings": [{"type", "content"}], "attributes": [...]}};</li>
 *   <li>reviewer: called with the report, answers {@code {"severity", "reason"}};</li>
 *   <li>emitter: called with the published report; its answer is ignored.</li>
 * </ul>
 * Options: {@code function}, {@code region}, {@code endpoint} (see {@link LambdaFunction#fromOptions}).
 */
public final class LambdaPluginFactories {
  private LambdaPluginFactories() {
  }

  /** The inspector type {@code lambda}; it handles IP addresses, domains, user names and file hashes by default. */
  public static final class Inspectors implements InspectorFactory {
    @Override
    public String type() {
      return "lambda";
    }

    @Override
    public Set<String> defaultAttributeTypes() {
      return Set.of("ipaddr", "domain", "username", "filehash", "url");
    }

    @Override
    public Inspector create(PluginContext context) {
      LambdaFunction function = LambdaFunction.fromOptions(context.options());
      return task -> function.call(PluginCodec.encode(task)).map(PluginCodec::decodeResult);
    }
  }

  /** The reviewer type {@code lambda}. */
  public static final class Reviewers implements ReviewerFactory {
    @Override
    public String type() {
      return "lambda";
    }

    @Override
    public Reviewer create(PluginContext context) {
      LambdaFunction function = LambdaFunction.fromOptions(context.options());
      return report -> function.call(ReportCodec.encode(report)).map(PluginCodec::decodeVerdict);
    }
  }

  /** The emitter type {@code lambda}. */
  public static final class Emitters implements EmitterFactory {
    @Override
    public String type() {
      return "lambda";
    }

    @Override
    public Emitter create(PluginContext context) {
      LambdaFunction function = LambdaFunction.fromOptions(context.options());
      return report -> function.call(ReportCodec.encode(report)).mapEmpty();
    }
  }
}
