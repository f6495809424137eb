using Akka.Event;

namespace Mail.Actors.Imap;

/// <summary>
/// Octets in and out and why the session ended, for the line an admin greps when a user says
/// "my mail client keeps disconnecting" (Dovecot: "imap(user): Disconnected: Logged out
/// in=123 out=4567"). A LOGOUT logs <c>imap logout user=&lt;u&gt; rip=.. in=.. out=..</c>; any
/// other end <c>imap disconnect user=&lt;u&gt; rip=.. reason=.. in=.. out=..</c>.
/// </summary>
public sealed partial class ImapSession
{
    private const string LoggedOut = "logged out";

    private long _bytesIn;
    private long _bytesOut;
    // The first reason the session learnt it is ending; the peer's close counts only if none.
    private string? _endReason;

    private void Send(byte[] bytes)
    {
        _bytesOut += bytes.Length;
        Connection.Send(bytes);
    }

    private void Ending(string reason) => _endReason ??= reason;

    private void LogSessionEnd()
    {
        var user = _user ?? "-";
        if (_endReason == LoggedOut)
            Log.Info("imap logout user=<{0}> rip={1} in={2} out={3}", user, Connection.Remote.Address, _bytesIn, _bytesOut);
        else
            Log.Info("imap disconnect user=<{0}> rip={1} reason=[{2}] in={3} out={4}",
                user, Connection.Remote.Address, _endReason ?? "closed", _bytesIn, _bytesOut);
    }
}
