namespace Mail.Actors.Smtp;

// `maild sessions`: the SASL user, if any, and the SMTP state.
public sealed partial class SmtpSession
{
    protected override (string Protocol, string? User, string State) Describe() =>
        ("smtp", _authenticatedUser, _state.ToString());
}
