using System.Text.RegularExpressions;

namespace Mail.Actors.Delivery.Remote;

/// <summary>
/// Turns a remote reply (code plus MailKit's response text, enhanced code included when the
/// server sent one) into the Dsn and Diagnostic of a <see cref="RecipientOutcome"/>.
/// </summary>
public static partial class SmtpReplyText
{
    /// "550 5.1.1 &lt;a@b&gt;: User unknown"; multi-line replies are joined with spaces.
    public static string Diagnostic(int code, string text) =>
        $"{code} {string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))}";

    /// <summary>
    /// The enhanced status code of the reply (RFC 3463), or the class default "X.0.0" when the
    /// server sent none or one of the wrong class (RFC 3463 2: the classes must agree).
    /// </summary>
    public static string EnhancedCode(int code, string text)
    {
        var klass = (char)('0' + code / 100);
        var match = Enhanced().Match(text);
        return match.Success && match.Value[0] == klass ? match.Value : $"{klass}.0.0";
    }

    public static DeliveryStatus StatusOf(int code) => code switch
    {
        >= 200 and < 300 => DeliveryStatus.Delivered,
        >= 500 and < 600 => DeliveryStatus.Failed,
        _ => DeliveryStatus.Deferred,
    };

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}(?=\s|$)")]
    private static partial Regex Enhanced();
}
