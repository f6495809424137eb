namespace Mail.Host.Configuration;

/// A configuration or start-up problem an admin must fix: printed as one line, exit code 78
/// (EX_CONFIG from sysexits.h, as Postfix and others use), never as a stack trace.
public sealed class ConfigException(string message) : Exception(message);
