using System.Security.Cryptography;

namespace Mail.Actors.Storage;

/// <summary>
/// Queue ids name an accepted message everywhere (logs, blob files, mailbox idempotency),
/// like Postfix's long queue ids: time-ordered so `ls` and log greps sort by arrival, with
/// enough randomness that two nodes never collide without coordinating.
/// Form: 11 characters of microseconds since the Unix epoch (55 bits: good for a thousand
/// years) then 5 random characters (25 bits), in Crockford's base 32 (digits and capitals
/// without I, L, O, U): 16 characters, file-name safe, unique even case-insensitively.
/// The time part never repeats within a process (two ids in one microsecond take the next
/// one), because a mailbox treats a repeated queue id as a retry and would drop the message.
/// </summary>
public static class QueueId
{
    public const int Length = 16;
    private const int TimeChars = 11;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static long _lastMicros;

    public static string New() => New(NextMicros(DateTimeOffset.UtcNow));

    /// An id for a given time, for tests; <see cref="New()"/> is the one that never repeats.
    public static string New(DateTimeOffset now) => New((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);

    private static long NextMicros(DateTimeOffset now)
    {
        var micros = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        while (true)
        {
            var last = Interlocked.Read(ref _lastMicros);
            var next = Math.Max(micros, last + 1);
            if (Interlocked.CompareExchange(ref _lastMicros, next, last) == last)
                return next;
        }
    }

    private static string New(long unixMicros)
    {
        Span<char> chars = stackalloc char[Length];
        var micros = (ulong)unixMicros;
        for (var i = TimeChars - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(micros & 31)];
            micros >>= 5;
        }
        Span<byte> random = stackalloc byte[Length - TimeChars];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < random.Length; i++)
            chars[TimeChars + i] = Alphabet[random[i] & 31];
        return new string(chars);
    }
}
