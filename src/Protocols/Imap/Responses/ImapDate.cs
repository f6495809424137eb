using System.Globalization;

namespace Mail.Protocols.Imap;

/// <summary>
/// date-time (RFC 3501 9) as INTERNALDATE sends it: "dd-MMM-yyyy HH:mm:ss +zzzz" with the day
/// space-padded (date-day-fixed), English month names whatever the culture, and the zone as
/// +hhmm from the value's own offset.
/// </summary>
public static class ImapDate
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// Without the quotes.
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Day,2}-{Months[value.Month - 1]}-{value.Year:D4} {value.Hour:D2}:{value.Minute:D2}:{value.Second:D2} {sign}{abs.Hours:D2}{abs.Minutes:D2}");
    }

    /// Quoted, as it goes into a response.
    public static string Quoted(DateTimeOffset value) => "\"" + Format(value) + "\"";
}
