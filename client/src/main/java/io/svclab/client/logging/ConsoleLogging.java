package io.svclab.client.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * The logging of every svclab process, set up in code (a logback {@link Configurator}, found as a
 * service) rather than by a {@code logback.xml}: one line per event on stderr, the process name
 * from {@code -Dsvclab.component} (set by {@code ./lab}).
 *
 * <p>Why code: reading an XML configuration loads logback's Joran and the JDK's XML parser, about
 * 300 classes in every one of the lab's ten JVMs (counted in their class lists, issue 20), for
 * these few lines. {@code -Dlogback.configurationFile} still wins: then logback reads that file.
 *
 * <p>Levels: {@code -Dsvclab.log.level} (default INFO) for everything; {@code ./lab up -v} sets
 * {@code -Dsvclab.log.svclab=DEBUG}, as routine lines (Lease renewals, status writes, per-request
 * and per-event lines) are DEBUG, so the default console shows what a learner wants to see. gRPC,
 * Netty and Pekko say only warnings.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  /** The layout of one line; {@code %s} is the process name. */
  static final String PATTERN = "%%d{HH:mm:ss.SSS} %%-5level [%s] %%logger{0}: %%msg%%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, System::getProperty);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} from {@code properties} (a system property's value by name, or null). */
  static void configure(LoggerContext context, UnaryOperator<String> properties) {
    NopStatusListener quiet = new NopStatusListener();
    context.getStatusManager().add(quiet);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(String.format(PATTERN, valueOr(properties.apply("svclab.component"), "svclab")));
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    context.getLogger("io.svclab").setLevel(level(valueOr(properties.apply("svclab.log.svclab"), "INHERITED")));
    context.getLogger("io.grpc").setLevel(Level.WARN);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("org.apache.pekko").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(valueOr(properties.apply("svclab.log.level"), "INFO")));
    root.addAppender(stderr);
  }

  /** As logback's own configuration reads a level: INHERITED or NULL is none (the parent's), a name it does not know DEBUG. */
  static Level level(String name) {
    return "INHERITED".equalsIgnoreCase(name) || "NULL".equalsIgnoreCase(name) ? null : Level.toLevel(name);
  }

  private static String valueOr(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value.trim();
  }
}
