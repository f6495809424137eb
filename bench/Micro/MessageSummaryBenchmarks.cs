using System.Text;
using BenchmarkDotNet.Attributes;
using Mail.Protocols.Imap;

namespace Mail.Micro;

/// <summary>
/// <see cref="MessageSummary.Create(ReadOnlyMemory{byte})"/>: the parse that every delivered
/// message goes through once (ENVELOPE, BODYSTRUCTURE, part offsets), on a typical
/// multipart/mixed message: a multipart/alternative text and HTML body and a base64 attachment.
/// </summary>
[MemoryDiagnoser]
public class MessageSummaryBenchmarks
{
    private byte[] _message = [];

    [Params(4, 64)]
    public int AttachmentKiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var attachment = Convert.ToBase64String(new byte[AttachmentKiB * 1024].Select((_, i) => (byte)i).ToArray(),
            Base64FormattingOptions.InsertLineBreaks);
        var text = string.Join("\r\n", Enumerable.Repeat("The quarterly numbers are attached; see the summary below.", 20));
        _message = Encoding.ASCII.GetBytes($"""
            From: "Alice Example" <alice@example.org>
            To: Bob <bob@example.net>, carol@example.net
            Cc: team@example.org
            Subject: =?utf-8?q?Quarterly_report_=E2=80=93_Q3?=
            Date: Tue, 04 Nov 2025 10:15:00 +0100
            Message-ID: <report-q3@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 7bit

            {text}
            --inner
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: 7bit

            <html><body><p>{text}</p></body></html>
            --inner--
            --outer
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            {attachment}
            --outer--

            """.ReplaceLineEndings("\r\n"));
    }

    [Benchmark]
    public MessageSummary Create() => MessageSummary.Create(_message);
}
