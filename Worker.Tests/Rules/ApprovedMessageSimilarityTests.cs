using SfBridge.Mappings;
using SfBridge.Rules.Billing;

namespace SfBridge.Tests.Rules;

/// <summary>
/// BIL-04's measure of how close an agent's message is to the approved ones. Each test builds its own list of approved
/// messages, so the list's trigram index is built from it here and not reused from another test.
/// </summary>
public sealed class ApprovedMessageSimilarityTests
{
    [Theory]
    [InlineData("Bom dia, Carlos! Iniciamos a análise.", "iniciamos a analise")]
    [InlineData("Carlos, bom dia! Iniciamos a análise.", "iniciamos a analise")]
    [InlineData("Boa tarde, (cliente). Seguimos monitorando", "seguimos monitorando")]
    [InlineData("boa noite, Ana, seguimos monitorando", "ana seguimos monitorando")] // no ! or . after the greeting: up to its comma
    [InlineData("(cliente), seguimos monitorando", "seguimos monitorando")]
    [InlineData("Seguimos (cliente) monitorando!!", "seguimos monitorando")]
    [InlineData("(cliente) seguimos", "seguimos")]
    [InlineData("(cliente)seguimos", "seguimos")] // no space after the placeholder: none before the first word either
    [InlineData("  Seguimos -- monitorando, ok?  ", "seguimos monitorando ok")]
    public void Core_LeavesOutTheOpeningTheAddresseeAndThePunctuation(string text, string core) => Assert.Equal(core, ApprovedMessages.Core(text));

    [Fact]
    public void Core_AGreetingFarIntoTheText_OrWithoutAMarkNearIt_IsPartOfTheMessage()
    {
        // A greeting more than 30 characters in is part of what was said, not the opening.
        Assert.Equal("o incidente segue em analise bom dia a todos", ApprovedMessages.Core("O incidente segue em análise. Bom dia a todos"));
        // A mark more than 50 characters after the greeting does not close an opening.
        Assert.Equal("bom dia o incidente segue em analise com o time responsavel ok", ApprovedMessages.Core("Bom dia o incidente segue em análise com o time responsável. Ok"));
    }

    [Fact]
    public void Core_TheOpeningIsAGreetingWithinThirtyCharacters_EndingWithinFiftyCharactersOfIt()
    {
        var thirty = new string('x', 29) + " ";

        Assert.Equal("seguimos", ApprovedMessages.Core(thirty + "bom dia! Seguimos")); // the greeting at character 30
        Assert.Equal($"x {new string('x', 29)} bom dia seguimos", ApprovedMessages.Core("x " + thirty + "bom dia! Seguimos")); // at 32: part of the message

        // The mark closing the opening 50 characters after the greeting's start, and one character further.
        var name = new string('a', 50 - "bom dia, ".Length);
        Assert.Equal("seguimos", ApprovedMessages.Core($"Bom dia, {name}! Seguimos"));
        Assert.Equal($"{name}a seguimos", ApprovedMessages.Core($"Bom dia, {name}a! Seguimos")); // then the opening ends at the greeting's comma

        // Measured from where the greeting starts, not from the start of the text.
        var before = new string('b', 25);
        Assert.Equal("seguimos", ApprovedMessages.Core($"{before}, bom dia, {new string('c', 20)}! Seguimos"));
    }

    [Fact]
    public void Closest_AMessageOfThreeCharactersIsCompared_OfTwoIsNot()
    {
        Assert.Equal(1.0, ApprovedMessages.Closest("Abc", List("abc")).Similarity, 12);
        Assert.Null(ApprovedMessages.Closest("Ab", List("ab", "abc")).Message);
    }

    [Fact]
    public void Closest_TheSameTextAdapted_IsTheCloseOne_WithSimilarityOne()
    {
        var approved = List("Bom dia, (cliente)! Iniciamos a análise com as informações inseridas na abertura do incidente.", "Seguimos monitorando junto ao time responsável.");

        var (message, similarity) = ApprovedMessages.Closest("Bom dia, Carlos! Iniciamos a análise com as informações inseridas na abertura do incidente.", approved);

        Assert.Equal("m1", message?.Id);
        Assert.Equal(1.0, similarity, 12);
        Assert.Equal("m2", ApprovedMessages.Closest("Seguimos monitorando com o time", approved).Message?.Id);
    }

    [Fact]
    public void Closest_ComparesEveryCharacterOfATrigram()
    {
        // Texts that differ in every trigram's first, middle or last character share nothing.
        Assert.Equal(0, ApprovedMessages.Closest("xyz", List("ayz")).Similarity);
        Assert.Equal(0, ApprovedMessages.Closest("xaz", List("xbz")).Similarity);
        Assert.Equal(0, ApprovedMessages.Closest("xya", List("xyb")).Similarity);
    }

    [Fact]
    public void Closest_IsTheCosineOfTheTrigramCounts()
    {
        // "abcabc": abc twice, bca and cab once; "abcx": abc and bcx once. Cosine = 2 / (sqrt(6) * sqrt(2)).
        Assert.Equal(2 / Math.Sqrt(12), ApprovedMessages.Closest("abcabc", List("abcx")).Similarity, 12);
    }

    [Fact]
    public void Closest_ATextTooShortOrSharingNothing_HasNoClosestMessage()
    {
        var approved = List("Seguimos monitorando.");

        Assert.Equal((null, 0), ApprovedMessages.Closest("Ok", approved));
        Assert.Equal((null, 0), ApprovedMessages.Closest("Bom dia, Carlos!", approved)); // only an opening
        Assert.Null(ApprovedMessages.Closest("qwerty", approved).Message);
        Assert.Equal((null, 0), ApprovedMessages.Closest("Seguimos monitorando.", List("!!")));
    }

    [Fact]
    public void Closest_OverMoreApprovedMessagesThanTheStackHolds_StillFindsTheRightOne()
    {
        var approved = Enumerable.Range(1, 300).Select(i => new ApprovedMessage($"m{i}", $"mensagem aprovada numero {i:D3} sobre o incidente")).ToList();

        var (message, similarity) = ApprovedMessages.Closest("Mensagem aprovada número 287 sobre o incidente", approved);

        Assert.Equal("m287", message?.Id);
        Assert.Equal(1.0, similarity, 12);
    }

    [Fact]
    public void Closest_ALongMessage_IsCompared()
    {
        var longText = string.Join(' ', Enumerable.Range(1, 120).Select(i => $"passo {i} concluido"));
        var approved = List(longText, "Seguimos monitorando.");

        var (message, similarity) = ApprovedMessages.Closest(longText, approved); // longer than the stack buffer of trigrams

        Assert.Equal("m1", message?.Id);
        Assert.Equal(1.0, similarity, 12);
    }

    [Fact]
    public void Closest_OverGeneratedTexts_IsTheCosineANaiveCountGives()
    {
        // Texts with repeated trigrams, accents, digits, long and short, against the plain definition: a dictionary of
        // trigram counts per text and the cosine of the two, the best message first found on ties.
        var random = new Random(4);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        var approved = Enumerable.Range(0, 17).Select(i => new ApprovedMessage($"m{i}", Text(3 + random.Next(25)))).ToList();
        var cores = approved.Select(m => ApprovedMessages.Core(m.Text)).ToList();
        for (var t = 0; t < 400; t++)
        {
            var text = t % 50 == 0 ? Text(200 + random.Next(100)) : Text(1 + random.Next(40));
            var core = ApprovedMessages.Core(text);
            (string? Id, double Score) expected = (null, 0);
            if (core.Length >= 3)
            {
                for (var m = 0; m < cores.Count; m++)
                {
                    var s = NaiveCosine(core, cores[m]);
                    expected = s > expected.Score ? (approved[m].Id, s) : expected;
                }
            }

            var (message, similarity) = ApprovedMessages.Closest(text, approved);
            Assert.Equal(expected.Id, message?.Id);
            Assert.Equal(expected.Score, similarity, 12);
        }
    }

    private static readonly string[] Words =
        ["seguimos", "monitorando", "análise", "incidente", "o", "a", "time", "responsável", "aaa", "abcabc", "retorno", "em", "até", "15", "minutos", "Bom dia,", "(cliente)", "Carlos!"];

    private static double NaiveCosine(string a, string b)
    {
        static Dictionary<string, int> Counts(string s) =>
            Enumerable.Range(0, Math.Max(0, s.Length - 2)).GroupBy(i => s.Substring(i, 3)).ToDictionary(g => g.Key, g => g.Count());
        var (x, y) = (Counts(a), Counts(b));
        var dot = x.Sum(p => (double)p.Value * y.GetValueOrDefault(p.Key));
        var norms = Math.Sqrt(x.Values.Sum(v => (double)v * v)) * Math.Sqrt(y.Values.Sum(v => (double)v * v));
        return norms == 0 ? 0 : dot / norms;
    }

    private static List<ApprovedMessage> List(params string[] texts) => texts.Select((t, i) => new ApprovedMessage($"m{i + 1}", t)).ToList();
}
