using System.Diagnostics;
using System.Globalization;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Benchmarks;

/// <summary>
/// Evaluates every pack over generated cases on one thread and prints cases per second and allocated bytes per
/// case (scripts/bench.sh). The cases vary in pack, timing, Omni-Channel state and completeness, so most rules
/// run their full path and many produce findings.
/// </summary>
public static class EngineBenchmark
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var now = At(2026, 3, 4, 15);
        var (cases, org) = Generate(count, now);
        if (args.Length > 2)
        {
            cases = cases.Where(c => c.RecordType == args[2]).ToList(); // one record type only: where does the time go?
            count = cases.Count;
        }

        var engine = new PolicyEngine(Scenario.Policy);

        foreach (var c in cases.Take(5_000))
        {
            engine.Evaluate(c, org, now); // warm-up: JIT and tiering
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var findings = 0L;
        var watch = Stopwatch.StartNew();
        foreach (var c in cases)
        {
            findings += engine.Evaluate(c, org, now).Count;
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"cases:            {count:N0}");
        Console.WriteLine($"findings:         {findings:N0}");
        Console.WriteLine($"elapsed:          {watch.Elapsed.TotalMilliseconds:N0} ms (one thread)");
        Console.WriteLine($"cases per second: {count / watch.Elapsed.TotalSeconds:N0}");
        Console.WriteLine($"allocated/case:   {allocated / (double)count:N0} bytes");
        return 0;
    }

    internal static (List<CaseSnapshot> Cases, OrgContext Org) Generate(int count, DateTimeOffset now)
    {
        var random = new Random(20260304);
        var templates = new Func<CaseSnapshot>[] { Cases.Gso, Cases.PitStop, Cases.Special, Cases.Protocol, Cases.Billing };
        var tiers = new[] { "IS", "Urgente", "2 Horas", "4 Horas", "24 Horas", "72 Horas", "10 Dias" };
        var categories = Scenario.Policy.Categories["gso"].Select(c => c.Name).Append("Cancelamento de pedido").ToArray();
        var cases = new List<CaseSnapshot>(count);
        var agentWork = new List<AgentWorkInfo>();
        var pending = new List<PendingRoutingInfo>();
        for (var i = 0; i < count; i++)
        {
            var created = now.AddMinutes(-random.Next(1, 60 * 24 * 10));
            var c = templates[i % templates.Length]() with
            {
                Id = Id("500", 100_000 + i),
                CaseNumber = (100_000 + i).ToString(CultureInfo.InvariantCulture),
                CreatedDate = created,
                Priority = random.Next(10) == 0 ? "Urgente" : "Média",
                OwnerId = random.Next(3) == 0 ? User(random.Next(1, 15)) : null,
            };
            c = (i % 5) switch
            {
                0 => c.WithFields((LogicalField.EscalationCategory, categories[random.Next(categories.Length)]), (LogicalField.OrderNumber, random.Next(4) == 0 ? null : "48100221")),
                1 => c.WithFields((LogicalField.SlaTier, tiers[random.Next(tiers.Length)])),
                3 => c.WithFields((LogicalField.Awaiting, random.Next(2) == 0 ? "N2" : "Cliente")),
                _ => c,
            };
            cases.Add(c);
            if (i % 7 == 0)
            {
                agentWork.Add(new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Assigned", created.AddMinutes(5), null));
            }

            if (i % 11 == 0)
            {
                pending.Add(new PendingRoutingInfo(c.Id, Queue(i % 2 == 0 ? "Supervisor_EPS" : "N1_Filiais"), created.AddMinutes(3)));
            }
        }

        var open = cases.Select(c => new OpenCaseRef(c.Id, c.OwnerId, c.RecordType == "SpecialService" ? "special-service" : "other", c.CreatedDate));
        return (cases, Org(agentWork: agentWork, pending: pending, openCases: open));
    }
}
