namespace Mail.Protocols.Smtp;

/// <summary>
/// The replies the server sends, worded like Postfix's so that operators and client
/// libraries recognise them. Texts stay generic (maddy's rule): the cause goes to the log.
/// </summary>
/// <remarks>
/// Enhanced codes (RFC 3463/2034) go on every 2xx/4xx/5xx reply except the greeting, the
/// HELO/EHLO replies and the 354 intermediate reply, which RFC 2034 leaves without one.
/// </remarks>
public sealed partial record SmtpReply
{
    public static SmtpReply Ok { get; } = new(250, "2.0.0", "Ok");

    /// <summary>Reply to an accepted MAIL (RFC 3463: X.1.0 other address status).</summary>
    public static SmtpReply SenderOk { get; } = new(250, "2.1.0", "Ok");

    /// <summary>Reply to an accepted RCPT (RFC 3463: X.1.5 destination address valid).</summary>
    public static SmtpReply RecipientOk { get; } = new(250, "2.1.5", "Ok");

    public static SmtpReply Bye { get; } = new(221, "2.0.0", "Bye");

    public static SmtpReply StartData { get; } = new(354, null, "End data with <CR><LF>.<CR><LF>");

    public static SmtpReply VrfyCannot { get; } =
        new(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");

    public static SmtpReply Help { get; } = new(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");

    public static SmtpReply UnknownCommand { get; } = new(500, "5.5.2", "Error: command not recognized");

    /// <summary>Postfix's reply to a command it does not have; maild sends it for EXPN.</summary>
    public static SmtpReply NotRecognized { get; } = new(502, "5.5.2", "Error: command not recognized");

    /// <summary>
    /// A bare LF under <see cref="BareLinefeedPolicy.Reject"/>, then the connection is closed
    /// (Postfix smtpd_forbid_bare_newline = yes, as introduced in 3.8.4 against SMTP smuggling).
    /// </summary>
    public static SmtpReply BareLinefeed(string hostname) => new(521, "5.5.2", $"{hostname} Error: bare <LF> received");

    /// <summary>Postscreen's answer to a client that talked before the greeting (pregreet).</summary>
    public static SmtpReply PregreetDrop { get; } = new(521, "5.5.1", "Protocol error");

    /// <summary>Every RCPT of a client that talked before the greeting, under greet-action = enforce.</summary>
    public static SmtpReply PregreetEnforce { get; } = new(550, "5.5.1", "Protocol error");

    /// <summary>Reply to a BDAT chunk that is not the last (RFC 3030 2).</summary>
    public static SmtpReply ChunkReceived(long size) => new(250, "2.0.0", $"Ok: {size} bytes");

    /// <summary>A command line over the limit (RFC 5321 4.5.3.1.10 words it "500 Line too long").</summary>
    public static SmtpReply LineTooLong { get; } = new(500, "5.5.2", "Line too long");

    /// <summary>
    /// The end of a message that had a text line over the limit (RFC 5321 4.5.3.1.6), when the
    /// admin asked for such messages to be refused; the session carries on.
    /// </summary>
    public static SmtpReply TextLineTooLong(int limit) => new(500, "5.5.2", $"Error: message has a line over {limit} octets");

    /// <summary>A command line that is not UTF-8 (Postfix's wording).</summary>
    public static SmtpReply BadUtf8 { get; } = new(500, "5.5.2", "Error: bad UTF-8 syntax");

    public static SmtpReply SyntaxError { get; } = new(501, "5.5.4", "Syntax error in parameters or arguments");

    public static SmtpReply BadSenderSyntax { get; } = new(501, "5.1.7", "Bad sender address syntax");

    public static SmtpReply BadRecipientSyntax { get; } = new(501, "5.1.3", "Bad recipient address syntax");

    /// <summary>RFC 5321 4.5.3.1.3: a path is at most 256 octets, a local part at most 64.</summary>
    public static SmtpReply SenderPathTooLong { get; } = new(501, "5.1.7", "Path too long");

    public static SmtpReply RecipientPathTooLong { get; } = new(501, "5.1.3", "Path too long");

    public static SmtpReply DuplicateParameter { get; } = new(501, "5.5.4", "Error: duplicate parameter");

    public static SmtpReply NotImplemented { get; } = new(502, "5.5.1", "Error: command not implemented");

    public static SmtpReply NeedHelo { get; } = new(503, "5.5.1", "Error: send HELO/EHLO first");

    public static SmtpReply NeedMail { get; } = new(503, "5.5.1", "Error: need MAIL command");

    public static SmtpReply NeedRcpt { get; } = new(503, "5.5.1", "Error: need RCPT command");

    public static SmtpReply NestedMail { get; } = new(503, "5.5.1", "Error: nested MAIL command");

    public static SmtpReply TransactionInProgress { get; } = new(503, "5.5.1", "Error: MAIL transaction in progress");

    public static SmtpReply NoValidRecipients { get; } = new(554, "5.5.1", "Error: no valid recipients");

    public static SmtpReply TooManyRecipients { get; } = new(452, "4.5.3", "Error: too many recipients");

    /// <summary>SIZE= on MAIL above the limit (RFC 1870 section 6).</summary>
    public static SmtpReply SizeExceedsLimit { get; } = new(552, "5.3.4", "Message size exceeds fixed limit");

    public static SmtpReply MessageTooBig { get; } = new(552, "5.3.4", "Error: message file too big");

    /// <summary>UTF-8 in an envelope without the SMTPUTF8 parameter (RFC 6531 3.7.4.1).</summary>
    public static SmtpReply Utf8NotDeclared { get; } = new(553, "5.6.7", "Must declare SMTPUTF8 to send UTF8 addresses");

    /// <summary>RFC 3207 4: the go-ahead for the TLS handshake.</summary>
    public static SmtpReply ReadyToStartTls { get; } = new(220, "2.0.0", "Ready to start TLS");

    /// <summary>STARTTLS on a connection that is already encrypted (RFC 3207 4.2).</summary>
    public static SmtpReply TlsAlreadyActive { get; } = new(503, "5.5.1", "Error: TLS already active");

    public static SmtpReply Greeting(string hostname) => new(220, null, $"{hostname} ESMTP maild");

    /// <summary>Reply to HELO; EHLO's reply is built by <see cref="EhloKeywords"/>.</summary>
    public static SmtpReply Hello(string hostname) => new(250, null, hostname);

    /// <summary>RFC 5321 4.1.1.11: an unrecognised MAIL or RCPT parameter is a 555.</summary>
    public static SmtpReply UnsupportedParameter(string keyword) => new(555, "5.5.4", $"Unsupported option: {keyword}");

    /// <summary>"501 5.5.4 Syntax: MAIL FROM:&lt;address&gt;" and the like, for missing or extra arguments.</summary>
    public static SmtpReply Usage(string usage) => new(501, "5.5.4", $"Syntax: {usage}");

    public static SmtpReply BadParameter(string what) => new(501, "5.5.4", $"Bad {what} syntax");

    public static SmtpReply Queued(string queueId) => new(250, "2.0.0", $"Ok: queued as {queueId}");

    public static SmtpReply ServiceClosing(string hostname) =>
        new(421, "4.3.2", $"{hostname} Service shutting down, closing transmission channel");

    public static SmtpReply Timeout(string hostname) => new(421, "4.4.2", $"{hostname} Error: timeout exceeded");
}
