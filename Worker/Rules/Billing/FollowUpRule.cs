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
/// chat. Each earlier deadline is judged too, stopped by the contact that answered it: one answered late stays on record
/// as met late, not told resolved. Only contacts with the customer count; the customer's own messages never do. The clock pauses while the case
/// awaits the customer. Mentions the CMC analyst and coordinator.
/// </summary>
public sealed partial class FollowUpRule : IRule
{
    public string Id => "BIL-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var contacts = Until(Incident.Contacts(c), c.Now);

        if (contacts.Count == 0)
        {
            c.NotApplicable("ainda não houve o primeiro retorno ao cliente");
            return;
        }

        // Each deadline a contact set and a later contact answered: one answered late stays on record as met late, under the
        // key it had while it was open, so the breach posted is not told resolved when the late return comes.
        var copies = Incident.FirstMessageAndCopies(contacts);
        if (copies < contacts.Count)
        {
            Judge(c, findings, contacts, 0, copies - 1, contacts[copies].At, required: true);
        }

        for (var i = copies; i < contacts.Count - 1; i++)
        {
            Judge(c, findings, contacts, i, i, contacts[i + 1].At, required: false);
        }

        var last = contacts[^1];
        if (copies == contacts.Count)
        {
            Judge(c, findings, contacts, 0, contacts.Count - 1, null, required: true);
        }
        else if (last.AuthorAssumed || Promised(last.Text) is null) // a message nothing says an agent wrote may be the customer's
        {
            c.NotApplicable($"o último retorno ao cliente ({c.Local(last.At)}) não promete novo contato em prazo, e o acompanhamento segue no privado");
        }
        else
        {
            Judge(c, findings, contacts, contacts.Count - 1, contacts.Count - 1, null, required: false);
        }
    }

    /// <summary>The contacts made by <paramref name="now"/>: the list itself when all were (a replay judges an earlier instant).</summary>
    private static IReadOnlyList<Interaction> Until(IReadOnlyList<Interaction> contacts, DateTimeOffset now)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i].At > now)
            {
                var made = new List<Interaction>(contacts.Count);
                foreach (var contact in contacts)
                {
                    if (contact.At <= now)
                    {
                        made.Add(contact);
                    }
                }

                return made;
            }
        }

        return contacts;
    }

    /// <summary>
    /// The deadline set by contact <paramref name="set"/>: the first message's (<paramref name="required"/>, in the rule's
    /// target, whatever it promises) or the time a later contact promised, if it promised one; answered by the contact at
    /// <paramref name="answered"/>, or still open (null). Keyed by <paramref name="keyed"/>: the last contact it was while
    /// open (the first message's last copy).
    /// </summary>
    private void Judge(RuleContext c, List<FindingDraft> findings, IReadOnlyList<Interaction> contacts, int set, int keyed, DateTimeOffset? answered, bool required)
    {
        var from = contacts[set].At;
        SlaTarget target;
        string owed;
        if (required)
        {
            target = c.Policy.Rules[Id].Target!.Value;
            owed = $"a primeira mensagem ao cliente foi em {c.Local(from)}, e o retorno era devido em até {target.Describe()}";
        }
        else if (!contacts[set].AuthorAssumed && Promised(contacts[set].Text) is { } promise)
        {
            target = SlaTarget.FromDuration(promise);
            owed = $"o retorno ao cliente de {c.Local(from)} prometeu novo contato em até {target.Describe()}";
        }
        else
        {
            return;
        }

        // Paused while the case awaits the customer (status.pause): a return promised on the customer's answer ("Assim que
        // recebermos, retornaremos em até 15 minutos") does not run while the CMC waits for that answer.
        var clock = c.Clock(Id, c.Policy.Rules[Id].Calendar, target).Measure(from, answered, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: false))
        {
            c.AddClock(findings, Id, clock, owed, Incident.AnalystAndCoordinator(c), contacts[keyed].At, warn: false, breachKind: FindingKind.FollowUpOverdue);
        }
    }

    /// <summary>
    /// The time a message promises the next contact in, as the approved messages word it ("novo contato em até 15 mins",
    /// "follow-up em até 15mins", "retornaremos com novas informações em até 30 minutos", "novo retorno em até 1 hora", "… em até 1 hora e 30 minutos",
    /// "… em até meia hora"), or
    /// null: the time must follow the CMC's own promise of contact in the same clause and line, so a forecast ("previsão
    /// de normalização em até 4 horas") or a third party's answer awaited ("aguardamos retorno da operadora em até 2 horas")
    /// is no promise, and "até 17h" or "até 9 horas" (hours not after "em" or "de") is an hour of the day, not a length;
/// "1 hora e 30" is 90 minutes.
    /// </summary>
    internal static TimeSpan? Promised(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var key = TextKey.Fold(text); // keeps the line breaks: a promise is read within one line
        if (!key.Contains("ate", StringComparison.Ordinal) || PromisePattern().Match(key) is not { Success: true } m)
        {
            return null;
        }

        if (m.Groups["half"].Success)
        {
            return TimeSpan.FromMinutes(30);
        }

        var n = int.Parse(m.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var promised = !m.Groups["hours"].Success ? TimeSpan.FromMinutes(n)
            : TimeSpan.FromHours(n) + (m.Groups["meia"].Success ? TimeSpan.FromMinutes(30)
                : m.Groups["m"].Success ? TimeSpan.FromMinutes(int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.Zero);
        return promised > TimeSpan.Zero ? promised : null;
    }

    // The CMC's own promise: "novo contato", "novo retorno", "retornaremos", "faremos follow-up", "daremos feedback",
    // "enviaremos atualizações", "o CMC fará novo contato"; not someone else's ("aguardamos novo retorno da operadora",
    // "o técnico fará novo contato", "novo retorno do time responsável"). Hours are a length only after "em" or "de" ("em até
    // 2 horas", "no prazo de até 2 horas", "dentro de até 2 horas"): "amanhã até 9 horas", "até 17 horas" name an hour of the day,
    // and a later length in the clause is read instead ("hoje até 17 horas ou em até 2 horas").
    [GeneratedRegex(@"(?<!aguard(?:amos|ando) )(?<!(?<!\bcmc )(?:fara|farao|dara|darao|vai fazer|vao fazer) )\b(?:novo (?:contato|retorno)(?! d[aeo]s? (?!cmc\b))|retornaremos|retornamos|retornarei|(?:faremos|daremos|enviaremos|traremos|faremos um|daremos um|entraremos em) (?:um |uma |o |novo |nova )?(?:contato|retorno|follow-?up|atualizac(?:ao|oes)|feedback|novidades|posicionamento))\b[^.!?;\n]{0,40}?\bate\s*(?:(?<half>meia hora)|(?<n>\d{1,3})\s*(?:(?<=\b(?:em|de)\s+ate\s*\d{1,3}\s*)(?<hours>horas?)(?:\s*e\s*(?:(?<m>\d{1,2})(?:\s*(?:mins?|minutos?))?|(?<meia>meia)))?|mins?|minutos?))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PromisePattern();
}
