using System.Text;
using BenchmarkDotNet.Attributes;
using Mail.Protocols.Imap;

namespace Mail.Micro;

/// <summary>
/// The IMAP command lines a busy client sends most: a header FETCH over a UID range, a UID
/// SEARCH with a few keys, and an APPEND with a LITERAL+ body, each framed and parsed by a
/// fresh <see cref="ImapReceiver"/> from one buffer.
/// </summary>
[MemoryDiagnoser]
public class ImapReceiverBenchmarks
{
    private static readonly byte[] FetchLine = Encoding.ASCII.GetBytes(
        "a1 UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)])\r\n");

    private static readonly byte[] SearchLine = Encoding.ASCII.GetBytes(
        "a2 UID SEARCH UNDELETED FROM \"alice@example.org\" SINCE 1-Jan-2024 NOT SEEN LARGER 1000\r\n");

    private static readonly byte[] AppendCommand = BuildAppend(2048);

    [Benchmark]
    public ImapInput Fetch() => ReadOne(FetchLine);

    [Benchmark]
    public ImapInput UidSearch() => ReadOne(SearchLine);

    [Benchmark]
    public ImapInput Append() => ReadOne(AppendCommand);

    private static ImapInput ReadOne(byte[] bytes)
    {
        var receiver = new ImapReceiver();
        var result = receiver.Read(bytes, out var consumed);
        if (result is not CommandInput || consumed != bytes.Length)
            throw new InvalidOperationException($"unexpected {result} after {consumed} octets");
        return result;
    }

    private static byte[] BuildAppend(int size)
    {
        var body = new StringBuilder("From: a@example.org\r\nSubject: append\r\n\r\n");
        while (body.Length < size)
            body.Append(new string('y', 78)).Append("\r\n");
        var text = body.ToString();
        return Encoding.ASCII.GetBytes($"a3 APPEND INBOX (\\Seen) {{{text.Length}+}}\r\n{text}\r\n");
    }
}
