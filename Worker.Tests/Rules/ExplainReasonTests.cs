using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>The reasons rules state for explain: why a rule does not apply to a case, or what it waits for.</summary>
public sealed class ExplainReasonTests
{
    private static readonly DateTimeOffset Now = At(2026, 3, 2, 10);

    private static RuleExplanation Explain(string ruleId, CaseSnapshot c, OrgContext? org = null) =>
        Assert.Single(new PolicyEngine(Policy).Explain(c, org ?? Org(), Now), e => e.RuleId == ruleId);

    private static CaseSnapshot ReleaseCase() =>
        Cases.Gso().WithFields((LogicalField.EscalationCategory, "Liberação de pedido - Aguardando Verificação"), (LogicalField.OrderNumber, "48377001"));

    [Fact]
    public void PIT01_UnknownTier_IsNotApplicable_NamingTheTier()
    {
        var e = Explain("PIT-01", Cases.PitStop().WithFields((LogicalField.SlaTier, "3 Horas")));

        Assert.Equal(Verdict.NotApplicable, e.Verdict);
        Assert.Equal("o nível de SLA \"3 Horas\" não está em sla_tiers.csv", e.Reason);
    }

    [Fact]
    public void PIT01_NoTier_IsNotApplicable()
    {
        var e = Explain("PIT-01", Cases.PitStop().WithFields((LogicalField.SlaTier, null)));

        Assert.Equal(Verdict.NotApplicable, e.Verdict);
        Assert.Equal("o caso não tem nível de SLA", e.Reason);
    }

    [Fact]
    public void PIT01_WithinItsTarget_IsOk_WithTheClock()
    {
        var e = Explain("PIT-01", Cases.PitStop());

        Assert.Equal(Verdict.Ok, e.Verdict);
        Assert.StartsWith("dentro do prazo", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PIT02_OwnedByN2WithoutValidation_Fired_OverAnyReason()
    {
        var e = Explain("PIT-02", Cases.PitStop() with { OwnerId = Queue("N2") });

        Assert.Equal(Verdict.Fired, e.Verdict);
        Assert.Contains("sem a validação do gestor técnico", e.Reason, StringComparison.Ordinal);
        Assert.Equal("o gestor técnico já validou o escalonamento",
            Explain("PIT-02", Cases.PitStop().WithFields((LogicalField.ManagerValidation, "true"))).Reason);
    }

    [Fact]
    public void GSO05_WithoutGarData_Waits()
    {
        var e = Explain("GSO-05", ReleaseCase());

        Assert.Equal(Verdict.Waiting, e.Verdict);
        Assert.Equal("o GAR não respondeu ou não está configurado", e.Reason);
    }

    [Fact]
    public void GSO05_CategoryNotOrderRelease_And_NoOrderNumber_AreNotApplicable()
    {
        var gar = Org(gar: []);

        var category = Explain("GSO-05", Cases.Gso(), gar);
        Assert.Equal(Verdict.NotApplicable, category.Verdict);
        Assert.Equal("a categoria \"Não tem agenda disponível\" não é de liberação de pedido", category.Reason);

        var order = Explain("GSO-05", ReleaseCase().WithFields((LogicalField.OrderNumber, null)), gar);
        Assert.Equal(Verdict.NotApplicable, order.Verdict);
        Assert.Equal("o caso não tem número de pedido", order.Reason);
    }

    [Fact]
    public void GSO09_WithoutOwnerHistory_Waits_AndNeverInGso_IsNotApplicable()
    {
        var e = Explain("GSO-09", Cases.Gso() with { OwnerId = Queue("GSO"), History = [] });
        Assert.Equal(Verdict.Waiting, e.Verdict);
        Assert.Equal("sem histórico de proprietário do caso, a passagem pelas filas não pode ser conferida", e.Reason);

        var atEps = Cases.Gso() with { OwnerId = Queue("Supervisor_EPS"), History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))] };
        var n = Explain("GSO-09", atEps);
        Assert.Equal(Verdict.NotApplicable, n.Verdict);
        Assert.StartsWith("o caso não chegou à fila", n.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SpecialServiceRules_OnANonKeyAccount_AreNotApplicable()
    {
        var c = Cases.Special() with { AccountId = Account(3) }; // neither flagged, over the store threshold nor in key_accounts.csv

        foreach (var id in new[] { "SS-01", "SS-02", "SS-03", "SS-04" })
        {
            var e = Explain(id, c);
            Assert.Equal(Verdict.NotApplicable, e.Verdict);
            Assert.Equal("a conta do caso não é cliente chave", e.Reason);
        }

        Assert.Equal("o caso não tem conta associada", Explain("SS-01", Cases.Special() with { AccountId = null }).Reason);
    }

    [Fact]
    public void StatedReasons_AreOneLowerCaseSentence()
    {
        var cases = new[]
        {
            Cases.Gso(), ReleaseCase(), Cases.Gso() with { OwnerId = Queue("GSO"), History = [] }, Cases.PitStop(), Cases.PitStop().WithFields((LogicalField.SlaTier, null)),
            Cases.Special(), Cases.Special() with { AccountId = Account(3) }, Cases.Protocol(), Cases.Billing(), Cases.Billing().WithFields((LogicalField.IncidentNumber, null)),
        };

        var stated = cases.SelectMany(c => new PolicyEngine(Policy).Explain(c, Org(), Now))
            .Where(e => e.Verdict is Verdict.NotApplicable or Verdict.Waiting).ToList();

        Assert.NotEmpty(stated);
        Assert.All(stated, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reason), e.RuleId);
            Assert.True(char.IsLower(e.Reason[0]), $"{e.RuleId}: {e.Reason}");
            Assert.False(e.Reason.EndsWith('.'), $"{e.RuleId}: {e.Reason}");
            Assert.DoesNotContain(": ", e.Reason, StringComparison.Ordinal);
        });
    }
}
