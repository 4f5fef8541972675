using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// What counts as a first response to the customer (SS-01: within 1 business day of a key-account case opened Monday
/// 09:00, so due Tuesday 09:00): e-mails by recipient domain and status, completed calls, and what never counts.
/// </summary>
public sealed class ContactDefinitionTests
{
    private static readonly CaseSnapshot Unanswered = Cases.Special() with { Emails = [] };
    private static readonly DateTimeOffset AfterDue = At(2026, 3, 3, 9, 1);

    private static CaseEmail Sent(string? to, string? cc = null) =>
        new(false, false, Cases.Opened.AddHours(1), "Recebemos sua solicitação") { Status = "3", ToAddress = to, CcAddress = cc, CreatedById = User(8) };

    private static bool Answered(CaseSnapshot c) => !Judge("SS-01", c, AfterDue).Any(f => f.Kind == FindingKind.SlaBreach);

    [Fact]
    public void NoResponse_IsBreached() => Assert.False(Answered(Unanswered));

    [Theory]
    [InlineData("loja@calcados.example", null, true)]
    [InlineData("analista@suporte.example", null, false)] // internal work, not a contact
    [InlineData("ANALISTA@SUPORTE.EXAMPLE", null, false)]
    [InlineData("Analista <analista@suporte.example>", null, false)]
    [InlineData("analista@suporte.example; loja@calcados.example", null, true)]
    [InlineData("analista@suporte.example", "loja@calcados.example", true)]
    [InlineData("analista@suporte.example,gestor@suporte.example", null, false)]
    [InlineData(null, null, true)] // no recipient recorded: assumed to reach the customer
    [InlineData("sem-arroba", null, false)]
    public void Email_CountsWhenARecipientIsOutsideTheCompany(string? to, string? cc, bool counts) =>
        Assert.Equal(counts, Answered(Unanswered with { Emails = [Sent(to, cc)] }));

    [Fact]
    public void Email_DraftIncomingOrUnsent_DoesNotCount()
    {
        Assert.False(Answered(Unanswered with { Emails = [Sent("loja@calcados.example") with { Status = "5" }] }));
        Assert.False(Answered(Unanswered with { Emails = [Sent("loja@calcados.example") with { Incoming = true }] }));
        Assert.False(Answered(Unanswered with { Emails = [Sent("loja@calcados.example") with { MessageDate = null }] }));
    }

    [Fact]
    public void Email_AnsweredLate_IsStillABreach_NamingWhenItCame()
    {
        var late = Unanswered with { Emails = [Sent("loja@calcados.example") with { MessageDate = At(2026, 3, 3, 11) }] };

        var f = Assert.Single(Judge("SS-01", late, At(2026, 3, 3, 12)));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.StartsWith("primeira resposta ao cliente chave só em 03/03/2026 11:00", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CompletedCall_Counts_AnOpenOrOtherTaskDoesNot()
    {
        Assert.True(Answered(Unanswered with { Tasks = [new CaseTask("call", true, Cases.Opened.AddHours(2), User(8))] }));
        Assert.False(Answered(Unanswered with { Tasks = [new CaseTask("Call", false, Cases.Opened.AddHours(2), User(8))] }));
        Assert.False(Answered(Unanswered with { Tasks = [new CaseTask("Email", true, Cases.Opened.AddHours(2), User(8))] }));
    }

    [Fact]
    public void PublishedComment_Counts_APrivateOneDoesNot()
    {
        Assert.True(Answered(Unanswered with { Comments = [new CaseComment("Olá, estamos verificando o relatório.", true, Cases.Opened.AddHours(2), User(8))] }));
        Assert.False(Answered(Unanswered with { Comments = [new CaseComment("Verificar o relatório amanhã.", false, Cases.Opened.AddHours(2), User(8))] }));
    }

    [Fact]
    public void StatusChange_IsWorkButNotAResponse() =>
        Assert.False(Answered(Unanswered with { History = [FieldChange.Status("Novo", "Em Atendimento", Cases.Opened.AddHours(2), User(8))] }));
}
