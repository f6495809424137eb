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

/// <summary>A line that is not a valid command: send the reply and keep reading.</summary>
public sealed record ErrorInput(SmtpReply Reply) : SmtpInput;

/// <summary>Message bytes with dot-stuffing removed; the array is the caller's to keep.</summary>
public sealed record DataChunk(ReadOnlyMemory<byte> Bytes) : SmtpInput;

/// <summary>The end-of-data "&lt;CRLF&gt;.&lt;CRLF&gt;" was read; the receiver is back in command mode.</summary>
public sealed record DataEnd : SmtpInput
{
    public static DataEnd Instance { get; } = new();

    private DataEnd()
    {
    }
}
