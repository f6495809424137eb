namespace Mail.Host.Configuration;

/// <summary>
/// A structural check run before Akka's HOCON parser sees an admin's file: unbalanced
/// brackets and unterminated strings. Akka's parser hangs forever on an unterminated array
/// and silently accepts an unterminated object, so these must be caught here, with a line.
/// </summary>
public static class HoconLint
{
    /// The first structural error as "line N: what", or null when the file is well formed.
    public static string? Check(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                continue;
            }
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                    i++;
                continue;
            }
            if (c == '"')
            {
                var start = line;
                if (!SkipString(text, ref i, ref line))
                    return $"line {start}: string is not terminated";
                continue;
            }
            if (c is '{' or '[')
            {
                open.Push((c, line));
                continue;
            }
            if (c is '}' or ']')
            {
                var expected = c == '}' ? '{' : '[';
                if (open.Count == 0)
                    return $"line {line}: '{c}' closes nothing";
                var (bracket, at) = open.Pop();
                if (bracket != expected)
                    return $"line {line}: '{c}' does not match the '{bracket}' opened at line {at}";
            }
        }
        return open.Count == 0 ? null : $"line {open.Peek().Line}: '{open.Peek().Bracket}' is never closed";
    }

    /// Moves <paramref name="i"/> to the closing quote of a "..." or """...""" string.
    private static bool SkipString(string text, ref int i, ref int line)
    {
        if (i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"')
        {
            var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            if (end < 0)
                return false;
            line += text.AsSpan(i, end - i).Count('\n');
            i = end + 2;
            return true;
        }
        for (i++; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '"':
                    return true;
                case '\n':
                    return false;
            }
        }
        return false;
    }
}
