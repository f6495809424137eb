namespace Mail.Actors.Imap;

// `maild sessions`: the login name once LOGIN/AUTHENTICATE succeeded, and the selected folder.
public sealed partial class ImapSession
{
    protected override (string Protocol, string? User, string State) Describe() =>
        ("imap", _user, _selected is null ? _state.ToString() : $"{_state} ({_selected.Folder})");
}
