using System.Text.RegularExpressions;
using SfBridge.Mappings;
using SfBridge.Sla;

namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-01: the return after the CMC's first message to the customer is due within 15 minutes (seed 004: "o retorno
/// após a primeira mensagem deve ser enviado em até 15 minutos"); after that the CMC keeps the customer posted "no
/// privado", periodically, with no deadline of its own, except where a message promises the next contact within a time
/// ("Favor aguardar novo contato em até 15 mins", as the approved openings do): that promise is due as written. So the
/// clock runs from the last contact when it is the first message (or a copy of it sent within minutes: due in the
/// rule's target, whatever it promises) or promises a time; a message that promises none ("as atualizações serão enviadas no privado") leaves the follow-up to the private
/// chat. Only contacts with the customer count; the customer's own messages never do. Mentions the CMC analyst and coordinator.
/// </summary>
public sealed partial class FollowUpRule : IRule
{
    public string Id => "BIL-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var contacts = c.Activity.Contacts.Where(i => i.At <= c.Now).ToList();
        if (!c.RequireOpen())
        {
            return;
        }

        if (contacts.Count == 0)
        {
            c.NotApplicable("ainda não houve o primeiro retorno ao cliente");
            return;
        }

        var last = contacts[^1];
        SlaTarget target;
        string owed;
        if (FirstMessage(contacts))
        {
            target = c.Policy.Rules[Id].Target!.Value;
            owed = $"a primeira mensagem ao cliente foi em {c.Local(last.At)}, e o retorno era devido em até {target.Describe()}";
        }
        else if (Promised(last.Text) is { } promise)
        {
            target = SlaTarget.FromDuration(promise);
            owed = $"o retorno ao cliente de {c.Local(last.At)} prometeu novo contato em até {target.Describe()}";
        }
        else
        {
            c.NotApplicable($"o último retorno ao cliente ({c.Local(last.At)}) não promete novo contato em prazo, e o acompanhamento segue no privado");
            return;
        }

        var clock = c.Clock(Id, c.Policy.Rules[Id].Calendar, target).Measure(last.At, null, c.Closures(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, owed, Incident.AnalystAndCoordinator(c), last.At, warn: false, breachKind: FindingKind.FollowUpOverdue);
        }
    }

    /// <summary>Every contact so far is the first message, or a copy of it sent within minutes (the comment and its e-mail).</summary>
    private static bool FirstMessage(List<Interaction> contacts)
    {
        var first = contacts[0];
        if (contacts.Count == 1)
        {
            return true;
        }

        var key = first.Text is { } text ? TextKey.Of(text) : null;
        for (var i = 1; i < contacts.Count; i++)
        {
            if (key is null || contacts[i].At - first.At > ResendWindow || contacts[i].Text is not { } t || !Incident.SameMessage(TextKey.Of(t), key))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly TimeSpan ResendWindow = TimeSpan.FromMinutes(5);

    /// <summary>The time a message promises the next contact in ("em até 15 mins", "até 30 minutos", "em até 1 hora"), or null.</summary>
    internal static TimeSpan? Promised(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return null;
        }

        var key = TextKey.Of(text);
        if (!key.Contains("ate", StringComparison.Ordinal) || PromisePattern().Match(key) is not { Success: true } m ||
            !int.TryParse(m.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return m.Groups["hours"].Success ? TimeSpan.FromHours(n) : TimeSpan.FromMinutes(n);
    }

    [GeneratedRegex(@"\bate\s*(?<n>\d{1,3})\s*(?:(?<hours>horas?|hs?)|mins?|minutos?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PromisePattern();
}
