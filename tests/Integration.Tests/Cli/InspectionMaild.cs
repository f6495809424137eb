using Mail.Integration.Tests.Harness;
using Xunit;

namespace Mail.Integration.Tests.Cli;

/// <summary>
/// One maild for the inspection CLI tests, with one setting changed from its default (for
/// `maild config show --non-default`). Its counters belong to these tests alone: a test
/// that counts compares before and after, as the tests of one class run one at a time.
/// </summary>
public sealed class InspectionMaild : IAsyncLifetime
{
    public const string User = "inspect@" + MaildOptions.Domain;

    public const string Password = "secret";

    public const string ConfiguredSetting = "maild.smtp.message-size-limit = 54321";

    public MaildServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await MaildServer.StartAsync(new MaildOptions { Config = ConfiguredSetting + "\n" });
        await Server.AddUserAsync(User, Password);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
