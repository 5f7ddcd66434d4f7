package io.svclab.client.flags;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.client.admin.ApiChannels;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class ApiFlagTest {
  @CommandLine.Command(name = "controller")
  static final class Controller implements Runnable {
    @Mixin ControllerFlags flags;

    @Override
    public void run() {}
  }

  @Test
  void aListIsReadInItsCanonicalForm() {
    Controller c = new Controller();
    new CommandLine(c).parseArgs("--api", "http://127.0.0.1:6443, 127.0.0.1:6453");
    assertThat(c.flags.api()).isEqualTo("127.0.0.1:6443,127.0.0.1:6453");
  }

  @Test
  void theDefaultIsTheLocalApiserver() {
    Controller c = new Controller();
    new CommandLine(c).parseArgs();
    assertThat(c.flags.api()).isEqualTo(ApiChannels.DEFAULT_TARGET);
  }

  @Test
  void aBadAddressIsAUsageErrorNamingIt() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new Controller()).setErr(new PrintWriter(err)).execute("--api", "127.0.0.1:6443,127.0.0.1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--api': address 127.0.0.1: missing port in address");
  }
}
