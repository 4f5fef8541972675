using System.Text.RegularExpressions;

namespace SfBridge.Rules.Protocol;

/// <summary>PRO-04: a transfer to N2 or development is recorded as "data / motivo / departamento ou pessoa".</summary>
public sealed partial class TransferRecordRule : IRule
{
    public string Id => "PRO-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (c.IsOpen && ProtocolCase.IsTransferred(c) && !Record().IsMatch(ProtocolCase.Text(c)))
        {
            c.Add(findings, Id, FindingKind.CommentIncomplete, "transferência sem registro \"data / motivo / departamento ou pessoa\"",
                ProtocolCase.OwnerAndSupervisor(c), "transfer");
        }
    }

    [GeneratedRegex(@"\d{2}/\d{2}/\d{4}\s*[/\-–]\s*[^/\-–\n]{3,}\s*[/\-–]\s*\S{2,}")]
    private static partial Regex Record();
}
