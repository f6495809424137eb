using MimeKit;

namespace Mail.Protocols.Imap;

/// <summary>
/// body (RFC 3501 7.4.2 and 9): BODY when not <c>extensible</c>, BODYSTRUCTURE (with MD5,
/// disposition, language and location) when it is. Octet and line counts come from the parser's
/// offsets, so nothing is decoded. A multipart without parts (broken boundaries) is given one
/// empty text/plain part, as Dovecot does, because the grammar needs at least one.
/// </summary>
/// <remarks><![CDATA[
/// body           = "(" (body-type-1part / body-type-mpart) ")"
/// body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]
/// body-type-basic = media-basic SP body-fields
/// body-type-msg  = media-message SP body-fields SP envelope SP body SP body-fld-lines
/// body-type-text = media-text SP body-fields SP body-fld-lines
/// body-fields    = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
/// body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
/// body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
/// body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
/// ]]></remarks>
internal sealed class BodyStructureRenderer(EntitySpans spans, bool extensible)
{
    private const string EmptyTextPart = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

    public void Write(ImapWriter w, MimeEntity? entity)
    {
        switch (entity)
        {
            case null:
                w.Ascii(EmptyTextPart).Ascii(extensible ? " NIL NIL NIL NIL)" : ")");
                break;
            case Multipart multipart:
                WriteMultipart(w, multipart);
                break;
            default:
                WriteSinglePart(w, entity);
                break;
        }
    }

    private void WriteMultipart(ImapWriter w, Multipart multipart)
    {
        w.Byte((byte)'(');
        if (multipart.Count == 0)
            Write(w, null);
        foreach (var child in multipart)
            Write(w, child);
        w.Byte((byte)' ').String(multipart.ContentType.MediaSubtype);
        if (extensible)
        {
            w.Byte((byte)' ');
            WriteParameters(w, multipart.ContentType.Parameters, addCharset: false);
            WriteExtensions(w, multipart);
        }
        w.Byte((byte)')');
    }

    private void WriteSinglePart(ImapWriter w, MimeEntity entity)
    {
        var type = entity.ContentType;
        var span = spans[entity];
        var isText = type.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase);
        w.Byte((byte)'(').String(type.MediaType).Byte((byte)' ').String(type.MediaSubtype).Byte((byte)' ');
        WriteParameters(w, type.Parameters, addCharset: isText && type.Charset is null);
        w.Byte((byte)' ');
        w.NString(RawHeader.First(entity.Headers, "Content-ID"));
        w.Byte((byte)' ');
        w.NString(RawHeader.First(entity.Headers, "Content-Description"));
        w.Byte((byte)' ');
        var encoding = RawHeader.First(entity.Headers, "Content-Transfer-Encoding");
        w.String(encoding is null || encoding.Length == 0 ? "7bit"u8 : encoding);
        w.Byte((byte)' ').Number(span.Octets);
        if (EntitySpans.EmbeddedMessage(entity) is { } message)
        {
            w.Byte((byte)' ');
            EnvelopeRenderer.Write(w, message.Headers);
            w.Byte((byte)' ');
            Write(w, message.Body);
            w.Byte((byte)' ').Number(span.Lines);
        }
        else if (isText)
        {
            w.Byte((byte)' ').Number(span.Lines);
        }
        if (extensible)
        {
            w.Byte((byte)' ');
            w.NString(RawHeader.First(entity.Headers, "Content-MD5"));
            WriteExtensions(w, entity);
        }
        w.Byte((byte)')');
    }

    /// body-fld-dsp SP body-fld-lang SP body-fld-loc (the MD5 was written before, for single parts).
    private static void WriteExtensions(ImapWriter w, MimeEntity entity)
    {
        w.Byte((byte)' ');
        if (entity.Headers.Contains(HeaderId.ContentDisposition) && entity.ContentDisposition is { } disposition)
        {
            w.Byte((byte)'(').String(disposition.Disposition).Byte((byte)' ');
            WriteParameters(w, disposition.Parameters, addCharset: false);
            w.Byte((byte)')');
        }
        else
        {
            w.Nil();
        }
        w.Byte((byte)' ');
        WriteLanguages(w, RawHeader.First(entity.Headers, "Content-Language"));
        w.Byte((byte)' ');
        w.NString(RawHeader.First(entity.Headers, "Content-Location"));
    }

    private static void WriteParameters(ImapWriter w, ParameterList parameters, bool addCharset)
    {
        if (parameters.Count == 0 && !addCharset)
        {
            w.Nil();
            return;
        }
        w.Byte((byte)'(');
        var first = true;
        foreach (var parameter in parameters)
        {
            if (!first)
                w.Byte((byte)' ');
            w.String(parameter.Name).Byte((byte)' ').String(parameter.Value ?? "");
            first = false;
        }
        if (addCharset)
            w.Ascii(first ? "\"charset\" \"us-ascii\"" : " \"charset\" \"us-ascii\"");
        w.Byte((byte)')');
    }

    /// body-fld-lang: NIL, one string, or a list when the header names several languages.
    private static void WriteLanguages(ImapWriter w, byte[]? raw)
    {
        var languages = raw is null
            ? []
            : System.Text.Encoding.UTF8.GetString(raw).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (languages.Length == 0)
            w.Nil();
        else if (languages.Length == 1)
            w.String(languages[0]);
        else
        {
            w.Byte((byte)'(');
            for (var i = 0; i < languages.Length; i++)
            {
                if (i > 0)
                    w.Byte((byte)' ');
                w.String(languages[i]);
            }
            w.Byte((byte)')');
        }
    }
}
