using System.Diagnostics;
using System.Text.Json;
using Mail.Protocols.Smtp;
using static Mail.Actors.Tests.Bounces.Dsns;

namespace Mail.Actors.Tests.Bounces;

/// A second, independent parser: Python's email package, as a bounce processor would use it.
public sealed class DsnPythonClientTests
{
    const string Script = """
        import email, json, sys
        from email import policy
        msg = email.message_from_binary_file(sys.stdin.buffer, policy=policy.SMTP)
        parts = msg.get_payload()
        status = parts[1].get_payload()
        print(json.dumps({
            "type": msg.get_content_type(),
            "reportType": msg.get_param("report-type"),
            "parts": [p.get_content_type() for p in parts],
            "defects": [str(d) for d in msg.defects],
            "reportingMta": str(status[0]["Reporting-MTA"]),
            "recipients": [{"final": str(g["Final-Recipient"]), "action": str(g["Action"]), "status": str(g["Status"])} for g in status[1:]],
            "subject": str(msg["Subject"]),
        }))
        """;

    [Fact]
    public async Task Python_email_reads_the_report_and_every_recipient()
    {
        var request = Request(DsnReturn.Full,
            Failed("bob@example.net", "550 5.1.1 " + string.Join(' ', Enumerable.Repeat("long", 300)), new OriginalRecipient("rfc822", "bob@example.net")),
            Failed("carol@example.net", "552 5.2.2 Mailbox full") with { Status = "5.2.2" });
        var (_, bytes) = RoundTrip(request, Original);

        var output = await RunPython(bytes);

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("multipart/report", root.GetProperty("type").GetString());
        Assert.Equal("delivery-status", root.GetProperty("reportType").GetString());
        Assert.Equal(["text/plain", "message/delivery-status", "message/rfc822"],
            root.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(root.GetProperty("defects").EnumerateArray());
        Assert.Equal("dns; mx.example.com", root.GetProperty("reportingMta").GetString());
        Assert.Equal("Undelivered Mail Returned to Sender", root.GetProperty("subject").GetString());

        var recipients = root.GetProperty("recipients").EnumerateArray().ToArray();
        Assert.Equal(2, recipients.Length);
        Assert.Equal("rfc822; bob@example.net", recipients[0].GetProperty("final").GetString());
        Assert.Equal("failed", recipients[0].GetProperty("action").GetString());
        Assert.Equal("5.1.1", recipients[0].GetProperty("status").GetString());
        Assert.Equal("rfc822; carol@example.net", recipients[1].GetProperty("final").GetString());
        Assert.Equal("5.2.2", recipients[1].GetProperty("status").GetString());
    }

    static async Task<string> RunPython(byte[] input)
    {
        var start = new ProcessStartInfo("python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("python3 is not installed");
            throw;
        }

        using (process)
        {
            var ct = TestContext.Current.CancellationToken;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardInput.BaseStream.WriteAsync(input, ct);
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, await stderr);
            return await stdout;
        }
    }
}
