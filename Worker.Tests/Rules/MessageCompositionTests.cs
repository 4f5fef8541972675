using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// The text of alerts and summaries from the shipped templates.csv: the greeting by local hour, each placeholder, the
/// choice of template (rule, then kind, then *), and the rotation away from the case's previous template.
/// </summary>
public sealed class MessageCompositionTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    private static MessageFields Fields(string rule = "GSO-04", FindingKind kind = FindingKind.SlaBreach, string? subject = "Sem agenda", DateTimeOffset? due = null,
        string instance = "GSO-04|500A") => new("00001234", subject, "aceite do GSO", due, "GSO", rule, kind, instance);

    [Theory]
    [InlineData(4, 59, "Boa noite")]
    [InlineData(5, 0, "Bom dia")]
    [InlineData(11, 59, "Bom dia")]
    [InlineData(12, 0, "Boa tarde")]
    [InlineData(17, 59, "Boa tarde")]
    [InlineData(18, 0, "Boa noite")]
    [InlineData(23, 30, "Boa noite")]
    public void Greeting_FollowsTheLocalHour(int hour, int minute, string greeting) =>
        Assert.Equal(greeting, MessageComposer.Greeting(At(2026, 3, 2, hour, minute).ToUniversalTime(), SaoPaulo));

    [Fact]
    public void SummaryItem_ShowsPackCaseDetailAndTheDueInstantInLocalTime()
    {
        var (id, text) = MessageComposer.Compose(Fields(due: new DateTimeOffset(2026, 3, 2, 12, 5, 0, TimeSpan.Zero)), Scenario.Policy, Monday10, null, TemplatePurpose.SummaryItem);

        Assert.Equal("sum-item-1", id);
        Assert.Equal("GSO, caso 00001234 — aceite do GSO (prazo vencido em 02/03/2026 09:05)", text);
    }

    [Fact]
    public void Item_WithoutADueInstant_ShowsADash_AndAKindWithoutItsOwnTemplate_UsesTheGeneralOne()
    {
        Assert.Equal(("item-1", "aceite do GSO — prazo vencido em -"), MessageComposer.Compose(Fields(), Scenario.Policy, Monday10, null, TemplatePurpose.Item));
        Assert.Equal(("item-3", "aceite do GSO"), MessageComposer.Compose(Fields(kind: FindingKind.MissingField), Scenario.Policy, Monday10, null, TemplatePurpose.Item));
    }

    [Fact]
    public void Summary_NamesTheTeamAndTheCount_OrThePackWithoutATeam()
    {
        var fields = Fields() with { Count = 7, Team = "Equipe GSO" };

        Assert.Equal("Bom dia, Equipe GSO! Há 7 pendências em aberto nos casos da equipe, das mais antigas às mais recentes:",
            MessageComposer.Compose(fields, Scenario.Policy, Monday10, null, TemplatePurpose.Summary).Message);
        Assert.StartsWith("Boa tarde, GSO! Há 7 pendências",
            MessageComposer.Compose(fields with { Team = null }, Scenario.Policy, At(2026, 3, 2, 15), null, TemplatePurpose.Summary).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_OfOneFinding_SaysItInTheSingular()
    {
        Assert.Equal("Bom dia, Equipe GSO! Há 1 pendência em aberto nos casos da equipe, das mais antigas às mais recentes:",
            MessageComposer.Compose(Fields() with { Count = 1, Team = "Equipe GSO" }, Scenario.Policy, Monday10, null, TemplatePurpose.Summary).Message);
    }

    [Theory]
    [InlineData(1, 0, "1 pendência")]
    [InlineData(3, 0, "3 pendências")]
    [InlineData(0, 1, "1 pendência resolvida")]
    [InlineData(0, 2, "2 pendências resolvidas")]
    [InlineData(1, 1, "1 pendência e 1 resolvida")]
    [InlineData(2, 3, "2 pendências e 3 resolvidas")]
    public void Pending_CountsOpenAndResolvedAsPortugueseSaysThem(int open, int resolved, string expected)
    {
        Assert.Equal(expected, MessageComposer.Pending(open, resolved));
        var (_, digest) = MessageComposer.Compose(Fields() with { Count = open + resolved, Resolved = resolved }, Scenario.Policy, Monday10, null, TemplatePurpose.Digest);
        Assert.Contains(" " + expected + " ", digest.Replace(":", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_NamesTheCaseAndItsSubject_OrSaysItHasNone()
    {
        var fields = Fields() with { Count = 3 };

        var (id, text) = MessageComposer.Compose(fields, Scenario.Policy, Monday10, null, TemplatePurpose.Digest);
        var (_, withoutSubject) = MessageComposer.Compose(fields with { Subject = null }, Scenario.Policy, Monday10, id, TemplatePurpose.Digest);

        Assert.Contains(text, new[] { "Bom dia! O caso 00001234 (Sem agenda) tem 3 pendências:", "Bom dia! Encontramos 3 pendências no caso 00001234 (Sem agenda):" });
        Assert.Contains("(sem assunto)", withoutSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_IsOneLineOfAtMost120Characters()
    {
        var subject = "Linha um\nlinha dois " + new string('x', 200);

        var (_, text) = MessageComposer.Compose(Fields(subject: subject) with { Count = 2 }, Scenario.Policy, Monday10, null, TemplatePurpose.Digest);

        var shown = text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..text.LastIndexOf(')')];
        Assert.Equal(120, shown.Length);
        Assert.DoesNotContain('\n', shown);
        Assert.StartsWith("Linha um", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_OfARuleWithItsOwnTemplates_UsesThem_AndNeverTheCasesPreviousOne()
    {
        var fields = Fields(rule: "BIL-01", instance: "BIL-01|500A");

        var (first, _) = MessageComposer.Compose(fields, Scenario.Policy, Monday10, null, TemplatePurpose.Alert);
        var (second, _) = MessageComposer.Compose(fields, Scenario.Policy, Monday10, first, TemplatePurpose.Alert);
        var (again, _) = MessageComposer.Compose(fields, Scenario.Policy, Monday10, null, TemplatePurpose.Alert);

        Assert.Contains(first, new[] { "bil-1", "bil-2" });
        Assert.Contains(second, new[] { "bil-1", "bil-2" });
        Assert.NotEqual(first, second);
        Assert.Equal(first, again); // the same breach instance always starts from the same template
    }

    [Fact]
    public void Alert_OfAKindWithItsOwnTemplates_UsesThem_ElseTheGeneralOnes()
    {
        var byKind = Enumerable.Range(0, 12).Select(i => MessageComposer.Compose(Fields(instance: "GSO-04|" + i), Scenario.Policy, Monday10, null, TemplatePurpose.Alert).TemplateId).ToHashSet();
        var general = Enumerable.Range(0, 12).Select(i => MessageComposer.Compose(Fields(kind: FindingKind.MissingField, rule: "GSO-01", instance: "GSO-01|" + i), Scenario.Policy, Monday10, null,
            TemplatePurpose.Alert).TemplateId).ToHashSet();

        Assert.Equal(["sla-1", "sla-2"], byKind.Order(StringComparer.Ordinal));
        Assert.Equal(["gen-1", "gen-2"], general.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Alert_WithASingleCandidate_KeepsIt_EvenAfterItself()
    {
        var fields = Fields(kind: FindingKind.Critical, rule: "GSO-06", instance: "GSO-06|500A");

        Assert.Equal("crit-1", MessageComposer.Compose(fields, Scenario.Policy, Monday10, "crit-1", TemplatePurpose.Alert).TemplateId);
    }

    [Theory]
    [InlineData("pedido 48100221 sem agenda", "48100221", true)]
    [InlineData("pedido 481002210 sem agenda", "48100221", false)]
    [InlineData("pedido x48100221", "48100221", false)]
    [InlineData("48100221", "48100221", true)]
    [InlineData("", "48100221", false)]
    [InlineData("cliente jose pereira", "jose", true)]
    [InlineData("cliente josefa pereira", "jose", false)]
    [InlineData("cliente ajose", "jose", false)]
    [InlineData("jose", "jose", true)]
    [InlineData("jose1", "jose", false)]
    [InlineData("ajose e jose.", "jose", true)] // the second occurrence stands alone
    [InlineData("qualquer", "", false)]
    public void ContainsWord_FindsAWordStandingAlone(string text, string word, bool found) => Assert.Equal(found, TextSearch.ContainsWord(text, word));

    [Fact]
    public void ContainsWord_DigitsMayTouchWhenTheyAreNotWordCharacters() =>
        Assert.True(TextSearch.ContainsWord("jose1", "jose", digitsAreWordCharacters: false));

    [Theory]
    [InlineData("pedido 48.213.977 aberto", "48213977", true)]
    [InlineData("pedido 48-213/977 aberto", "48213977", true)]
    [InlineData("pedido 48 213 977", "48213977", true)]
    [InlineData("48213977", "48213977", true)]
    [InlineData("pedido 148213977", "48213977", false)]
    [InlineData("pedido 482139770", "48213977", false)]
    [InlineData("pedido 48..213977", "48213977", false)] // one separator between digits at most
    [InlineData("pedido 4821397", "48213977", false)]
    [InlineData("pedido 48213977.", "48213977", true)]
    [InlineData("pedido 4821397-7", "48213977", true)]
    [InlineData("44 48213977", "48213977", true)]
    [InlineData("texto", "", false)]
    public void ContainsDigits_FindsANumberWrittenWithSeparators(string text, string digits, bool found) => Assert.Equal(found, TextSearch.ContainsDigits(text, digits));
}
