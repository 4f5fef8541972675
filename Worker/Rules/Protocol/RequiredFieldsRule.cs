namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-01: every protocol carries customer/company, supervisor, occurrence, opening agent, detail, contact channel,
/// status, awaiting and return; the executor when transferred; the resolution when closed. The manual has the protocol
/// opened as soon as the agent knows the question, during the call, and its fields filled as it goes: with a target in
/// rules.csv an open protocol is judged once that long has passed since its opening (a closed one at its closing,
/// whenever that is); without one, at once.
/// </summary>
public sealed class RequiredFieldsRule : IRule
{
    public string Id => "PRO-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        // The instant the fields are due: a finding that arose then by time alone, so the case is read again before it is alerted
        // (fields filled in the last minute before it).
        DateTimeOffset? due = null;
        if (!c.Case.IsClosed && c.Policy.Rules[Id].Target is not null)
        {
            var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, c.Closures(), c.Now);
            if (!c.ClockRaises(clock, warn: false))
            {
                c.Waiting($"o protocolo foi aberto em {c.Local(c.Case.CreatedDate)}, e os campos ainda podem ser preenchidos durante o atendimento ({c.Target(Id)})");
                return;
            }

            due = clock.DueAt;
        }

        var missing = new List<string>();
        Check(c.Case.AccountId, "Cliente/Empresa");
        Check(c.Case.Field(LogicalField.Supervisor), "Supervisor");
        Check(c.Case.Field(LogicalField.Occurrence), "Ocorrência");
        Check(c.Case.CreatedById, "Atendente - abertura");
        Check(c.Case.Field(LogicalField.Detail), "Detalhamento de ocorrência");
        Check(c.Case.Field(LogicalField.ContactChannel), "Meio de contato");
        Check(c.Case.Status, "Status");
        Check(c.Case.Field(LogicalField.Awaiting), "Aguardando");
        Check(c.Case.Field(LogicalField.Return), "Retorno");
        if (ProtocolCase.IsTransferred(c))
        {
            Check(c.Case.Field(LogicalField.Executor), "Atendente – Executor");
        }

        if (c.Case.IsClosed)
        {
            Check(c.Case.Field(LogicalField.Resolution), "Resolução");
        }

        if (missing.Count > 0)
        {
            c.Add(findings, Id, FindingKind.MissingField, "campos obrigatórios vazios: " + string.Join(", ", missing),
                // The key writes the executor's en dash as the hyphen it was first keyed with, so a breach already open is not
                // cleared and alerted again under a new key.
                ProtocolCase.OwnerAndSupervisor(c), string.Join("+", missing).Replace('–', '-'), since: due);
        }

        void Check(string? value, string label)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(label);
            }
        }
    }
}
