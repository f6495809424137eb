using Mail.Actors.Directory;
using System.Data.Common;

namespace Mail.Host.Directory;

/// <summary>
/// Aliases (Postfix's virtual_alias_maps): a source address, or "@domain" for a catch-all, and
/// one row per destination. The source's domain must be ours (a mailbox or alias domain); a
/// destination may be local or remote. A new alias is resolved inside its own transaction
/// before commit, so a destination that leads nowhere or a loop is refused, not discovered by
/// the first sender.
/// </summary>
public sealed partial class DirectoryAdmin
{
    /// <summary>Adds every destination to <paramref name="source"/>; refused as a whole if one pair exists.</summary>
    public void AddAlias(string source, IReadOnlyCollection<string> destinations)
    {
        var (src, domain) = NormalizeSource(source);
        if (destinations.Count == 0)
            throw new DirectoryException(DirectoryErrorKind.Invalid, "give at least one destination address");
        var targets = destinations.Select(AddressSyntax.NormalizeAddress).Distinct().ToList();
        _db.Run(c =>
        {
            using var tx = _db.BeginWrite(c);
            _ = DomainKind(c, domain) ?? throw DomainNotFound(domain);
            foreach (var target in targets)
            {
                try
                {
                    Sql.Execute(c, "INSERT INTO aliases(source, destination, domain, created_at) VALUES (@s, @d, @domain, @now);",
                        ("@s", src), ("@d", target), ("@domain", domain), ("@now", Timestamp.Now()));
                }
                catch (DbException e) when (_db.IsDuplicateKey(e))
                {
                    throw new DirectoryException(DirectoryErrorKind.AlreadyExists, $"alias {src} -> {target} already exists", e);
                }
            }
            foreach (var target in targets)
                Check(src, target, SqlDirectory.Resolve(c, target, _policy, default));
            if (!src.StartsWith('@'))
                Check(src, src, SqlDirectory.Resolve(c, src, _policy, default));
            tx.Commit();
        });
    }

    /// <summary>Removes one destination, or with none every destination of <paramref name="source"/>.</summary>
    public void RemoveAlias(string source, string? destination = null)
    {
        var (src, domain) = NormalizeSource(source);
        var target = destination is null ? null : AddressSyntax.NormalizeAddress(destination);
        var removed = _db.Run(c => Sql.Execute(c,
            $"DELETE FROM aliases WHERE source = @s {(target is null ? "" : "AND destination = @d")};",
            ("@s", src), ("@d", target)));
        if (removed == 0)
            throw new DirectoryException(DirectoryErrorKind.NotFound,
                $"alias {src}{(target is null ? "" : " -> " + target)} does not exist (see: maild alias list {domain})");
    }

    /// <summary>All aliases, or those whose source is in one domain (which must exist).</summary>
    public IReadOnlyList<AliasEntry> ListAliases(string? domain = null)
    {
        var name = domain is null ? null : AddressSyntax.NormalizeDomain(domain.TrimStart('@'));
        return _db.Run(c =>
        {
            if (name is not null && DomainKind(c, name) is null)
                throw DomainNotFound(name);
            return Sql.Query(c,
                $"""
                SELECT source, destination, domain, created_at FROM aliases {(name is null ? "" : "WHERE domain = @name")}
                ORDER BY domain, substr(source, 1, 1) <> '@', source, destination;
                """,
                r => new AliasEntry(r.GetString(0), r.GetString(1), r.GetString(2), Timestamp.Parse(r.GetString(3))),
                ("@name", name));
        });
    }

    /// <summary>Refuses (the transaction is then rolled back) what RCPT could not use.</summary>
    private static void Check(string source, string checkedAddress, RecipientResolution resolution)
    {
        switch (resolution)
        {
            case RecipientResolution.UnknownUser when checkedAddress == source:
                throw new DirectoryException(DirectoryErrorKind.Invalid,
                    $"alias {source} would lead nowhere: none of its destinations is a user or a working alias");
            case RecipientResolution.UnknownUser:
                throw new DirectoryException(DirectoryErrorKind.NotFound,
                    $"destination {checkedAddress} is not a user or alias here; add it first (maild user add {checkedAddress})");
            case RecipientResolution.ExpansionError e:
                throw new DirectoryException(DirectoryErrorKind.Invalid, $"alias {source} refused: {e.Reason}");
        }
    }

    private static (string Source, string Domain) NormalizeSource(string source)
    {
        if (source.StartsWith('@'))
        {
            var domain = AddressSyntax.NormalizeDomain(source[1..]);
            return ("@" + domain, domain);
        }
        var address = AddressSyntax.NormalizeAddress(source);
        return (address, AddressSyntax.DomainOf(address));
    }
}
