namespace Mail.Actors.Queue;

/// <summary>
/// Blob ids of one accepted message. Every owner gets its own hard link, so each deletes its
/// copy independently: mailbox recipient i gets "id.i", the queue of a next hop "id.h" + the
/// hop's tag (a hash: hop names may hold characters a file name must not).
/// </summary>
public static class MessageBlobs
{
    public static string ForMailbox(string queueId, int index) => $"{queueId}.{index}";

    public static string ForHop(string queueId, string hop) => $"{queueId}.h{HopTag(hop)}";

    /// Eight hex digits of FNV-1a over the hop name.
    public static string HopTag(string hop)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(hop))
            hash = (hash ^ b) * 16777619u;
        return hash.ToString("X8");
    }
}
