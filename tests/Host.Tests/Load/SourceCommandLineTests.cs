using System.CommandLine;
using Mail.Host.Cli;
using Mail.Host.Load;
using Xunit;

namespace Mail.Host.Tests.Load;

/// `maild source` reads smtp-source's own command lines, under the same root as Program.cs
/// (whose recursive --config/-c must not swallow smtp-source's -c).
public sealed class SourceCommandLineTests
{
    private static SourceOptions Parse(params string[] args)
    {
        var line = new SourceCommandLine();
        var root = new RootCommand { CommonOptions.Config, line.ToCommand() };
        var result = root.Parse(["source", .. args]);
        Assert.Empty(result.Errors);
        return line.Read(result);
    }

    [Fact]
    public void Defaults_are_smtp_sources()
    {
        var o = Parse("-M", "client.test");
        Assert.Equal((LoadMode.Smtp, "127.0.0.1", 25), (o.Mode, o.Host, o.Port));
        Assert.Equal((1, 1, 1, null), (o.Sessions, o.Messages, o.RecipientsPerMessage, o.Size));
        Assert.False(o.KeepConnection);
        Assert.False(o.UniqueRecipients);
        Assert.True(o.Pipelining);
        Assert.Equal("foo@client.test", o.Sender);
        Assert.Equal("foo@client.test", o.Recipient);
    }

    [Fact]
    public void The_bench_command_line_of_smtp_source_reads_the_same()
    {
        var o = Parse("-s", "20", "-m", "20000", "-l", "1024", "-f", "bench@remote.test", "-t", "rcpt@bench.test", "-r", "2", "-S", "load", "127.0.0.1:25251");
        Assert.Equal((20, 20000, 1024, 2), (o.Sessions, o.Messages, o.Size!.Value, o.RecipientsPerMessage));
        Assert.Equal(("bench@remote.test", "rcpt@bench.test", "load"), (o.Sender, o.Recipient, o.Subject!));
        Assert.Equal(("127.0.0.1", 25251), (o.Host, o.Port));
    }

    [Fact]
    public void Dash_d_keeps_the_connection_as_in_smtp_source_and_dash_c_is_the_counter_not_the_config()
    {
        var o = Parse("-d", "-c", "localhost");
        Assert.True(o.KeepConnection);
        Assert.True(o.Counter);
        Assert.Equal(("localhost", 25), (o.Host, o.Port));
    }

    [Theory]
    [InlineData(new[] { "-N", "127.0.0.1:2525" }, "127.0.0.1", 2525)]
    [InlineData(new[] { "-N", "-m", "5", "inet:mx.test:26" }, "mx.test", 26)]
    [InlineData(new[] { "127.0.0.1:2525", "-N" }, "127.0.0.1", 2525)]
    public void Dash_N_is_a_flag_wherever_it_stands(string[] args, string host, int port)
    {
        var o = Parse(args);
        Assert.True(o.UniqueRecipients);
        Assert.Equal((host, port), (o.Host, o.Port));
    }

    [Theory]
    [InlineData("[::1]:2525", "::1", 2525)]
    [InlineData("[::1]", "::1", 25)]
    [InlineData("::1", "::1", 25)]
    [InlineData("inet:127.0.0.2", "127.0.0.2", 25)]
    [InlineData("mx.test:smtp", "mx.test", 25)]
    public void Targets_take_smtp_source_forms(string target, string host, int port) =>
        Assert.Equal((host, port), (Parse(target).Host, Parse(target).Port));

    [Fact]
    public void Long_options_override_the_positional_target_and_tls_picks_its_ports()
    {
        Assert.Equal(("10.0.0.1", 2600), (Parse("--host", "10.0.0.1", "--port", "2600", "127.0.0.1:25").Host, Parse("--port", "2600", "x").Port));
        var implicitTls = Parse("--implicit-tls", "--insecure", "--auth", "u@x:p:w");
        Assert.Equal((LoadSecurity.ImplicitTls, 465, true), (implicitTls.Security, implicitTls.Port, implicitTls.Insecure));
        Assert.Equal(new LoadUser("u@x", "p:w"), implicitTls.Auth);
        Assert.Equal((LoadSecurity.StartTls, 587), (Parse("--tls", "--port", "587").Security, Parse("--tls", "--port", "587").Port));
        Assert.False(Parse("--no-pipelining").Pipelining);
    }

    [Fact]
    public void Pop3_mode_expands_the_user_pattern_and_visits_each_user_once_by_default()
    {
        var o = Parse("--pop3", "--users", "user%d@example.test:secret", "-N", "3", "-s", "2");
        Assert.Equal((LoadMode.Pop3, 110, 3, 2), (o.Mode, o.Port, o.Messages, o.Sessions));
        Assert.Equal(["user1@example.test", "user2@example.test", "user3@example.test"], o.Users.Select(u => u.Name));
        Assert.All(o.Users, u => Assert.Equal("secret", u.Password));
        var imap = Parse("--imap", "--implicit-tls", "--users", "one@example.test:pw", "-m", "10", "--delete");
        Assert.Equal((LoadMode.Imap, 993, 10, true), (imap.Mode, imap.Port, imap.Messages, imap.Delete));
    }

    [Fact]
    public void A_users_file_skips_comments_and_blank_lines()
    {
        var users = UserList.FromLines(["# load users", "", "a@x:1", "  b@x:two:parts  "]);
        Assert.Equal([new LoadUser("a@x", "1"), new LoadUser("b@x", "two:parts")], users);
    }

    [Theory]
    [InlineData("--tls", "--implicit-tls")]
    [InlineData("--pop3", "--imap", "--users", "a:b")]
    [InlineData("--pop3")]
    [InlineData("--pop3", "--users", "u%d@x:p")]
    [InlineData("--pop3", "--users", "u@x:p", "-N", "3")]
    [InlineData("--pop3", "--users", "nocolon")]
    [InlineData("--imap", "--tls", "--users", "a:b")]
    [InlineData("-s", "0")]
    [InlineData("-m", "-1")]
    [InlineData("-l", "0")]
    [InlineData("--auth", "nopassword")]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData("unix:/var/run/smtp")]
    [InlineData("[::1")]
    public void Impossible_loads_are_usage_errors(params string[] args) =>
        Assert.Throws<SourceUsageException>(() => Parse(args));
}
