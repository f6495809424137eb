using System.Text;

namespace Mail.Protocols.Imap;

// Commands of any state and of the not-authenticated state, and the small extensions.
internal static partial class ImapCommandParser
{
    /// <remarks><![CDATA[id = "ID" SP id_params_list ; id_params_list = "(" #(string SP nstring) ")" / nil (RFC 2971)]]></remarks>
    private static ImapRequest Id(ImapReader r)
    {
        r.Sp("ID parameters");
        if (r.Peek() != '(')
        {
            if (r.Keyword("ID parameters") != "NIL")
                ImapReader.Fail("Expected ID parameter list or NIL");
            r.End();
            return new IdRequest(null);
        }
        var fields = r.ParenList(() =>
        {
            var name = r.String("ID field name");
            r.Sp("ID field value");
            return new KeyValuePair<string, string?>(name, r.NString("ID field value"));
        }, "ID parameters");
        r.End();
        return new IdRequest(fields);
    }

    /// <remarks><![CDATA[authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] ; SASL-IR, RFC 4959]]></remarks>
    private static ImapRequest Authenticate(ImapReader r)
    {
        r.Sp("SASL mechanism");
        var mechanism = r.Atom("SASL mechanism").ToUpperInvariant();
        string? initial = null;
        if (r.TryTake(' '))
        {
            initial = r.Atom("initial response");
            if (initial != "=" && !ImapReceiver.IsBase64(Encoding.ASCII.GetBytes(initial)))
                ImapReader.Fail("Invalid base64 in initial response");
        }
        r.End();
        return new AuthenticateRequest(mechanism, initial);
    }

    /// <remarks><![CDATA[login = "LOGIN" SP userid SP password ; both astring]]></remarks>
    private static ImapRequest Login(ImapReader r)
    {
        r.Sp("user name");
        var user = r.AString("user name");
        r.Sp("password");
        var password = r.AString("password");
        r.End();
        return new LoginRequest(user, password);
    }

    /// <remarks><![CDATA[enable = "ENABLE" 1*(SP capability) ; RFC 5161]]></remarks>
    private static ImapRequest Enable(ImapReader r)
    {
        var capabilities = new List<string>();
        do
        {
            r.Sp("capability");
            capabilities.Add(r.Atom("capability").ToUpperInvariant());
        }
        while (!r.AtEnd);
        return new EnableRequest(capabilities);
    }

    /// <remarks><![CDATA[getquota = "GETQUOTA" SP quota-root-name ; quota-root-name = astring (RFC 9208)]]></remarks>
    private static ImapRequest GetQuota(ImapReader r)
    {
        r.Sp("quota root");
        var root = r.AString("quota root");
        r.End();
        return new GetQuotaRequest(root);
    }
}
