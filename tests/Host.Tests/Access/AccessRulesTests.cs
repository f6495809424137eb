using System.Net;
using Mail.Actors.Smtp;
using Mail.Host.Access;
using Mail.Host.Directory;
using Mail.Host.Tests.Directory;
using Mail.Tests.Databases;
using Xunit;

namespace Mail.Host.Tests.Access;

/// Postfix access(5) matching over a real directory database, and the server's reload on change.
public abstract class AccessRulesTests(TestDirectoryDatabase db) : IDisposable
{
    public void Dispose()
    {
        db.Dispose();
        GC.SuppressFinalize(this);
    }

    private AccessTable Table() => db.Store().AccessTable();

    private static AccessRule Rule(AccessKind kind, string pattern, AccessAction action = AccessAction.Reject) =>
        new(kind, pattern, action, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_most_specific_pattern_wins()
    {
        var rules = new AccessRuleSet([
            Rule(AccessKind.Client, "192.0.2.0/24"),
            Rule(AccessKind.Client, "192.0.2.7/32", AccessAction.Ok),
            Rule(AccessKind.Helo, "example.org"),
            Rule(AccessKind.Sender, "example.com"),
            Rule(AccessKind.Sender, "mail.example.com", AccessAction.Defer),
            Rule(AccessKind.Sender, "boss@example.com", AccessAction.Ok),
            Rule(AccessKind.Sender, "postmaster@", AccessAction.Ok),
            Rule(AccessKind.Sender, "<>", AccessAction.Defer),
        ]);

        Assert.Equal(AccessAction.Ok, rules.MatchClient(IPAddress.Parse("192.0.2.7"))?.Action);
        Assert.Equal(AccessAction.Reject, rules.MatchClient(IPAddress.Parse("192.0.2.8"))?.Action);
        Assert.Null(rules.MatchClient(IPAddress.Parse("198.51.100.1")));
        Assert.NotNull(rules.MatchHelo("smtp.EXAMPLE.org."));
        Assert.Null(rules.MatchHelo("example.org.evil.test"));
        Assert.Equal(AccessAction.Ok, rules.MatchAddress(AccessKind.Sender, "Boss@Example.com")?.Action);
        Assert.Equal(AccessAction.Defer, rules.MatchAddress(AccessKind.Sender, "a@x.mail.example.com")?.Action);
        Assert.Equal(AccessAction.Reject, rules.MatchAddress(AccessKind.Sender, "a@example.com")?.Action);
        Assert.Equal(AccessAction.Ok, rules.MatchAddress(AccessKind.Sender, "postmaster@elsewhere.test")?.Action);
        Assert.Equal(AccessAction.Defer, rules.MatchAddress(AccessKind.Sender, "")?.Action);
        Assert.Null(rules.MatchAddress(AccessKind.Recipient, "a@example.com"));
    }

    [Theory]
    [InlineData(AccessKind.Client, "not-an-ip")]
    [InlineData(AccessKind.Client, "192.0.2.0/33")]
    [InlineData(AccessKind.Helo, "a b")]
    [InlineData(AccessKind.Sender, "a@b@c")]
    [InlineData(AccessKind.Recipient, "@example.com")]
    public void Bad_patterns_are_refused(AccessKind kind, string pattern)
    {
        var e = Assert.Throws<DirectoryException>(() => Table().Add(kind, pattern, AccessAction.Reject, null));
        Assert.Equal(DirectoryErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task The_policy_sees_a_change_at_the_next_check_and_reports_postfix_texts()
    {
        var table = Table();
        var policy = new SqlAccessPolicy(Table());
        var client = IPAddress.Parse("192.0.2.9");

        Assert.Equal(AccessVerdict.None, (await policy.CheckAsync(client, "helo.test", "a@x.test", "b@y.test", TestContext.Current.CancellationToken)).Verdict);

        table.Add(AccessKind.Client, "192.0.2.0/24", AccessAction.Reject, "Go away");
        var decision = await policy.CheckAsync(client, "helo.test", "a@x.test", "b@y.test", TestContext.Current.CancellationToken);
        Assert.Equal(new AccessDecision(AccessVerdict.Reject, "Client host", "unknown[192.0.2.9]", "Go away"), decision);

        // Client rules come first: an OK for the client wins over a sender REJECT.
        table.Add(AccessKind.Client, "192.0.2.9", AccessAction.Ok, null);
        table.Add(AccessKind.Sender, "x.test", AccessAction.Reject, null);
        Assert.Equal(AccessVerdict.Ok, (await policy.CheckAsync(client, null, "a@x.test", "b@y.test", TestContext.Current.CancellationToken)).Verdict);
        Assert.Equal(new AccessDecision(AccessVerdict.Reject, "Sender address", "<a@x.test>"),
            await policy.CheckAsync(IPAddress.Parse("::ffff:198.51.100.1"), null, "a@x.test", "b@y.test", TestContext.Current.CancellationToken));

        table.Remove(AccessKind.Sender, "X.TEST");
        Assert.Equal(AccessVerdict.None, (await policy.CheckAsync(IPAddress.Loopback, null, "a@x.test", "b@y.test", TestContext.Current.CancellationToken)).Verdict);
        Assert.Equal(2, table.List().Count);
        Assert.Throws<DirectoryException>(() => table.Remove(AccessKind.Sender, "x.test"));
    }
}

public sealed class AccessRulesTestsOnSqlite() : AccessRulesTests(TestDirectoryDatabase.Sqlite());

[Collection(PostgresServer.Collection)]
public sealed class AccessRulesTestsOnPostgres(PostgresServer server) : AccessRulesTests(TestDirectoryDatabase.Postgres(server));

[Collection(MariaDbServer.Collection)]
public sealed class AccessRulesTestsOnMariaDb(MariaDbServer server) : AccessRulesTests(TestDirectoryDatabase.MariaDb(server));
