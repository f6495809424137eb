namespace Mail.Protocols.Imap;

/// <summary>
/// Turns a collected command into an <see cref="ImapCommand"/> following RFC 3501 section 9
/// and the extensions' grammars, or into the error the session answers with.
/// </summary>
/// <remarks>
/// One parse method per command, looked up by verb. Each reads its arguments with
/// <see cref="ImapReader"/> and must end exactly at the end of the command: trailing text is a
/// BAD, as RFC 3501 asks of a server that cannot be sure what the client meant.
/// </remarks>
internal static partial class ImapCommandParser
{
    public const string UnknownCommand = "Unknown command";

    private delegate ImapRequest RequestParser(ImapReader reader);

    private static readonly Dictionary<string, RequestParser> Parsers = new(StringComparer.Ordinal)
    {
        ["CAPABILITY"] = NoArguments(new CapabilityRequest()),
        ["NOOP"] = NoArguments(new NoopRequest()),
        ["LOGOUT"] = NoArguments(new LogoutRequest()),
        ["STARTTLS"] = NoArguments(new StartTlsRequest()),
        ["NAMESPACE"] = NoArguments(new NamespaceRequest()),
        ["IDLE"] = NoArguments(new IdleRequest()),
        ["CHECK"] = NoArguments(new CheckRequest()),
        ["CLOSE"] = NoArguments(new CloseRequest()),
        ["UNSELECT"] = NoArguments(new UnselectRequest()),
        ["EXPUNGE"] = NoArguments(new ExpungeRequest()),
        ["ID"] = Id,
        ["AUTHENTICATE"] = Authenticate,
        ["LOGIN"] = Login,
        ["ENABLE"] = Enable,
        ["SELECT"] = r => Select(r, readOnly: false),
        ["EXAMINE"] = r => Select(r, readOnly: true),
        ["CREATE"] = Create,
        ["DELETE"] = r => new DeleteRequest(OneMailbox(r)),
        ["RENAME"] = Rename,
        ["SUBSCRIBE"] = r => new SubscribeRequest(OneMailbox(r)),
        ["UNSUBSCRIBE"] = r => new UnsubscribeRequest(OneMailbox(r)),
        ["LIST"] = List,
        ["LSUB"] = Lsub,
        ["STATUS"] = Status,
        ["APPEND"] = Append,
        ["GETQUOTA"] = GetQuota,
        ["GETQUOTAROOT"] = r => new GetQuotaRootRequest(OneMailbox(r)),
        ["SEARCH"] = r => SearchParser.Parse(r, uid: false),
        ["FETCH"] = r => FetchParser.Parse(r, uid: false),
        ["STORE"] = r => Store(r, uid: false),
        ["COPY"] = r => Copy(r, uid: false),
        ["MOVE"] = r => Move(r, uid: false),
        ["UID"] = Uid,
    };

    /// <remarks><![CDATA[command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF]]></remarks>
    public static ImapInput Parse(IReadOnlyList<CommandSegment> segments)
    {
        var reader = new ImapReader(segments);
        string? tag = null;
        try
        {
            if (reader.AtEnd)
                return new ErrorInput(null, "Empty command line");
            tag = reader.Take(ImapChars.IsTagChar, "tag");
            if (reader.AtEnd)
                return new ErrorInput(tag, "Missing command");
            reader.Expect(' ', "space after tag");
            var verb = reader.Keyword("command");
            if (!Parsers.TryGetValue(verb, out var parse))
                return new ErrorInput(tag, UnknownCommand);
            return new CommandInput(new ImapCommand(tag, parse(reader)));
        }
        catch (BadCharsetException)
        {
            return new BadCharset(tag!);
        }
        catch (ImapSyntaxException e)
        {
            return new ErrorInput(tag, e.Message);
        }
    }

    private static RequestParser NoArguments(ImapRequest request) => r =>
    {
        if (!r.AtEnd)
            ImapReader.Fail($"{request.Verb} takes no arguments");
        return request;
    };

    private static string OneMailbox(ImapReader r)
    {
        r.Sp("mailbox name");
        var mailbox = r.Mailbox();
        r.End();
        return mailbox;
    }

    /// <remarks><![CDATA[uid = "UID" SP (copy / move / fetch / search / store / uid-expunge)]]></remarks>
    private static ImapRequest Uid(ImapReader r)
    {
        r.Sp("UID command");
        return r.Keyword("UID command") switch
        {
            "FETCH" => FetchParser.Parse(r, uid: true),
            "SEARCH" => SearchParser.Parse(r, uid: true),
            "STORE" => Store(r, uid: true),
            "COPY" => Copy(r, uid: true),
            "MOVE" => Move(r, uid: true),
            "EXPUNGE" => UidExpunge(r),
            var other => throw new ImapSyntaxException($"Unknown UID command {other}"),
        };
    }
}

/// <summary>SEARCH with a charset we do not have: answered NO [BADCHARSET], not BAD.</summary>
internal sealed class BadCharsetException() : Exception("BADCHARSET");
