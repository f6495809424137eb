using System.Net;

namespace Mail.Actors.Delivery.Remote;

/// <summary>One mail exchanger to try, with the addresses its name resolved to.</summary>
public sealed record MxHost(string Name, IReadOnlyList<IPAddress> Addresses, int Preference);

/// <summary>What DNS said about where a domain's mail goes.</summary>
public abstract record MxResolution
{
    private MxResolution()
    {
    }

    /// Hosts in the order to try them (preference, shuffled among equals). <paramref name="Ttl"/>
    /// is the smallest TTL seen, for caching.
    public sealed record Found(IReadOnlyList<MxHost> Hosts, TimeSpan Ttl) : MxResolution;

    /// RFC 7505: the domain publishes "MX 0 ." and accepts no mail.
    public sealed record NullMx : MxResolution;

    /// NXDOMAIN, or no host with an address: permanent (Postfix 5.4.4).
    public sealed record NotFound(string Detail) : MxResolution;

    /// SERVFAIL, timeout, refused: try again later (Postfix 4.4.3).
    public sealed record TemporaryFailure(string Detail) : MxResolution;
}

/// <summary>The pure half of MX selection: which host names to look up, in what order.</summary>
public static class MxSelection
{
    /// <summary>
    /// Orders MX records by preference, shuffling equal preferences (RFC 5321 5.1). Returns
    /// null for a null MX (a single record whose exchange is "."), and the domain itself at
    /// preference 0 when there are no MX records at all (the implicit MX). A "." mixed with real
    /// exchanges is invalid by RFC 7505 3; it is skipped and the others used.
    /// </summary>
    public static IReadOnlyList<(string Host, int Preference)>? Order(
        string domain, IReadOnlyList<(string Exchange, int Preference)> records, Random random)
    {
        if (records.Count == 0)
            return [(domain, 0)];
        if (records.Count == 1 && IsRoot(records[0].Exchange))
            return null;
        return [.. records
            .Where(r => !IsRoot(r.Exchange))
            .Select(r => (Host: r.Exchange.TrimEnd('.'), r.Preference, Tie: random.Next()))
            .OrderBy(r => r.Preference)
            .ThenBy(r => r.Tie)
            .DistinctBy(r => r.Host, StringComparer.OrdinalIgnoreCase)
            .Select(r => (r.Host, r.Preference))];
    }

    private static bool IsRoot(string exchange) => exchange is "." or "";
}
