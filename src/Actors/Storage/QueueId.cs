using System.Security.Cryptography;

namespace Mail.Actors.Storage;

/// <summary>
/// Queue ids name an accepted message everywhere (logs, blob files, mailbox idempotency),
/// like Postfix's long queue ids: time-ordered so `ls` and log greps sort by arrival,
/// with enough randomness that two nodes never collide without coordinating.
/// Form: 10 chars of microseconds since the epoch + 6 random chars, base-32 (0-9, B-Z minus vowels
/// in part), 16 chars in all; file-name safe and case-insensitive-unique.
/// </summary>
public static class QueueId
{
    private const string Alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZb"; // 32 symbols, no confusable vowels

    public static string New() => New(DateTimeOffset.UtcNow);

    public static string New(DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[16];
        var micros = (ulong)(now.ToUnixTimeMilliseconds() * 1000 + (now.Ticks / 10 % 1000));
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(micros & 31)];
            micros >>= 5;
        }
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < 6; i++)
            chars[10 + i] = Alphabet[random[i] & 31];
        return new string(chars);
    }
}
