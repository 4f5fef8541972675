using System.Text.RegularExpressions;

namespace SfBridge.Mappings;

/// <summary>
/// The "gerundismo" the billing manual forbids: an auxiliary in the future or conditional, or a modal, before
/// "estar"/"ficar" and a gerund ("estarei transferindo", "vou estar verificando", "estarão lhe ajudando", "poderia
/// ficar aguardando", "posso estar enviando", "estaríamos verificando", "devemos estar retornando"), also with a word or a
/// courtesy between the verbs ("vamos estar sempre acompanhando", "poderia, por favor, ficar aguardando"), and the
/// manual's own example "estou entendendo". Plain present progressive used by the approved messages ("estamos
/// acompanhando", "seguimos monitorando") is accepted. Matched without accents, so "estariamos" counts too.
/// </summary>
public static partial class Gerundism
{
    /// <summary>The first gerundism in <paramref name="text"/> (lower case, without accents), or null.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = Pattern().Match(TextKey.Of(text));
        return m.Success ? m.Value : null;
    }

    /// <summary>Words ending like a gerund that are none: "o plantão estará Fernando", "estará quando possível", "ficará lindo".</summary>
    private const string NotGerunds =
        @"(?:quando|fernando|orlando|armando|rolando|ernando|comando|bando|brando|lindo|vindo|bem-vindo|tremendo|estupendo|horrendo|remendo|adendo|dividendo)";

    private const string Clitic = @"(?:\s+(?:lhe|lhes|te|o|a|os|as|se|me|nos|vos))?";

    /// <summary>A word or courtesy agents put between the verbs: "vamos estar sempre acompanhando", "poderia, por favor, ficar aguardando".</summary>
    private const string Between = @"(?:,?\s+(?:sempre|entao|ainda|ja|tambem|logo|apenas|somente|agora|novamente|por\s+favor),?)?";

    [GeneratedRegex(
        @"\b(?:" +
        // estar or ficar in the future or conditional: estarei, estara, estaremos, estarao, estaria, estariamos, ficaremos...
        @"(?:estar|ficar)(?:ei|as|a|emos|eis|ao|ia|ias|iamos|ieis|iam)" +
        // ir / poder / dever (+ conseguir) before estar or ficar
        @"|(?:(?:vou|vais|vai|vamos|vao|irei|iras|ira|iremos|irao|iria|iriamos|iriam" +
        @"|posso|podes|pode|podemos|podem|poderia|poderiamos|poderiam|podera|poderemos|poderao" +
        @"|devo|deves|deve|devemos|devem|deveria|deveriamos|deveriam|devera|deveremos|deverao)" + Clitic + Between + @"\s+(?:estar|ficar))" +
        @")" + Clitic + Between + @"\s+(?!" + NotGerunds + @"\b)\p{L}+(?:ando|endo|indo)\b" +
        @"|\bestou\s+entendendo\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
