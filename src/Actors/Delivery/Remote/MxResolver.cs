using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// MX lookup with DnsClient: the MX query, then A and AAAA of each exchanger. Order and
/// null-MX rules live in <see cref="MxSelection"/>; this class only talks to DNS and maps its
/// answers to <see cref="MxResolution"/>. Thread-safe (one LookupClient, shared cache).
/// </summary>
public sealed class MxResolver
{
    private static readonly TimeSpan MaxCacheTime = TimeSpan.FromHours(1);

    private readonly LookupClient _lookup;

    public MxResolver(RemoteDeliverySettings settings)
    {
        var options = settings.DnsServers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions([.. settings.DnsServers]);
        options.UseCache = true;
        options.Timeout = settings.DnsTimeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        options.UseTcpFallback = true;
        _lookup = new LookupClient(options);
    }

    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken ct = default)
    {
        try
        {
            var mx = await _lookup.QueryAsync(domain, QueryType.MX, cancellationToken: ct);
            if (Failure(mx, domain, "MX") is { } failure)
                return failure;
            var records = mx.Answers.MxRecords()
                .Select(r => (Exchange: r.Exchange.Value, Preference: (int)r.Preference))
                .ToList();
            var ttl = MinTtl(mx.Answers, MaxCacheTime);
            var order = MxSelection.Order(domain, records, Random.Shared);
            if (order is null)
                return new MxResolution.NullMx();

            var hosts = new List<MxHost>();
            string? temporary = null;
            foreach (var (host, preference) in order)
            {
                var addresses = new List<IPAddress>();
                foreach (var type in new[] { QueryType.A, QueryType.AAAA })
                {
                    var answer = await _lookup.QueryAsync(host, type, cancellationToken: ct);
                    if (Failure(answer, host, type.ToString()) is MxResolution.TemporaryFailure t)
                    {
                        temporary ??= t.Detail;
                        continue;
                    }
                    ttl = MinTtl(answer.Answers, ttl);
                    addresses.AddRange(answer.Answers.ARecords().Select(a => a.Address));
                    addresses.AddRange(answer.Answers.AaaaRecords().Select(a => a.Address));
                }
                if (addresses.Count > 0)
                    hosts.Add(new MxHost(host, addresses, preference));
            }
            if (hosts.Count > 0)
                return new MxResolution.Found(hosts, ttl);
            return temporary is not null
                ? new MxResolution.TemporaryFailure(temporary)
                : new MxResolution.NotFound(NameServiceError(order[0].Host, "A", "Host found but no data record of requested type"));
        }
        catch (DnsResponseException e)
        {
            return new MxResolution.TemporaryFailure(NameServiceError(domain, "MX", "Host not found, try again") + $" ({e.Code})");
        }
    }

    private static MxResolution? Failure(IDnsQueryResponse response, string name, string type) =>
        response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => null,
            DnsHeaderResponseCode.NotExistentDomain => new MxResolution.NotFound(NameServiceError(name, type, "Host not found")),
            _ => new MxResolution.TemporaryFailure(NameServiceError(name, type, "Host not found, try again")),
        };

    private static string NameServiceError(string name, string type, string text) =>
        $"Host or domain name not found. Name service error for name={name} type={type}: {text}";

    private static TimeSpan MinTtl(IEnumerable<DnsResourceRecord> records, TimeSpan current)
    {
        foreach (var record in records)
        {
            var ttl = TimeSpan.FromSeconds(record.TimeToLive);
            if (ttl < current)
                current = ttl;
        }
        return current;
    }
}
