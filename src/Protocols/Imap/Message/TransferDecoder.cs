using MimeKit.Encodings;

namespace Mail.Protocols.Imap;

/// <summary>
/// Content-Transfer-Encoding decoding for BINARY (RFC 3516) with MimeKit's decoders. Identity
/// encodings pass through; an encoding nobody knows gives null, which the session answers
/// with NO [UNKNOWN-CTE].
/// </summary>
public static class TransferDecoder
{
    public static byte[]? Decode(byte[] octets, string transferEncoding)
    {
        IMimeDecoder decoder;
        switch (transferEncoding.ToLowerInvariant())
        {
            case "7bit" or "8bit" or "binary" or "":
                return octets;
            case "base64":
                decoder = new Base64Decoder();
                break;
            case "quoted-printable":
                decoder = new QuotedPrintableDecoder();
                break;
            case "x-uuencode" or "uuencode" or "x-uue":
                decoder = new UUDecoder();
                break;
            default:
                return null;
        }
        var output = new byte[decoder.EstimateOutputLength(octets.Length)];
        var length = decoder.Decode(octets, 0, octets.Length, output);
        return output.AsSpan(0, length).ToArray();
    }
}
