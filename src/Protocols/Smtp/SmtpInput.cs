namespace Mail.Protocols.Smtp;

/// <summary>What <see cref="SmtpReceiver.Read"/> found in the bytes it was given.</summary>
public abstract record SmtpInput;

/// <summary>No complete command or data yet; read more bytes (still advance by the consumed count).</summary>
public sealed record NeedMoreData : SmtpInput
{
    public static NeedMoreData Instance { get; } = new();

    private NeedMoreData()
    {
    }
}

public sealed record CommandInput(ISmtpCommand Command) : SmtpInput;

/// <summary>
/// A line that is not a valid command: send the reply and keep reading. <see cref="Verb"/> names
/// the command when the line started with a known one (for the disconnect line's counts).
/// </summary>
public sealed record ErrorInput(SmtpReply Reply, string? Verb = null) : SmtpInput;

/// <summary>
/// Message bytes: after DATA with dot-stuffing removed, after an accepted BDAT exactly as sent.
/// The array is the caller's to keep.
/// </summary>
public sealed record DataChunk(ReadOnlyMemory<byte> Bytes) : SmtpInput;

/// <summary>The end-of-data "&lt;CRLF&gt;.&lt;CRLF&gt;" was read; the receiver is back in command mode.</summary>
public sealed record DataEnd : SmtpInput
{
    public static DataEnd Instance { get; } = new();

    private DataEnd()
    {
    }
}

/// <summary>
/// The end-of-data was read, but the message must be refused with <see cref="Reply"/> (a text
/// line over the limit when long lines are refused); back in command mode, the session carries on.
/// </summary>
public sealed record RefusedDataEnd(SmtpReply Reply) : SmtpInput;

/// <summary>
/// A bare LF under <see cref="BareLinefeedPolicy.Reject"/>: a command line that ended in one, or a
/// message (reported at its end-of-data, so the message is never split) that had one. The session
/// answers <see cref="SmtpReply.BareLinefeed"/> and closes the connection.
/// </summary>
public sealed record BareLinefeedInput : SmtpInput
{
    public static BareLinefeedInput Instance { get; } = new();

    private BareLinefeedInput()
    {
    }
}

/// <summary>
/// The <see cref="Size"/> octets after a BDAT command were all read (RFC 3030); the receiver
/// is back in command mode. Time to answer that BDAT. <see cref="Accepted"/> tells whether they
/// came out as <see cref="DataChunk"/>s (<see cref="SmtpReceiver.AcceptChunk"/> was called) or
/// were thrown away. May consume no bytes (after the last chunk bytes, or for BDAT 0).
/// </summary>
public sealed record ChunkEnd(long Size, bool Last, bool Accepted) : SmtpInput;
