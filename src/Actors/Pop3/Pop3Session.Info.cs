namespace Mail.Actors.Pop3;

// `maild sessions`: the user is shown once the maildrop is open, not after a bare USER.
public sealed partial class Pop3Session
{
    protected override (string Protocol, string? User, string State) Describe() =>
        ("pop3", _mailboxId, _state.ToString());
}
