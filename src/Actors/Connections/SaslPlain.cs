using System.Text;

namespace Mail.Actors.Connections;

/// <summary>
/// SASL PLAIN (RFC 4616): base64 of authzid NUL authcid NUL passwd. We log in as authcid;
/// an authzid other than empty or authcid (proxy login) is refused.
/// </summary>
internal static class SaslPlain
{
    public static bool TryDecode(string base64, out string login, out string password)
    {
        login = password = "";
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(raw).Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0)
            return false;
        if (parts[0].Length > 0 && !string.Equals(parts[0], parts[1], StringComparison.OrdinalIgnoreCase))
            return false;
        login = parts[1];
        password = parts[2];
        return true;
    }
}
