package io.svclab.client.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ConsoleLoggingTest {
  private static LoggerContext configured(Map<String, String> properties) {
    LoggerContext context = new LoggerContext();
    ConsoleLogging.configure(context, properties::get);
    return context;
  }

  @Test
  void levelsByDefault() {
    LoggerContext context = configured(Map.of());
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("io.svclab").getLevel()).as("inherits the root's").isNull();
    assertThat(context.getLogger("io.svclab.node.PodManager").getEffectiveLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("io.grpc.internal.ManagedChannelImpl").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.netty.channel.DefaultChannelPipeline").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.pekko.actor.ActorSystemImpl").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void verboseLabRaisesOnlySvclabsOwnLines() {
    LoggerContext context = configured(Map.of("svclab.log.svclab", "DEBUG"));
    assertThat(context.getLogger("io.svclab.client.leader.LeaderElector").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger("io.grpc.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.example").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void theLevelOptionSetsEverythingElse() {
    LoggerContext context = configured(Map.of("svclab.log.level", "WARN"));
    assertThat(context.getLogger("io.svclab.dns.DnsServer").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.example").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void levelNamesReadAsLogbacksOwnConfigurationReadsThem() {
    record Case(String name, Level expected) {}
    for (Case c : new Case[] {new Case("INHERITED", null), new Case("null", null), new Case("debug", Level.DEBUG),
        new Case("ERROR", Level.ERROR), new Case("loud", Level.DEBUG)}) {
      assertThat(ConsoleLogging.level(c.name())).as(c.name()).isEqualTo(c.expected());
    }
  }

  @Test
  void oneLinePerEventOnStderrNamedByTheProcess() {
    LoggerContext context = configured(Map.of("svclab.component", "node-agent-2"));
    var appender = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    ch.qos.logback.classic.Logger logger = context.getLogger("io.svclab.node.registration.NodeRegistration");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "registered ({})", null,
        new Object[] {"node-2"});
    long millis = event.getTimeStamp();
    String time = LocalTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS"));

    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).isEqualTo(time + " INFO  [node-agent-2] NodeRegistration: registered (node-2)" + System.lineSeparator());
  }

  @Test
  void withoutAProcessNameTheLinesSaySvclab() {
    LoggerContext context = configured(Map.of());
    var appender = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("a.B"), Level.WARN, "hi", null, null);
    assertThat(new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8)).endsWith(" WARN  [svclab] B: hi"
        + System.lineSeparator());
  }

  @Test
  void theProcessFindsItAsLogbacksConfigurator() {
    // this test JVM's own logging went through the service: the STDERR appender is ConsoleLogging's
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(context.getLogger("io.grpc").getLevel()).isEqualTo(Level.WARN);
  }
}
