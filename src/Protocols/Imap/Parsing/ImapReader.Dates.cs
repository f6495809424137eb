using System.Globalization;

namespace Mail.Protocols.Imap;

internal sealed partial class ImapReader
{
    private static readonly string[] Months =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>A SEARCH date, quoted or not.</summary>
    /// <remarks><![CDATA[date = date-text / DQUOTE date-text DQUOTE
    /// date-text = date-day "-" date-month "-" date-year ; date-day = 1*2DIGIT]]></remarks>
    public DateOnly Date(string what = "date")
    {
        var quoted = TryTake('"');
        var day = Fixed(1, 2, what);
        var date = DatePart(day, what);
        if (quoted)
            Expect('"', "closing quote of " + what);
        return date;
    }

    /// <summary>APPEND's internal date.</summary>
    /// <remarks><![CDATA[date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    /// date-day-fixed = (SP DIGIT) / 2DIGIT ; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT ; zone = ("+" / "-") 4DIGIT]]></remarks>
    public DateTimeOffset DateTime(string what = "date-time")
    {
        Expect('"', "'\"' before " + what);
        var day = TryTake(' ') ? Fixed(1, 1, what) : Fixed(2, 2, what);
        var date = DatePart(day, what);
        Expect(' ', "space before time in " + what);
        var hour = Fixed(2, 2, what);
        Expect(':', "':' in time of " + what);
        var minute = Fixed(2, 2, what);
        Expect(':', "':' in time of " + what);
        var second = Fixed(2, 2, what);
        Expect(' ', "space before zone in " + what);
        var sign = TryTake('+') ? 1 : TryTake('-') ? -1 : 0;
        if (sign == 0)
            Fail($"Invalid zone in {what}");
        var zone = Fixed(4, 4, what);
        Expect('"', "closing quote of " + what);
        if (hour > 23 || minute > 59 || second > 60 || zone % 100 > 59 || zone > 1400)
            Fail($"Invalid {what}");
        var offset = TimeSpan.FromMinutes(sign * (zone / 100 * 60 + zone % 100));
        // A leap second is kept as the last second of its minute (DateTime has no 60).
        var local = date.ToDateTime(new TimeOnly(hour, minute, Math.Min(second, 59)));
        // "01-Jan-0001 00:00:00 +0100" is before DateTimeOffset.MinValue in UTC.
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < System.DateTime.MinValue.Ticks || utcTicks > System.DateTime.MaxValue.Ticks)
            Fail($"Invalid {what}");
        return new DateTimeOffset(local, offset);
    }

    // "-" date-month "-" date-year, after the day.
    private DateOnly DatePart(int day, string what)
    {
        Expect('-', "'-' in " + what);
        var month = Array.IndexOf(Months, Take(static c => char.IsAsciiLetter((char)c), what).ToUpperInvariant()) + 1;
        Expect('-', "'-' in " + what);
        var year = Fixed(4, 4, what);
        if (month == 0 || year < 1 || day < 1 || day > System.DateTime.DaysInMonth(year, month))
            Fail($"Invalid {what}");
        return new DateOnly(year, month, day);
    }

    private int Fixed(int min, int max, string what)
    {
        var start = _pos;
        while (_pos - start < max && ImapChars.IsDigit(Peek()))
            _pos++;
        if (_pos - start < min)
            Fail($"Invalid {what}");
        return int.Parse(Line.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
