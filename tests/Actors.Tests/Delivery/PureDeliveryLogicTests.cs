using Mail.Actors.Delivery;
using Mail.Actors.Delivery.Remote;

namespace Mail.Actors.Tests.Delivery;

/// The pure parts: MX ordering, reply mapping, slow start, the log line.
public sealed class PureDeliveryLogicTests
{
    [Fact]
    public void Equal_preferences_are_shuffled_but_stay_behind_lower_ones()
    {
        var records = new[] { ("c.test", 20), ("a.test", 10), ("b1.test", 15), ("b2.test", 15) };
        var seen = new HashSet<string>();
        for (var seed = 0; seed < 50; seed++)
        {
            var order = MxSelection.Order("x.test", records, new Random(seed))!;
            Assert.Equal("a.test", order[0].Host);
            Assert.Equal("c.test", order[3].Host);
            seen.Add(order[1].Host);
        }
        Assert.Equal(["b1.test", "b2.test"], seen.Order());
    }

    [Fact]
    public void Single_dot_is_null_MX_and_no_records_is_the_implicit_MX()
    {
        Assert.Null(MxSelection.Order("x.test", [(".", 0)], Random.Shared));
        Assert.Equal([("x.test", 0)], MxSelection.Order("x.test", [], Random.Shared));
        Assert.Equal([("mx.test", 10)], MxSelection.Order("x.test", [(".", 0), ("mx.test.", 10)], Random.Shared));
    }

    [Theory]
    [InlineData(550, "5.1.1 <b@x>: User unknown", "5.1.1", DeliveryStatus.Failed, "550 5.1.1 <b@x>: User unknown")]
    [InlineData(450, "4.2.0 try later", "4.2.0", DeliveryStatus.Deferred, "450 4.2.0 try later")]
    [InlineData(451, "Local error", "4.0.0", DeliveryStatus.Deferred, "451 Local error")]
    [InlineData(250, "2.0.0 Ok: queued as X", "2.0.0", DeliveryStatus.Delivered, "250 2.0.0 Ok: queued as X")]
    [InlineData(554, "2.0.0 wrong class", "5.0.0", DeliveryStatus.Failed, "554 2.0.0 wrong class")]
    [InlineData(550, "5.7.1 first\nsecond", "5.7.1", DeliveryStatus.Failed, "550 5.7.1 first second")]
    public void Replies_map_to_status_dsn_and_diagnostic(int code, string text, string dsn, DeliveryStatus status, string diagnostic)
    {
        Assert.Equal(dsn, SmtpReplyText.EnhancedCode(code, text));
        Assert.Equal(status, SmtpReplyText.StatusOf(code));
        Assert.Equal(diagnostic, SmtpReplyText.Diagnostic(code, text));
    }

    [Fact]
    public void Slow_start_grows_per_success_up_to_the_limit_and_shrinks_to_one()
    {
        var window = SlowStart.Begin(2, 4);
        Assert.Equal(2, window.Window);
        window = window.Success().Success().Success();
        Assert.Equal(4, window.Window);
        window = window.Failure().Failure().Failure().Failure().Failure();
        Assert.Equal(1, window.Window);
    }

    [Fact]
    public void Log_line_reads_like_Postfix()
    {
        var arrival = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var outcome = new RecipientOutcome("bob@example.test", DeliveryStatus.Delivered, "2.0.0", "250 2.0.0 Ok: queued as X", "mx.example.test[127.0.0.1]:2525", "mx.example.test");

        Assert.Equal(
            "Q1: to=<bob@example.test>, relay=mx.example.test[127.0.0.1]:2525, delay=1.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X)",
            DeliveryLog.Line("Q1", outcome, arrival, arrival.AddMilliseconds(1234)));
    }
}
