package io.svclab.client.flags;

import io.svclab.client.admin.ApiTargets;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --api} flag every component takes: checked when the command line is read, so a bad
 * address is a usage error naming it ("Invalid value for option '--api': address ...") and
 * not a failure after start-up; the value stays the text {@link io.svclab.client.admin.ApiChannels} reads.
 */
public final class ApiFlag implements ITypeConverter<String> {
  public static final String DESCRIPTION = "apiserver gRPC address: host:port, a list host:port,host:port "
      + "(one channel that fails over between them) or unix:/path/to/socket (default ${DEFAULT-VALUE}).";

  @Override
  public String convert(String value) {
    try {
      return ApiTargets.parse(value).toString();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
