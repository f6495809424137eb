using Akka.Actor;
using Mail.Actors.Metrics;

namespace Mail.Actors.Pop3;

// `maild sessions`: answered ahead of the behaviour (AroundReceive), so a session busy with a
// RETR still answers. The user is shown once the maildrop is open, not after a bare USER.
public sealed partial class Pop3Session
{
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not GetSessionInfo)
            return base.AroundReceive(receive, message);
        Sender.Tell(new SessionInfo("pop3", Connection.Remote.ToString(), Connection.Local.ToString(), _mailboxId,
            _state.ToString(), Connection.IsSecure, _since, Self.Path.ToStringWithoutAddress()));
        return true;
    }
}
