using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class BillingRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Billing();
    private static readonly CaseSnapshot Untouched = Compliant with { Comments = [] };

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Cases.Opened.AddMinutes(10)));

    [Fact]
    [Fires("BIL-01")]
    public void BIL01_NoUpdateFifteenMinutesAfterTheLastOne_IsOverdue()
    {
        Assert.Empty(Judge("BIL-01", Compliant, Cases.Opened.AddMinutes(18)));
        var f = Assert.Single(Judge("BIL-01", Compliant, Cases.Opened.AddMinutes(19)));
        Assert.Equal(FindingKind.FollowUpOverdue, f.Kind);
        Assert.Contains(User(12), f.Mentions); // business hours: the team's contact from the matrix
    }

    [Fact]
    public void BIL01_BeforeTheFirstReply_IsLeftToBil02() => Assert.Empty(Judge("BIL-01", Untouched, Cases.Opened.AddHours(2)));

    [Fact]
    [Fires("BIL-02")]
    public void BIL02_NoActionInTheFirstTenMinutes_EscalatesToTheMatrixTeam()
    {
        Assert.Empty(Judge("BIL-02", Untouched, Cases.Opened.AddMinutes(10)));
        var f = Assert.Single(Judge("BIL-02", Untouched, Cases.Opened.AddMinutes(11)));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Contains("Mesa de atendimento V8", f.Detail, StringComparison.Ordinal);
        Assert.Equal([User(12)], f.Mentions.Where(m => m == User(12) || m == User(11)));
        Assert.Empty(Judge("BIL-03", Untouched, Cases.Opened.AddMinutes(11)));
    }

    [Fact]
    [Fires("BIL-03")]
    public void BIL03_StalledAfterHours_MentionsTheAfterHoursContact()
    {
        var night = Untouched with { CreatedDate = At(2026, 3, 2, 21) };

        var f = Assert.Single(Judge("BIL-03", night, At(2026, 3, 2, 21, 11)));

        Assert.Contains(User(11), f.Mentions); // Rodrigo Calil, after hours
        Assert.DoesNotContain(User(12), f.Mentions);
        Assert.Empty(Judge("BIL-02", night, At(2026, 3, 2, 21, 11)));
    }

    [Fact]
    public void BIL02_FirstActionWithinTenMinutes_IsFine() => Assert.Empty(Judge("BIL-02", Compliant, Cases.Opened.AddHours(1)));

    [Fact]
    [Fires("BIL-04")]
    public void BIL04_ConsecutiveAlertsOnACase_NeverRepeatTheLastTemplate()
    {
        var first = Assert.Single(Judge("BIL-01", Compliant, Cases.Opened.AddMinutes(19)));

        var next = Scenario.Judge(Compliant, Cases.Opened.AddMinutes(19), lastTemplate: first.TemplateId).Single(f => f.RuleId == "BIL-01");

        Assert.StartsWith("bil-", first.TemplateId, StringComparison.Ordinal);
        Assert.NotEqual(first.TemplateId, next.TemplateId);
    }

    [Theory]
    [InlineData(8, "Bom dia")]
    [InlineData(13, "Boa tarde")]
    [InlineData(20, "Boa noite")]
    [Fires("BIL-04")]
    public void BIL04_Greeting_FollowsLocalTime(int hour, string greeting)
    {
        var c = Compliant with { CreatedDate = At(2026, 3, 2, hour), Comments = [new CaseComment("Bom dia! Iniciamos.", true, At(2026, 3, 2, hour, 1), User(12))] };

        var f = Assert.Single(Judge("BIL-01", c, At(2026, 3, 2, hour, 17)));

        Assert.StartsWith(greeting + "!", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Estarei transferindo o seu chamado.")]
    [InlineData("Vamos estar verificando o incidente.")]
    [InlineData("Estarão lhe ajudando em instantes.")]
    [InlineData("Você poderia ficar aguardando?")]
    [InlineData("Estou entendendo.")]
    [Fires("BIL-04")]
    public void BIL04_Gerundism_IsDetected(string text) => Assert.NotNull(Gerundism.Find(text));

    [Theory]
    [InlineData("O CMC segue acompanhando e buscando todas as atualizações.")]
    [InlineData("Estamos acompanhando e repassamos as atualizações pelo privado.")]
    [InlineData("Vamos transferir o chamado para a mesa responsável.")]
    public void BIL04_ApprovedWording_IsNotGerundism(string text) => Assert.Null(Gerundism.Find(text));
}
