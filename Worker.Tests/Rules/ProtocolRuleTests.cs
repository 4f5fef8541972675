using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class ProtocolRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Protocol();

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    [Fires("PRO-01")]
    public void PRO01_RequiredFieldsEmpty_AreListed()
    {
        var c = Compliant.WithFields((LogicalField.Supervisor, null), (LogicalField.Return, " ")) with { AccountId = null };

        var f = Assert.Single(Judge("PRO-01", c, Monday10));

        Assert.Equal("campos obrigatórios vazios: Cliente/Empresa, Supervisor, Retorno", f.Detail);
        Assert.Equal([User(10), User(4)], f.Mentions);
    }

    [Fact]
    [Fires("PRO-01")]
    public void PRO01_TransferredWithoutExecutor_AndClosedWithoutResolution_AreMissing()
    {
        var transferred = Compliant.WithFields((LogicalField.Awaiting, "N2"));
        var closed = Compliant.WithFields((LogicalField.Resolution, null)) with { IsClosed = true, Status = "Fechado", ClosedDate = Monday10 };

        Assert.Contains("Atendente - Executor", Assert.Single(Judge("PRO-01", transferred, Monday10)).Detail, StringComparison.Ordinal);
        Assert.Contains("Resolução", Assert.Single(Judge("PRO-01", closed, Monday10)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    [Fires("PRO-02")]
    public void PRO02_NoCustomerContactForABusinessDay_IsOverdue()
    {
        Assert.Empty(Judge("PRO-02", Compliant, At(2026, 3, 3, 10)));
        var f = Assert.Single(Judge("PRO-02", Compliant, At(2026, 3, 3, 10, 1)));
        Assert.Equal(FindingKind.CustomerUpdateOverdue, f.Kind);
        Assert.Equal(At(2026, 3, 3, 10), f.DueAt);
    }

    [Fact]
    public void PRO02_LastContactOnFriday_IsDueMondayNotSaturday()
    {
        var c = Compliant with { Comments = [new CaseComment("Retorno: em análise.", true, At(2026, 3, 6, 10), User(10))] };

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 7, 11)));
        Assert.Equal(At(2026, 3, 9, 10), Assert.Single(Judge("PRO-02", c, At(2026, 3, 9, 10, 1))).DueAt);
    }

    [Fact]
    [Fires("PRO-03")]
    public void PRO03_UndatedResolutionEntries_AreIncomplete()
    {
        var c = Compliant.WithFields((LogicalField.Resolution, "Análise 02/03/2026 - log ok / Teste - emitido boleto de teste / Encaminhamento: N2"));

        var f = Assert.Single(Judge("PRO-03", c, Monday10));

        Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
        Assert.Contains("entradas sem data: teste, encaminhamento", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    [Fires("PRO-03")]
    public void PRO03_ClosedWithoutDatedSolution_IsIncomplete()
    {
        var c = Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = Monday10 };

        Assert.Contains("Solução dd/mm/aaaa", Assert.Single(Judge("PRO-03", c, Monday10)).Detail, StringComparison.Ordinal);
        Assert.Empty(Judge("PRO-03", c.WithFields((LogicalField.Resolution, "Análise 02/03/2026 / Solução 02/03/2026 - boleto regerado")), Monday10));
    }

    [Fact]
    [Fires("PRO-04")]
    public void PRO04_TransferWithoutDateReasonDepartment_IsIncomplete()
    {
        var c = Compliant.WithFields((LogicalField.Awaiting, "Desenvolvimento"), (LogicalField.Executor, "Rafael Lima"));

        Assert.Equal(FindingKind.CommentIncomplete, Assert.Single(Judge("PRO-04", c, Monday10)).Kind);
        var recorded = c with { Comments = [.. c.Comments, new CaseComment("02/03/2026 / erro reproduzido no ambiente de teste / Desenvolvimento - Rafael", false, Monday10, User(10))] };
        Assert.Empty(Judge("PRO-04", recorded, Monday10));
    }

    [Fact]
    [Fires("PRO-05")]
    public void PRO05_ClosedWhileTheExecutorStillHoldsIt_IsClosurePending()
    {
        var c = Compliant.WithFields((LogicalField.Executor, "Rafael Lima"), (LogicalField.Resolution, "Solução 02/03/2026")) with
        {
            IsClosed = true, Status = "Fechado", ClosedDate = Monday10,
        };

        Assert.Equal(FindingKind.ClosurePending, Assert.Single(Judge("PRO-05", c, Monday10)).Kind);
        Assert.Empty(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia Ferraz")), Monday10));
    }

    [Fact]
    [Fires("PRO-05")]
    public void PRO05_QuestionOpenOverAnHour_IsClosurePending()
    {
        var c = Compliant.WithFields((LogicalField.Occurrence, "Duvida"));

        Assert.Empty(Judge("PRO-05", c, Cases.Opened.AddMinutes(60)));
        Assert.Single(Judge("PRO-05", c, Cases.Opened.AddMinutes(61)));
    }
}
