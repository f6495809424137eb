using Xunit;
using System.Text;

namespace Mail.Protocols.Tests.Imap.Message;

/// <summary>Real-world message shapes, CRLF line ends unless the name says otherwise.</summary>
internal static class MessageCorpus
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    /// RFC 3501 7.4.2's example message: ENVELOPE and BODYSTRUCTURE are given there.
    public static byte[] Rfc3501Example()
    {
        var header = """
            Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
            From: Terry Gray <gray@cac.washington.edu>
            Subject: IMAP4rev1 WG mtg summary and minutes
            To: imap@cac.washington.edu
            cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
            Message-Id: <B27397-0100000@cac.washington.edu>
            MIME-Version: 1.0
            Content-Type: TEXT/PLAIN; CHARSET=US-ASCII
            Content-Transfer-Encoding: 7BIT


            """;
        // 92 lines, 3028 octets: 91 lines of 31 characters and one of 23 (each with CRLF).
        var body = new StringBuilder();
        for (var i = 0; i < 91; i++)
            body.Append(new string((char)('a' + i % 26), 31)).Append("\r\n");
        body.Append(new string('z', 23)).Append("\r\n");
        return Encoding.ASCII.GetBytes(header.ReplaceLineEndings("\r\n") + body);
    }

    public static readonly string Simple = """
        Return-Path: <alice@example.org>
        From: Alice Example <alice@example.org>
        To: Bob <bob@example.net>, carol@example.net
        Subject: Lunch on Friday?
        Date: Mon, 06 May 2024 09:30:00 +0200
        Message-ID: <lunch-1@example.org>
        In-Reply-To: <earlier@example.net>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8; format=flowed

        Hi Bob,
        shall we have lunch on Friday?
        Alice

        """;

    public static readonly string Alternative = """
        From: news@shop.example
        To: customer@example.com
        Subject: Your weekly offers
        Date: Tue, 7 May 2024 08:00:00 -0000
        Message-ID: <offers-19@shop.example>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="alt-1"

        This is a multi-part message in MIME format.
        --alt-1
        Content-Type: text/plain; charset="us-ascii"
        Content-Transfer-Encoding: 7bit

        Offers this week: apples.
        --alt-1
        Content-Type: text/html; charset="utf-8"
        Content-Transfer-Encoding: quoted-printable

        <p>Offers this week: <b>apples</b> =E2=80=93 cheap.</p>
        --alt-1--

        """;

    public static readonly string MixedWithAttachment = """
        From: "Reporting Bot" <bot@reports.example>
        To: team@example.com
        Cc: lead@example.com
        Bcc: archive@example.com
        Reply-To: noreply@reports.example
        Sender: relay@reports.example
        Subject: Monthly report
        Date: Wed, 8 May 2024 23:59:59 +1000
        Message-ID: <report-2024-05@reports.example>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="mix"

        --mix
        Content-Type: text/plain; charset=us-ascii
        Content-Language: en, de

        See the attached report.
        --mix
        Content-Type: application/pdf; name="report.pdf"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="report.pdf"; size=12
        Content-ID: <part2@reports.example>
        Content-Description: The report
        Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
        Content-Location: http://reports.example/r.pdf

        JVBERi0xLjQKJcfs
        j6IKMSAwIG9iago=
        --mix--

        """;

    public static readonly string NestedMessage = """
        From: forwarder@example.com
        To: someone@example.org
        Subject: Fwd: the original
        Date: Thu, 9 May 2024 10:00:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: text/plain

        Forwarding this.
        --outer
        Content-Type: message/rfc822
        Content-Disposition: inline

        From: Original Sender <orig@example.net>
        To: forwarder@example.com
        Subject: the original
        Date: Wed, 8 May 2024 10:00:00 +0000
        Message-ID: <orig@example.net>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=us-ascii

        plain inner
        --inner
        Content-Type: text/html; charset=us-ascii

        <b>html inner</b>
        --inner--

        --outer--

        """;

    public static readonly string EightBitHeaders = """
        From: "Jörg Müller" <joerg@example.de>
        To: Zoë <zoe@example.fr>
        Subject: Grüße aus Köln
        Date: Fri, 10 May 2024 12:00:00 +0200
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Schöne Grüße!

        """;

    public static readonly string EncodedWords = """
        From: =?iso-8859-1?q?J=F6rg_M=FCller?= <joerg@example.de>
        To: =?utf-8?b?Wm/Dqw==?= <zoe@example.fr>
        Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=
        Date: Fri, 10 May 2024 12:00:00 +0200
        MIME-Version: 1.0
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Sch=F6ne Gr=FC=DFe!

        """;

    public static readonly string Groups = """
        From: sender@example.com
        To: undisclosed-recipients:;
        Cc: Team: ann@example.com, "Ben B" <ben@example.com>;, solo@example.com
        Subject: groups
        Date: Sat, 11 May 2024 00:00:00 +0000

        body

        """;

    public static readonly string NoDateNoContentType = """
        From: someone@example.com
        Subject: no date, no content type

        just text
        second line

        """;

    public static readonly string BareLf = "From: lf@example.com\nSubject: bare LF\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nline one\nline two\n--b--\n";

    public static readonly string HeadersOnly = "From: x@example.com\r\nSubject: no blank line";

    public static readonly string NoHeaders = "just some text\r\nwithout any header\r\n";

    public static readonly string BrokenBoundary = """
        From: broken@example.com
        Subject: broken boundaries
        Content-Type: multipart/mixed; boundary="never-used"

        --wrong
        Content-Type: text/plain

        text that is never closed

        """;

    public static readonly string MultipartWithoutBoundary = """
        From: broken@example.com
        Subject: multipart without boundary
        Content-Type: multipart/mixed

        just text

        """;

    public static IEnumerable<(string Name, byte[] Message)> All()
    {
        yield return ("rfc3501", Rfc3501Example());
        yield return ("simple", Bytes(Simple));
        yield return ("alternative", Bytes(Alternative));
        yield return ("mixed", Bytes(MixedWithAttachment));
        yield return ("nested", Bytes(NestedMessage));
        yield return ("8bit", Bytes(EightBitHeaders));
        yield return ("encoded-words", Bytes(EncodedWords));
        yield return ("groups", Bytes(Groups));
        yield return ("no-date", Bytes(NoDateNoContentType));
        yield return ("bare-lf", Encoding.ASCII.GetBytes(BareLf));
        yield return ("headers-only", Encoding.ASCII.GetBytes(HeadersOnly));
        yield return ("no-headers", Encoding.ASCII.GetBytes(NoHeaders));
        yield return ("broken-boundary", Bytes(BrokenBoundary));
        yield return ("multipart-no-boundary", Bytes(MultipartWithoutBoundary));
        yield return ("empty", []);
    }

    public static byte[] Get(string name) => All().First(m => m.Name == name).Message;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All())
            data.Add(name);
        return data;
    }
}
