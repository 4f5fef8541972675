using System.Text.RegularExpressions;

namespace SfBridge.Mappings;

/// <summary>
/// The "gerundismo" the billing manual forbids: a future or modal auxiliary with a gerund ("estarei
/// transferindo", "vou estar verificando", "estarão lhe ajudando", "poderia ficar aguardando") and the manual's
/// own example "estou entendendo". Plain present progressive used by the approved templates ("estamos
/// acompanhando") is accepted.
/// </summary>
public static partial class Gerundism
{
    public static string? Find(string text)
    {
        var m = Pattern().Match(text);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex(
        @"\b(?:(?:estarei|estaremos|estará|estarás|estarão|estaria|estariam)|(?:vou|vais|vai|vamos|vão|irei|iremos|irá|irão|pode|podem|poderia|poderiam|poderá|poderão|podemos)\s+(?:estar|ficar))(?:\s+(?:lhe|lhes|te|o|a|os|as|se|me|nos|vos))?\s+\p{L}+(?:ando|endo|indo)\b|\bestou\s+entendendo\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
