using System.Text.RegularExpressions;
using Mail.Protocols.Imap;

namespace Mail.Protocols.Tests.Imap.Message;

/// <summary>
/// Reads the BODY.PEEK[...]&lt;a.b&gt; items out of the FETCH commands MailKit sends to
/// <see cref="FakeImapServer"/>: just the forms MailKit uses, not the real command parser.
/// </summary>
internal static partial class TestSections
{
    public static IEnumerable<FetchAttribute.BodySection> Requested(string command)
    {
        foreach (Match match in SectionItem().Matches(command))
        {
            var text = match.Groups["section"].Value;
            var names = text.Split('.');
            var part = names.TakeWhile(n => n.All(char.IsDigit) && n.Length > 0).Select(int.Parse).ToArray();
            var kind = string.Join('.', names.Skip(part.Length)) switch
            {
                "" => SectionKind.All,
                "HEADER" => SectionKind.Header,
                "TEXT" => SectionKind.Text,
                "MIME" => SectionKind.Mime,
                var other => throw new NotSupportedException(other),
            };
            Partial? partial = match.Groups["start"].Success
                ? new Partial(long.Parse(match.Groups["start"].Value), long.Parse(match.Groups["count"].Value))
                : null;
            yield return new FetchAttribute.BodySection(new BodySectionSpec(part, kind, []), Peek: true, partial);
        }
    }

    [GeneratedRegex(@"BODY\.PEEK\[(?<section>[^\]]*)\](<(?<start>\d+)\.(?<count>\d+)>)?")]
    private static partial Regex SectionItem();
}
