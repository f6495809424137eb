using System.Text;

namespace Mail.Protocols.Imap;

/// <summary>
/// The sidecar format of <see cref="MessageSummary"/>: a version byte, then fields in a fixed
/// order with 7-bit encoded lengths and offsets (most are small), strings as UTF-8 with a
/// presence flag. Adding a field means a new version; old sidecars are then rebuilt, never guessed.
/// </summary>
internal static class MessageSummarySerializer
{
    public static byte[] Serialize(MessageSummary s)
    {
        using var stream = new MemoryStream(s.Envelope.Length + s.BodyStructure.Length + s.Body.Length + 64 * s.Parts.Count + 256);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(MessageSummary.FormatVersion);
            w.Write7BitEncodedInt64(s.Size);
            w.Write7BitEncodedInt64(s.HeaderLength);
            WriteBytes(w, s.Envelope);
            WriteBytes(w, s.Body);
            WriteBytes(w, s.BodyStructure);
            w.Write7BitEncodedInt(s.Parts.Count);
            foreach (var p in s.Parts)
            {
                w.Write7BitEncodedInt(p.Path.Length);
                foreach (var n in p.Path)
                    w.Write7BitEncodedInt(n);
                w.Write((byte)p.Kind);
                w.Write7BitEncodedInt64(p.HeaderStart);
                w.Write7BitEncodedInt64(p.BodyStart - p.HeaderStart);
                w.Write7BitEncodedInt64(p.End - p.BodyStart);
                w.Write7BitEncodedInt64(p.MessageBodyStart - p.BodyStart);
                w.Write(p.MimeType);
                WriteString(w, p.Charset);
                w.Write(p.TransferEncoding);
            }
            w.Write(s.Date.HasValue);
            if (s.Date is { } date)
            {
                w.Write(date.UtcTicks);
                w.Write((short)date.Offset.TotalMinutes);
            }
            foreach (var h in new[] { s.From, s.To, s.Cc, s.Bcc, s.Subject, s.MessageId })
                WriteString(w, h);
        }
        return stream.ToArray();
    }

    public static MessageSummary Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data[0] != MessageSummary.FormatVersion)
            throw new InvalidDataException("Not a message summary of version " + MessageSummary.FormatVersion);
        try
        {
            using var r = new BinaryReader(new MemoryStream(data.ToArray(), 1, data.Length - 1), Encoding.UTF8);
            var size = r.Read7BitEncodedInt64();
            var headerLength = r.Read7BitEncodedInt64();
            var envelope = ReadBytes(r);
            var body = ReadBytes(r);
            var bodyStructure = ReadBytes(r);
            var parts = new MessagePartLocation[r.Read7BitEncodedInt()];
            for (var i = 0; i < parts.Length; i++)
            {
                var path = new int[r.Read7BitEncodedInt()];
                for (var j = 0; j < path.Length; j++)
                    path[j] = r.Read7BitEncodedInt();
                var kind = (PartKind)r.ReadByte();
                var headerStart = r.Read7BitEncodedInt64();
                var bodyStart = headerStart + r.Read7BitEncodedInt64();
                var end = bodyStart + r.Read7BitEncodedInt64();
                var messageBodyStart = bodyStart + r.Read7BitEncodedInt64();
                parts[i] = new MessagePartLocation(path, kind, headerStart, bodyStart, end, messageBodyStart,
                    r.ReadString(), ReadString(r), r.ReadString());
            }
            DateTimeOffset? date = null;
            if (r.ReadBoolean())
            {
                var ticks = r.ReadInt64();
                var offset = TimeSpan.FromMinutes(r.ReadInt16());
                date = new DateTimeOffset(ticks + offset.Ticks, offset);
            }
            return new MessageSummary(size, headerLength, envelope, body, bodyStructure, parts, date,
                ReadString(r), ReadString(r), ReadString(r), ReadString(r), ReadString(r), ReadString(r));
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException("Truncated or corrupt message summary", e);
        }
    }

    private static void WriteBytes(BinaryWriter w, byte[] bytes)
    {
        w.Write7BitEncodedInt(bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        var bytes = r.ReadBytes(length);
        if (bytes.Length != length)
            throw new EndOfStreamException();
        return bytes;
    }

    private static void WriteString(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    private static string? ReadString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
