namespace Mail.Host.Directory;

/// <summary>A row of <c>maild domain list</c>.</summary>
public sealed record DomainEntry(string Name, DateTimeOffset CreatedAt, int UserCount);

/// <summary>A row of <c>maild user list</c>. The password hash is deliberately absent.</summary>
public sealed record UserEntry(string Address, string Domain, DateTimeOffset CreatedAt);
