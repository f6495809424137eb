namespace Mail.Actors.Directory;

/// <summary>
/// What the directory holds about one batch of addresses and their domains: the only thing
/// an expansion level needs, so that a SQL directory answers it in one round trip.
/// </summary>
/// <param name="Domains">Those of the asked domains that are ours: name → the target domain of
/// an alias domain, or null for a mailbox domain.</param>
/// <param name="Users">Those of the asked addresses that are users (mailboxes).</param>
/// <param name="Aliases">Alias destinations by source, for the asked addresses and for the
/// catch-alls ("@domain") of the asked domains.</param>
public sealed record DirectoryFacts(
    IReadOnlyDictionary<string, string?> Domains,
    IReadOnlySet<string> Users,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases);

/// <summary>Fetches the <see cref="DirectoryFacts"/> of canonical addresses and domains.</summary>
public delegate ValueTask<DirectoryFacts> FetchDirectoryFacts(
    IReadOnlyCollection<string> addresses, IReadOnlyCollection<string> domains, CancellationToken ct);

/// <summary>
/// The role accounts and limits of alias expansion. <paramref name="PostmasterAddress"/> gets
/// postmaster@ and abuse@ of every domain of ours (and of <paramref name="Hostname"/>) that has
/// no user or alias of that name (RFC 5321 4.5.1, RFC 2142); when it is itself a local address
/// with no user or alias, mail is kept in the mailbox of that name until someone adds it.
/// </summary>
public sealed record AliasPolicy(string PostmasterAddress, string Hostname, int RecursionLimit = 20, int ExpansionLimit = 1000)
{
    public static readonly IReadOnlyList<string> RoleAccounts = ["postmaster", "abuse"];
}

/// <summary>
/// Virtual alias expansion, in Postfix's order: for each address, an exact alias first; in an
/// alias domain, the rewrite to the target domain; then the user (mailbox); then the domain's
/// catch-all "@domain"; then the postmaster/abuse default. Expansion is recursive, level by
/// level (one <see cref="FetchDirectoryFacts"/> per level). An address that lists itself among
/// its destinations is delivered as itself and not expanded again (Postfix: "an address may
/// expand into itself once"). Any other path that comes back to an address on it is a loop,
/// and a loop, nesting deeper than the limit or more addresses than the limit is an
/// <see cref="RecipientResolution.ExpansionError"/>. Final targets are deduplicated.
/// </summary>
public static class AliasExpansion
{
    private sealed class Node(string address, Node? parent, bool pinned)
    {
        public string Address { get; } = address;
        public Node? Parent { get; } = parent;
        /// Listed by itself as its own destination: delivered as is, never expanded again.
        public bool Pinned { get; } = pinned;
        public bool ListsItself { get; set; }
        public int Depth { get; } = parent is null ? 0 : parent.Depth + 1;
        public string LocalPart => Address[..Math.Max(0, Address.LastIndexOf('@'))];
        public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

        public Node? Ancestor(string address)
        {
            for (var n = Parent; n is not null; n = n.Parent)
                if (n.Address == address) return n;
            return null;
        }

        public string Path() => Parent is null ? Address : Parent.Path() + " -> " + Address;
    }

    /// <summary>Resolves a canonical (lower-case) address; see the class summary for the rules.</summary>
    public static async ValueTask<RecipientResolution> ResolveAsync(
        string address, AliasPolicy policy, FetchDirectoryFacts fetch, CancellationToken ct = default)
    {
        var root = new Node(address, null, false);
        List<Node> level = [root];
        var targets = new List<ResolvedTarget>();
        var seen = new HashSet<string>();
        var dropped = new List<string>();
        var total = 1;
        while (level.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var facts = await fetch(
                [.. level.Select(n => n.Address).Distinct()], [.. level.Select(n => n.Domain).Distinct()], ct);
            var next = new List<Node>();
            foreach (var node in level)
            {
                var step = Step(node, facts, policy);
                if (step.NotOurs)
                {
                    if (node.Parent is null)
                        return RecipientResolution.NotLocal.Instance;
                    Add(new ResolvedTarget(node.Address, null));
                }
                else if (step.Mailbox is { } mailbox)
                    Add(new ResolvedTarget(node.Address, mailbox));
                else if (step.Children is { } children)
                {
                    foreach (var child in children.Distinct())
                    {
                        if (child == node.Address)
                        {
                            node.ListsItself = true;
                            next.Add(new Node(child, node, pinned: true));
                        }
                        else if (node.Ancestor(child) is { } ancestor)
                        {
                            // Back to an address delivered as itself: that delivery, once. Anything else loops.
                            if (!ancestor.ListsItself)
                                return new RecipientResolution.ExpansionError($"alias loop: {node.Path()} -> {child}");
                            next.Add(new Node(child, node, pinned: true));
                        }
                        else
                            next.Add(new Node(child, node, pinned: false));
                    }
                }
                else if (node.Parent is not null)
                    dropped.Add(node.Address);
            }
            total += next.Count;
            if (total > policy.ExpansionLimit)
                return new RecipientResolution.ExpansionError($"<{address}> expands to more than {policy.ExpansionLimit} addresses");
            if (next.Count > 0 && next[0].Depth > policy.RecursionLimit)
                return new RecipientResolution.ExpansionError($"alias nesting deeper than {policy.RecursionLimit}: {next[0].Path()}");
            level = next;
        }
        return targets.Count == 0
            ? RecipientResolution.UnknownUser.Instance
            : new RecipientResolution.Deliver(targets, dropped);

        void Add(ResolvedTarget target)
        {
            if (seen.Add(target.MailboxId ?? "remote:" + target.Address))
                targets.Add(target);
        }
    }

    private readonly record struct StepResult(bool NotOurs = false, string? Mailbox = null, IReadOnlyList<string>? Children = null);

    private static StepResult Step(Node node, DirectoryFacts facts, AliasPolicy policy)
    {
        var ours = facts.Domains.TryGetValue(node.Domain, out var aliasOf);
        var role = policy.PostmasterAddress.Length > 0
            && AliasPolicy.RoleAccounts.Contains(node.LocalPart) && (ours || node.Domain == policy.Hostname);
        var isPostmaster = node.Address == policy.PostmasterAddress;
        if (!ours && !role && !isPostmaster)
            return new StepResult(NotOurs: true);
        if (!node.Pinned)
        {
            if (facts.Aliases.TryGetValue(node.Address, out var destinations))
                return new StepResult(Children: destinations);
            if (aliasOf is not null)
                return new StepResult(Children: [node.LocalPart + "@" + aliasOf]);
        }
        if (ours && aliasOf is null && facts.Users.Contains(node.Address))
            return new StepResult(Mailbox: node.Address);
        if (!node.Pinned && ours && facts.Aliases.TryGetValue("@" + node.Domain, out var catchAll))
            return new StepResult(Children: catchAll);
        // The postmaster address itself, with no user or alias: its mailbox keeps the mail.
        if (isPostmaster && aliasOf is null)
            return ours || role ? new StepResult(Mailbox: node.Address) : new StepResult(NotOurs: true);
        if (role && !node.Pinned)
            return new StepResult(Children: [policy.PostmasterAddress]);
        return default;
    }
}
