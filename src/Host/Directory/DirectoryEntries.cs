namespace Mail.Host.Directory;

/// <summary>A row of <c>maild domain list</c>; <paramref name="AliasOf"/> is set for an alias domain.</summary>
public sealed record DomainEntry(string Name, DateTimeOffset CreatedAt, int UserCount, string? AliasOf = null, int AliasCount = 0);

/// <summary>A row of <c>maild alias list</c>: one destination of <paramref name="Source"/>
/// ("local@domain", or "@domain" for a catch-all).</summary>
public sealed record AliasEntry(string Source, string Destination, string Domain, DateTimeOffset CreatedAt);

/// <summary>A row of <c>maild user list</c>. The password hash is deliberately absent.</summary>
public sealed record UserEntry(string Address, string Domain, DateTimeOffset CreatedAt);
