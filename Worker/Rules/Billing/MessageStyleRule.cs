using System.Text.RegularExpressions;
using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-04: the agents' messages to the customer on billing cases (published comments, e-mails sent, messaging)
/// follow the approved messages (approved_messages.csv, seed 004): no gerundism ("estarei transferindo", "vou estar
/// verificando", "posso estar…", "estaríamos…"); never the same approved message for two requests in a row; the
/// greeting matching the local time the message was sent. A message far from every approved one is reported as info.
/// The same text sent again within five minutes (a comment and its e-mail copy) is one message.
/// </summary>
public sealed partial class MessageStyleRule : IRule
{
    public string Id => "BIL-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        string? previousTemplate = null;
        Interaction? previous = null;
        var previousKey = "";
        var assumed = 0;
        foreach (var message in Incident.Contacts(c))
        {
            if (string.IsNullOrWhiteSpace(message.Text) || message.At > c.Now)
            {
                continue;
            }

            // A message nothing says an agent wrote may be the customer's own (a portal comment): its wording is nobody's to answer for.
            if (message.AuthorAssumed)
            {
                assumed++;
                continue;
            }

            // The same text again within minutes is one message sent twice (a comment and its e-mail copy, a resend), not a second answer;
            // so is the copy that adds a signature or a closing line below it.
            var key = TextKey.Of(message.Text);
            if (previous is not null && message.At - previous.At <= Incident.ResendWindow && Incident.SameMessage(key, previousKey))
            {
                continue;
            }

            (previous, previousKey) = (message, key);
            List<string>? problems = null; // most messages have none
            if (Gerundism.Find(message.Text) is { } gerund)
            {
                (problems ??= []).Add($"gerundismo (\"{gerund}\")");
            }

            // The greeting that opens the message (after titles and the customer's name at most); a goodbye ("tenha uma boa
            // noite", "Incidente resolvido, boa noite!") is none, and "Olá" says no time of day.
            if (OpeningGreeting.Of(message.Text) is { } sent && TextKey.Of(sent) is var said && said is not ("ola" or "oi"))
            {
                var expected = MessageComposer.Greeting(message.At, c.Settings.TimeZone);
                if (said != TextKey.Of(expected))
                {
                    (problems ??= []).Add(
                        $"saudação \"{Capitalize(said)}\" enviada às {TimeZoneInfo.ConvertTime(message.At, c.Settings.TimeZone):HH:mm} (o certo é \"{expected}\")");
                }
            }

            var (template, similarity) = ApprovedMessages.ClosestToKey(key, c.Policy.ApprovedMessages);
            var approved = template is not null && similarity >= c.Settings.ApprovedSimilarity;
            if (approved && template!.Id == previousTemplate)
            {
                (problems ??= []).Add($"a mesma mensagem padrão ({template.Id}) da resposta anterior; intercalar entre as mensagens aprovadas");
            }

            previousTemplate = approved ? template!.Id : null;
            if (problems is not null)
            {
                c.Add(findings, Id, FindingKind.MessageStyle, $"mensagem ao cliente de {c.Local(message.At)} fora do padrão: {string.Join("; ", problems)}", Author(c, message),
                    Instance(message));
            }
            else if (!approved && c.Policy.ApprovedMessages.Count > 0)
            {
                c.Add(findings, Id, FindingKind.MessageStyle, $"mensagem ao cliente de {c.Local(message.At)} distante das mensagens aprovadas; revisar se reflete o padrão do cliente",
                    Author(c, message), Instance(message) + ":far", severity: Severity.Info);
            }
        }

        if (assumed > 0 && previous is null)
        {
            c.Waiting($"nada diz quem escreveu {(assumed == 1 ? "a mensagem" : $"as {assumed} mensagens")} ao cliente (sem a lista de usuários nem o tipo do autor): pode ser o próprio cliente, e o estilo não é julgado");
        }
    }


    /// <summary>Whom a finding on a message mentions: its author and the CMC coordinator (looked up only for a finding).</summary>
    private static IEnumerable<string> Author(RuleContext c, Interaction message) => c.Person(message.ById).Concat(c.Route("role:cmc_coordinator"));

    private static string Instance(Interaction message) => message.Channel + ":" + RuleContext.Instance(message.At);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
