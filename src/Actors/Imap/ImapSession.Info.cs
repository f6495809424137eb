using Akka.Actor;
using Mail.Actors.Metrics;

namespace Mail.Actors.Imap;

// `maild sessions`: answered ahead of the behaviour (AroundReceive), so a session in IDLE or
// waiting on its mailbox still answers. The user is the login name once LOGIN/AUTHENTICATE succeeded.
public sealed partial class ImapSession
{
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not GetSessionInfo)
            return base.AroundReceive(receive, message);
        var state = _selected is null ? _state.ToString() : $"{_state} ({_selected.Folder})";
        Sender.Tell(new SessionInfo("imap", Connection.Remote.ToString(), Connection.Local.ToString(), _user,
            state, Connection.IsSecure, _since, Self.Path.ToStringWithoutAddress()));
        return true;
    }
}
