using System.Globalization;
using System.Text;
using SfBridge.Rules;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Builders;

/// <summary>
/// Many generated cases of every pack, from one seed: timing, owner, priority, tier, category, Omni-Channel state and
/// completeness vary, and every comment and e-mail is a distinct Portuguese text. A realistic share of the texts
/// carry what the rules look for (request type, order number, customer name, e-mail and phone, complaint, a transfer
/// record, a greeting, a gerundism), the rest is prose that mentions none of it, so the rules run both their found
/// and their missing paths.
/// </summary>
public static class VariedCases
{
    public static (List<CaseSnapshot> Cases, OrgContext Org) Generate(int count, DateTimeOffset now, int seed = 20260304)
    {
        var random = new Random(seed);
        var text = new PortugueseText(random);
        var templates = new Func<CaseSnapshot>[] { Cases.Gso, Cases.PitStop, Cases.Special, Cases.Protocol, Cases.Billing };
        var tiers = new[] { "IS", "Urgente", "2 Horas", "4 Horas", "24 Horas", "72 Horas", "10 Dias" };
        var categories = Scenario.Policy.Categories["gso"].Select(c => c.Name).Append("Cancelamento de pedido").ToArray();
        var cases = new List<CaseSnapshot>(count);
        var agentWork = new List<AgentWorkInfo>();
        var pending = new List<PendingRoutingInfo>();
        // Nothing a case records lies after the instant it is judged at (a comment written "later" would change the verdict then).
        DateTimeOffset Past(DateTimeOffset at) => at < now ? at : now.AddSeconds(-1);
        for (var i = 0; i < count; i++)
        {
            var created = now.AddMinutes(-random.Next(1, 60 * 24 * 10));
            var template = templates[i % templates.Length]();
            var author = template.Comments.Count > 0 ? template.Comments[0].CreatedById : template.CreatedById;
            var c = template with
            {
                Id = Id("500", 100_000 + i),
                CaseNumber = (100_000 + i).ToString(CultureInfo.InvariantCulture),
                CreatedDate = created,
                Priority = random.Next(10) == 0 ? "Urgente" : "Média",
                OwnerId = random.Next(3) == 0 ? User(random.Next(1, 15)) : template.OwnerId,
                Subject = text.Subject(),
                Comments = Enumerable.Range(0, random.Next(1, 4))
                    .Select(k => new CaseComment(text.Comment(i % 5), random.Next(3) == 0, Past(created.AddMinutes(2 + (k * random.Next(5, 90)))), author))
                    .ToList(),
                Emails = template.Emails.Count == 0 || random.Next(2) == 0 ? template.Emails
                    : [template.Emails[0] with { MessageDate = Past(created.AddMinutes(random.Next(10, 600))), Body = text.Comment(i % 5) }],
                History = random.Next(6) == 0 ? [] : template.History.Select(h => h with { At = Past(created + (h.At - Cases.Opened)) }).ToList(),
            };
            c = (i % 5) switch
            {
                0 => c.WithFields((LogicalField.EscalationCategory, categories[random.Next(categories.Length)]),
                    (LogicalField.OrderNumber, random.Next(4) == 0 ? null : text.OrderNumber()), (LogicalField.CustomerName, text.Name())),
                1 => c.WithFields((LogicalField.SlaTier, tiers[random.Next(tiers.Length)])),
                3 => c.WithFields((LogicalField.Awaiting, random.Next(2) == 0 ? "N2" : "Cliente"),
                    (LogicalField.Resolution, random.Next(3) == 0 ? null : text.Comment(3))),
                _ => c,
            };
            if (i % 11 == 0)
            {
                // Work waiting for Omni-Channel's queue-based routing is owned by the queue it waits in.
                var queue = Queue(i % 2 == 0 ? "Supervisor_EPS" : "N1_Filiais");
                c = c with { OwnerId = queue };
                pending.Add(new PendingRoutingInfo(c.Id, queue, created.AddMinutes(3)));
            }

            cases.Add(c);
            if (i % 7 == 0)
            {
                agentWork.Add(new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Assigned", created.AddMinutes(5), null));
            }
        }

        var open = cases.Select(c => new OpenCaseRef(c.Id, c.OwnerId, c.RecordType == "SpecialService" ? "special-service" : "other", c.CreatedDate));
        return (cases, Org(agentWork: agentWork, pending: pending, openCases: open));
    }
}
