namespace Mail.Protocols.Smtp;

// MAIL FROM and RCPT TO: the path, then the ESMTP parameters.
public static partial class SmtpCommandParser
{
    private static readonly HashSet<string> MailKeywords = ["SIZE", "BODY", "SMTPUTF8", "RET", "ENVID"];

    private static readonly HashSet<string> RcptKeywords = ["NOTIFY", "ORCPT"];

    /// <remarks><![CDATA[
    /// mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF
    /// ]]>
    /// Spaces after the colon are skipped ("MAIL FROM: <a@b>"), as Postfix allows.
    /// </remarks>
    private static MailFrom? ParseMail(string argument, out SmtpReply? error)
    {
        if (!TryPathStart(argument, "FROM:", out var pos))
        {
            error = SmtpReply.Usage("MAIL FROM:<address>");
            return null;
        }

        if (!SmtpPathParser.TryParse(argument, ref pos, isSender: true, out var sender, out error)
            || !TryParameters(argument, pos, MailKeywords, SmtpReply.BadSenderSyntax, out var parameters, out error))
        {
            return null;
        }

        var result = MailParameters.None;
        foreach (var (keyword, value) in parameters)
        {
            switch (keyword)
            {
                case "SIZE" when SmtpParameterParser.TrySize(value, out var size):
                    result = result with { Size = size };
                    break;
                case "BODY" when value?.ToUpperInvariant() is "7BIT" or "8BITMIME" or "BINARYMIME":
                    result = result with { Body = value.ToUpperInvariant() switch { "7BIT" => SmtpBodyType.SevenBit, "8BITMIME" => SmtpBodyType.EightBitMime, _ => SmtpBodyType.BinaryMime } };
                    break;
                case "SMTPUTF8" when value is null:
                    result = result with { SmtpUtf8 = true };
                    break;
                case "RET" when value?.ToUpperInvariant() is "FULL" or "HDRS":
                    result = result with { Return = value.ToUpperInvariant() == "FULL" ? DsnReturn.Full : DsnReturn.Headers };
                    break;
                // RFC 3461 4.4: at most 100 characters.
                case "ENVID" when value is { Length: <= 100 } && Xtext.TryDecode(value, out var envelopeId):
                    result = result with { EnvelopeId = envelopeId };
                    break;
                default:
                    error = SmtpReply.BadParameter($"{keyword} parameter");
                    return null;
            }
        }

        return new MailFrom(sender is null ? ReversePath.Null : ReversePath.Of(sender), result);
    }

    /// <remarks><![CDATA[
    /// rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" / Forward-path ) [SP Rcpt-parameters] CRLF
    /// ]]></remarks>
    private static RcptTo? ParseRcpt(string argument, out SmtpReply? error)
    {
        if (!TryPathStart(argument, "TO:", out var pos))
        {
            error = SmtpReply.Usage("RCPT TO:<address>");
            return null;
        }

        if (!SmtpPathParser.TryParse(argument, ref pos, isSender: false, out var recipient, out error)
            || !TryParameters(argument, pos, RcptKeywords, SmtpReply.BadRecipientSyntax, out var parameters, out error))
        {
            return null;
        }

        var result = RcptParameters.None;
        foreach (var (keyword, value) in parameters)
        {
            switch (keyword)
            {
                case "NOTIFY" when SmtpParameterParser.TryNotify(value, out var notify):
                    result = result with { Notify = notify };
                    break;
                case "ORCPT" when SmtpParameterParser.TryOriginalRecipient(value, out var original):
                    result = result with { OriginalRecipient = original };
                    break;
                default:
                    error = SmtpReply.BadParameter($"{keyword} parameter");
                    return null;
            }
        }

        return new RcptTo(recipient!, result);
    }

    private static bool TryPathStart(string argument, string keyword, out int pos)
    {
        pos = 0;
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        pos = keyword.Length;
        while (pos < argument.Length && argument[pos] == ' ')
        {
            pos++;
        }

        return pos < argument.Length;
    }

    // After the path comes nothing or a space: "<a@b>x" is an address error, not a parameter.
    private static bool TryParameters(
        string argument,
        int pos,
        IReadOnlySet<string> known,
        SmtpReply addressError,
        out List<KeyValuePair<string, string?>> parameters,
        out SmtpReply? error)
    {
        if (pos < argument.Length && argument[pos] != ' ')
        {
            parameters = [];
            error = addressError;
            return false;
        }

        return SmtpParameterParser.TrySplit(argument[pos..], known, out parameters, out error);
    }
}
