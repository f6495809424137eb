namespace Mail.Host.Directory;

/// <summary>
/// The sender login check per user and per domain (`maild user|domain set ... --sender-login-check`):
/// on, off, or null to inherit (user, then domain, then maild.smtp.reject-sender-login-mismatch).
/// A running server applies a change from its next session on.
/// </summary>
public sealed partial class DirectoryAdmin
{
    public void SetUserSenderLoginCheck(string address, bool? check)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        if (_db.Run(c => Sql.Execute(c, "UPDATE users SET sender_login_check = @v WHERE address = @a;", ("@v", ToColumn(check)), ("@a", mailbox))) == 0)
            throw UserNotFound(mailbox);
    }

    /// Only on domains of users: an alias domain has no logins of its own.
    public void SetDomainSenderLoginCheck(string domain, bool? check)
    {
        var name = AddressSyntax.NormalizeDomain(domain);
        var updated = _db.Run(c => Sql.Execute(c,
            "UPDATE domains SET sender_login_check = @v WHERE name = @name AND alias_of IS NULL;", ("@v", ToColumn(check)), ("@name", name)));
        if (updated == 0)
        {
            var isAlias = _db.Run(c => DomainKind(c, name)) is { Length: > 0 };
            throw isAlias
                ? new DirectoryException(DirectoryErrorKind.Invalid, $"domain {name} is an alias domain; set the check on its target")
                : DomainNotFound(name);
        }
    }

    /// What is stored for a user and for its domain (null: inherit), for `maild user show`-like output and tests.
    public (bool? User, bool? Domain) GetSenderLoginCheck(string address)
    {
        var mailbox = AddressSyntax.NormalizeAddress(address);
        var rows = _db.Run(c => Sql.Query(c,
            "SELECT u.sender_login_check, d.sender_login_check FROM users u JOIN domains d ON d.name = u.domain WHERE u.address = @a;",
            r => (FromColumn(r, 0), FromColumn(r, 1)), ("@a", mailbox)));
        return rows.Count == 0 ? throw UserNotFound(mailbox) : rows[0];
    }

    private static object? ToColumn(bool? check) => check switch
    {
        null => null,
        true => 1L,
        false => 0L,
    };

    private static bool? FromColumn(System.Data.Common.DbDataReader r, int i) => Sql.NullableInteger(r, i) is { } v ? v != 0 : null;
}
