using System.Text;
using Mail.Actors.Smtp;

namespace Mail.Actors.Tests.Smtp;

public sealed class SubmissionCleanupTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 27, 1, 2, 3, TimeSpan.Zero);

    private static string Run(string message, int chunk)
    {
        var cleanup = new SubmissionCleanup("Q1@mx.test", When);
        var output = new MemoryStream();
        var bytes = Encoding.ASCII.GetBytes(message);
        for (var i = 0; i < bytes.Length; i += chunk)
            output.Write(cleanup.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i))).Span);
        output.Write(cleanup.Finish().Span);
        return Encoding.ASCII.GetString(output.ToArray());
    }

    public static TheoryData<int> Chunks => [1, 2, 3, 7, 4096];

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Missing_fields_are_added_before_the_client_headers(int chunk)
    {
        Assert.Equal(
            "Message-ID: <Q1@mx.test>\r\nDate: Fri, 27 Nov 2026 01:02:03 +0000\r\nSubject: hi\r\nFrom: a@b\r\n\r\nbody\r\nDate: not a header\r\n",
            Run("Subject: hi\r\nFrom: a@b\r\n\r\nbody\r\nDate: not a header\r\n", chunk));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Present_fields_in_any_case_or_folded_are_kept_and_nothing_is_added(int chunk)
    {
        const string message = "message-id:\r\n <x@y>\r\nDATE: Thu, 26 Nov 2026 00:00:00 +0000\r\nSubject: s\r\n\r\nbody\r\n";
        Assert.Equal(message, Run(message, chunk));
    }

    [Fact]
    public void A_folded_line_is_not_a_field_name()
    {
        Assert.StartsWith("Message-ID: <Q1@mx.test>\r\nDate:", Run("Subject: a\r\n Date: b\r\n\r\nx\r\n", 5), StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_only_message_and_huge_header_blocks()
    {
        Assert.Equal("Message-ID: <Q1@mx.test>\r\nSubject: s\r\n", Run("Subject: s\r\n", 3).Replace("Date: Fri, 27 Nov 2026 01:02:03 +0000\r\n", ""));
        var huge = "X-Big: " + new string('a', SubmissionCleanup.MaxHeld) + "\r\n\r\nbody\r\n";
        Assert.Equal(huge, Run(huge, 8192)); // passed through untouched
    }
}
