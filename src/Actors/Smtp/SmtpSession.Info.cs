using Akka.Actor;
using Mail.Actors.Metrics;

namespace Mail.Actors.Smtp;

// `maild sessions`: answered ahead of the behaviour (AroundReceive), so a session that waits
// on a commit still says what it is doing instead of timing the admin out.
public sealed partial class SmtpSession
{
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not GetSessionInfo)
            return base.AroundReceive(receive, message);
        Sender.Tell(new SessionInfo("smtp", Connection.Remote.ToString(), Connection.Local.ToString(), _authenticatedUser,
            _state.ToString(), Connection.IsSecure, _since, Self.Path.ToStringWithoutAddress()));
        return true;
    }
}
