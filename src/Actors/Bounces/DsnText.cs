using System.Globalization;
using System.Text;
using MimeKit.Utils;

namespace Mail.Actors.Bounces;

// The human-readable first part of a DSN, worded after Postfix's default bounce templates
// (bounce_template_file, "postconf -b") so users and helpdesks see the text they know.
internal static class DsnText
{
    const int WrapAt = 76;

    public static string Failure(DsnRequest request, bool originalAttached) =>
        $"""
        This is the mail system at host {request.ReportingMta}.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.{(originalAttached ? " It's attached below." : "")}

        For further assistance, please send mail to postmaster.

        If you do so, please include this problem report. You can
        delete your own text from the attached returned message.

                           The mail system

        {Recipients(request)}
        """;

    public static string Delay(DsnRequest request, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - request.ArrivalDate).TotalHours);
        var until = request.Recipients.Max(r => r.WillRetryUntil);
        var retry = until is { } u
            ? $"It will be retried until {DateUtils.FormatDate(u)}."
            : "It will be retried for a while longer.";
        return $"""
            This is the mail system at host {request.ReportingMta}.

            ####################################################################
            # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
            ####################################################################

            Your message could not be delivered for {hours.ToString("0.#", CultureInfo.InvariantCulture)} hour(s).
            {retry}

            For further assistance, please send mail to postmaster.

            If you do so, please include this problem report. You can
            delete your own text from the attached returned message.

                               The mail system

            {Recipients(request)}
            """;
    }

    public static string Success(DsnRequest request) =>
        $"""
        This is the mail system at host {request.ReportingMta}.

        Your message was successfully delivered to the destination(s)
        listed below. If the message was delivered to mailbox you will
        receive no further notifications. Otherwise you may still receive
        notifications of mail delivery errors from other systems.

                           The mail system

        {Recipients(request)}
        """;

    // "<rcpt> (expanded from <orcpt>): host mx said: 550 ...", one paragraph per recipient.
    static string Recipients(DsnRequest request)
    {
        var sb = new StringBuilder();
        foreach (var r in request.Recipients)
        {
            var line = new StringBuilder($"<{r.Address}>");
            if (r.OriginalRecipient is { } o && !o.Address.Equals(r.Address, StringComparison.OrdinalIgnoreCase))
                line.Append($" (expanded from <{o.Address}>)");
            var diagnostic = OneLine(r.Diagnostic);
            line.Append(r switch
            {
                { RemoteMta: null } => $": {diagnostic}",
                { Action: DsnAction.Delivered or DsnAction.Relayed } => $": delivery via {r.RemoteMta}: {diagnostic}",
                _ => $": host {r.RemoteMta} said: {diagnostic}",
            });
            if (sb.Length > 0)
                sb.Append("\n\n");
            Wrap(sb, line.ToString());
        }

        return sb.ToString();
    }

    static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    // Postfix wraps each paragraph and indents continuation lines by four spaces.
    static void Wrap(StringBuilder sb, string text)
    {
        var column = 0;
        foreach (var word in text.Split(' '))
        {
            var piece = word;
            if (column > 0 && column + 1 + piece.Length > WrapAt)
            {
                sb.Append("\n    ");
                column = 4;
            }
            else if (column > 0)
            {
                sb.Append(' ');
                column++;
            }

            while (column + piece.Length > WrapAt && piece.Length > WrapAt - 4)
            {
                var take = WrapAt - column;
                sb.Append(piece[..take]).Append("\n    ");
                piece = piece[take..];
                column = 4;
            }

            sb.Append(piece);
            column += piece.Length;
        }
    }
}
