using System.Net;

namespace Mail.Host.Network;

/// <summary>
/// How many connections a listener takes (Postfix's process limit and anvil's
/// smtpd_client_connection_count_limit): at most <paramref name="Total"/> at once, at most
/// <paramref name="PerClient"/> from one address unless <paramref name="Exempt"/> says so
/// (mynetworks, like smtpd_client_event_limit_exceptions). A connection over a limit gets
/// <paramref name="Refusal"/> (e.g. "421 4.7.0 ...") and is closed before any session starts.
/// </summary>
public sealed record ConnectionLimits(int Total, int PerClient, Func<IPAddress, bool> Exempt, Func<IPAddress, bool, string> Refusal)
{
    public static ConnectionLimits None { get; } = new(int.MaxValue, int.MaxValue, _ => true, (_, _) => "");

    /// Null when the connection may go on, else the line to send before closing.
    public string? Check(IPAddress client, int total, int fromClient)
    {
        if (total >= Total)
            return Refusal(client, false);
        if (fromClient >= PerClient && !Exempt(client))
            return Refusal(client, true);
        return null;
    }
}
