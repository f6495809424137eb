using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Event;
using Mail.Protocols.Smtp;

namespace Mail.Actors.Smtp;

/// <summary>
/// The banner, and Postfix postscreen's pregreet test: on the MTA listener, with
/// <see cref="SmtpSettings.GreetWait"/> set, the 220 is held back that long. A client that
/// sends anything meanwhile is a spambot that does not wait for the server (RFC 5321 4.3.1:
/// the client waits for the greeting), and is logged as Postfix does
/// (<c>PREGREET 11 after 0.07 from [ip]:port: EHLO x\r\n</c>); then
/// <see cref="SmtpSettings.GreetAction"/> decides. Nothing it sent is read before the banner:
/// under ignore and enforce its early commands are answered after it, in order. Submission
/// clients are users' programs, and mynetworks is trusted, so neither is ever made to wait.
/// </summary>
public sealed partial class SmtpSession
{
    // Postfix logs at most this much of the early talk.
    private const int PregreetShown = 100;

    private bool _greetPending;
    private bool _pregreeted;
    private long _connectedAt;

    private bool HoldsGreeting =>
        _settings.Role == SmtpRole.Mta && _settings.GreetWait > TimeSpan.Zero && !_settings.MayRelay(Connection.Remote.Address);

    private void SendOrHoldGreeting()
    {
        if (!HoldsGreeting)
        {
            Reply(SmtpReply.Greeting(_settings.Hostname));
            return;
        }
        _greetPending = true;
        _connectedAt = Stopwatch.GetTimestamp();
        Timers.StartSingleTimer("greet-wait", GreetWaitOver.Instance, _settings.GreetWait);
    }

    /// Input while the banner is held back: the first bytes make the client an early talker.
    private bool ProcessBeforeGreeting()
    {
        if (Input.Count == 0)
            return false;
        _pregreeted = true;
        var seconds = Stopwatch.GetElapsedTime(_connectedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        Log.Info("PREGREET {0} after {1} from [{2}]:{3}: {4}",
            Input.Count, seconds, Connection.Remote.Address, Connection.Remote.Port, EscapeForLog(Input.Pending));
        if (_settings.GreetAction == PregreetAction.Drop)
        {
            Log.Info("DISCONNECT [{0}]:{1}", Connection.Remote.Address, Connection.Remote.Port);
            Reply(SmtpReply.PregreetDrop);
            Close();
            return true;
        }
        // Read nothing more until the banner is out: one network read is all we keep.
        Busy = true;
        return true;
    }

    private void OnGreetWaitOver()
    {
        if (!_greetPending || Closing)
            return;
        _greetPending = false;
        Busy = false;
        Reply(SmtpReply.Greeting(_settings.Hostname));
        Pump();
    }

    /// <summary>Under greet-action = enforce, an early talker gets no RCPT through.</summary>
    private bool RefusedAsEarlyTalker(RcptTo rcpt)
    {
        if (!_pregreeted || _settings.GreetAction != PregreetAction.Enforce)
            return false;
        Log.Info("NOQUEUE: reject: RCPT from {0}: 550 5.5.1 Protocol error; from=<{1}> to=<{2}>", ClientName, _transaction!.Sender.Address?.ToString() ?? "", rcpt.Recipient);
        Error(SmtpReply.PregreetEnforce);
        return true;
    }

    /// <summary>The first line of what the client sent, printable: "\r", "\n", "\\" and "\xHH" for the rest.</summary>
    internal static string EscapeForLog(ReadOnlySpan<byte> bytes)
    {
        var lf = bytes.IndexOf((byte)'\n');
        var line = bytes[..Math.Min(lf < 0 ? bytes.Length : lf + 1, PregreetShown)];
        var text = new StringBuilder(line.Length + 8);
        foreach (var b in line)
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }
        return text.ToString();
    }

    private sealed record GreetWaitOver
    {
        public static GreetWaitOver Instance { get; } = new();
    }
}
