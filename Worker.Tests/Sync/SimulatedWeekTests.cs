using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfBridge.Tests.Fixtures;
using Xunit.Abstractions;
using static SfBridge.Tests.Sync.ServicePath;

namespace SfBridge.Tests.Sync;

/// <summary>Runs alone: it measures the process's memory, which tests running beside it would blur.</summary>
[CollectionDefinition(nameof(SimulatedWeekTests), DisableParallelization = true)]
public sealed class SimulatedWeekCollection;

/// <summary>
/// A business week with a national holiday (Monday 7 September 2026, Independência) on the worker's real cycle: cases
/// of the five packs open, change, breach, get acknowledged in Chatter and close, driven by a seeded random generator;
/// the periodic cycle runs every 5 minutes of fake time and the due-instant wake-ups in between, and after every step
/// the Chatter feeds and the state are checked against the promises the worker makes to supervisors.
/// </summary>
[Collection(nameof(SimulatedWeekTests))]
public sealed class SimulatedWeekTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReminderInterval = TimeSpan.FromHours(2);
    private static readonly TimeSpan SaoPaulo = TimeSpan.FromHours(-3); // no daylight saving time in Brazil since 2019
    private static readonly DateOnly Independencia = new(2026, 9, 7); // the week's national holiday (calendars.csv: national_holidays BR)
    private static readonly string[] People = [User(3), User(8), User(10), User(14)];
    private const string KeyAccount = "001SB0000000001YAA";

    private sealed record Span(HashSet<DayOfWeek> Days, TimeOnly Start, TimeOnly End, bool Holidays);

    private sealed record Sent(string Reference, string BreachKey, string RuleId, int Sequence, string Purpose);

    private sealed record Post(string Id, string CaseId, DateTimeOffset At, List<string> References, List<string> Mentions);

    /// <summary>The team calendars as calendars.csv spells them, read here on their own so the check does not lean on the worker's arithmetic.</summary>
    private static Dictionary<string, List<Span>> Calendars()
    {
        var calendars = new Dictionary<string, List<Span>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "mappings", "calendars.csv")).Where(l => !l.StartsWith('#')).Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal("America/Sao_Paulo", f[1]);
            var days = f[2] switch
            {
                "Mon-Fri" => new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
                "Sat" => [DayOfWeek.Saturday],
                var other => throw new InvalidOperationException($"calendars.csv: days '{other}' is not read by this test"),
            };
            var end = f[4] == "24:00" ? TimeOnly.MaxValue : TimeOnly.ParseExact(f[4], "HH:mm", CultureInfo.InvariantCulture);
            (calendars.TryGetValue(f[0], out var spans) ? spans : calendars[f[0]] = []).Add(new Span(days, TimeOnly.ParseExact(f[3], "HH:mm", CultureInfo.InvariantCulture), end, f[5] == "BR"));
        }

        return calendars;
    }

    /// <summary>rule → (team_calendar, off_shift) from rules.csv (the last two columns; quoted commas are in earlier ones).</summary>
    private static Dictionary<string, (string Team, string OffShift)> Rules() =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "mappings", "rules.csv")).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (f[^2] is "" ? "24x7" : f[^2], f[^1] is "" ? "wait" : f[^1]), StringComparer.Ordinal);

    private static bool OnShift(Dictionary<string, List<Span>> calendars, string calendar, DateTimeOffset at)
    {
        if (calendar == "24x7")
        {
            return true;
        }

        var local = at.ToOffset(SaoPaulo);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return calendars[calendar].Any(s => s.Days.Contains(local.DayOfWeek) && !(s.Holidays && DateOnly.FromDateTime(local.DateTime) == Independencia)
                                            && time >= s.Start && time < s.End);
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(SaoPaulo).ToString("ddd dd/MM HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Fact]
    public async Task AWeekWithAHoliday_KeepsEveryAlertPromise_AtEveryCycle()
    {
        var clock = Stopwatch.StartNew();
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = OrgOnly },
            new Dictionary<string, string?> { ["Alerts:FirstStartBaseline"] = "false", ["Alerts:ReminderInterval"] = ReminderInterval.ToString() });
        var s = new ServicePath(h);
        var calendars = Calendars();
        var rules = Rules();
        var random = new Random(20260907);

        var start = new DateTimeOffset(2026, 9, 6, 22, 0, 0, SaoPaulo); // Sunday night before the holiday
        var end = new DateTimeOffset(2026, 9, 11, 22, 0, 0, SaoPaulo); // Friday night
        h.Salesforce.Time.Advance(start - h.Salesforce.Time.GetUtcNow());

        var open = new List<string>();
        var cases = new List<string>();
        var posts = new Dictionary<string, Post>(StringComparer.Ordinal); // feed element id → post, as first seen
        var sent = new Dictionary<string, Sent>(StringComparer.Ordinal); // reference → alert row
        var plannedAcks = new List<(DateTimeOffset At, Post Post)>();
        var acknowledged = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal); // breach key → when the "ok" was written
        var (cycles, wakeUps, changes, closed) = (0, 0, 0, 0);
        var (reminders, offShiftPosts, lostChecks) = (0, 0, 0); // how much each invariant had to check
        long? firstDayMemory = null;
        long lastDayMemory = 0;
        var daily = new List<long>(); // MB at each local midnight

        string Open(DateTimeOffset now)
        {
            switch (random.Next(5))
            {
                case 0:
                    return s.Case("PitStop", now, c => { c["OwnerId"] = User(14); c["Nivel_SLA__c"] = random.Next(2) == 0 ? "IS" : "4 Horas"; });
                case 1:
                    var protocol = s.Case("Protocolo", now, c =>
                    {
                        c["OwnerId"] = User(10); c["CreatedById"] = User(10); c["AccountId"] = "001SB0000000003YAA"; c["Supervisor__c"] = "Carlos Menezes";
                        c["Ocorrencia__c"] = "Erro"; c["Detalhamento__c"] = "Boleto não é gerado."; c["Meio_Contato__c"] = "Telefone"; c["Aguardando__c"] = "Cliente";
                        c["Retorno__c"] = "Sim";
                    });
                    if (random.Next(2) == 0)
                    {
                        s.Call(protocol, now, User(10));
                    }

                    return protocol;
                case 2:
                    return s.Case("Faturamento", now, c => { c["OwnerId"] = Queues.Cmc; c["CreatedById"] = User(12); c["Numero_Incidente__c"] = "INC0048213"; });
                case 3:
                    var gso = s.Case("GSO", now, c =>
                    {
                        c["OwnerId"] = Queues.Eps; c["Categoria_Escalonamento__c"] = random.Next(2) == 0 ? "Não tem agenda disponível" : "Cancelamento de pedido";
                        c["Numero_Pedido__c"] = "48100221"; c["Tipo_Midia__c"] = "Token"; c["Email_Cliente__c"] = "jose.pereira@cliente.example";
                        c["Telefone_Cliente__c"] = "(19) 99876-1122"; c["Caso_Critico__c"] = false;
                    });
                    s.Comment(gso, "Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira.", false, now, User(3));
                    s.OwnerChange(gso, Queues.N1Rapida, Queues.Eps, now, User(3));
                    return gso;
                default:
                    return s.Case("SpecialService", now, c => { c["OwnerId"] = User(8); c["AccountId"] = KeyAccount; });
            }
        }

        // What people do in Salesforce before the cycle at `now`: open cases by day, work and close them, answer alerts.
        void Events(DateTimeOffset now)
        {
            var local = now.ToOffset(SaoPaulo);
            if (local.Hour is >= 7 and < 19 && local.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && random.NextDouble() < 0.05)
            {
                var id = Open(now);
                open.Add(id);
                cases.Add(id);
            }

            foreach (var id in open.ToList())
            {
                var roll = random.NextDouble();
                if (roll < 0.004)
                {
                    s.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(now) });
                    open.Remove(id);
                    closed++;
                }
                else if (roll < 0.014)
                {
                    s.Comment(id, "Cliente contatado, aguardando retorno.", random.Next(2) == 0, now, People[random.Next(People.Length)]);
                    changes++;
                }
                else if (roll < 0.018)
                {
                    var to = People[random.Next(People.Length)];
                    var from = h.Emulator.Org.Read(v => v.ById(id)!["OwnerId"]!.GetValue<string>());
                    s.Update(id, new JsonObject { ["OwnerId"] = to });
                    s.OwnerChange(id, from, to, now, User(3));
                    changes++;
                }
                else if (roll < 0.022)
                {
                    s.Update(id, new JsonObject { ["Status"] = random.Next(2) == 0 ? "Aguardando Cliente" : "Em Atendimento" });
                    changes++;
                }
            }

            foreach (var ack in plannedAcks.Where(a => a.At <= now).ToList())
            {
                plannedAcks.Remove(ack);
                h.Emulator.Org.Insert("FeedComment", new JsonObject
                {
                    ["FeedItemId"] = ack.Post.Id, ["ParentId"] = ack.Post.CaseId, ["CommentBody"] = "ok", ["CreatedById"] = ack.Post.Mentions[0],
                    ["CreatedDate"] = Rest(now), ["CommentType"] = "TextComment",
                });
                foreach (var reference in ack.Post.References.Where(sent.ContainsKey))
                {
                    acknowledged.TryAdd(sent[reference].BreachKey, now);
                }
            }
        }

        async Task Check(DateTimeOffset now, bool periodic)
        {
            var at = Local(now);
            var fresh = new List<Post>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in cases)
            {
                foreach (var item in h.Emulator.Feed(id))
                {
                    var text = item["body"]!["text"]!.GetValue<string>();
                    var references = Regex.Matches(text, @"\[(SFB-[A-Z0-9]{10})\]").Select(m => m.Groups[1].Value).ToList();
                    foreach (var reference in references)
                    {
                        seen[reference] = seen.GetValueOrDefault(reference) + 1;
                    }

                    var elementId = item["id"]!.GetValue<string>();
                    if (!posts.ContainsKey(elementId))
                    {
                        var mentions = item["body"]!["messageSegments"]!.AsArray().Where(m => m!["type"]!.GetValue<string>() == "Mention")
                            .Select(m => m!["record"]!["id"]!.GetValue<string>()).ToList();
                        var post = new Post(elementId, id, Parse(item["createdDate"]!.GetValue<string>()), references, mentions);
                        posts[elementId] = post;
                        fresh.Add(post);
                    }
                }
            }

            var twice = seen.Where(p => p.Value > 1).Select(p => p.Key).ToList();
            Assert.True(twice.Count == 0, $"{at}: references in Chatter more than once: {string.Join(", ", twice)}");
            if (fresh.Count == 0 && !periodic)
            {
                return;
            }

            if (fresh.Count > 0)
            {
                foreach (var row in await h.Store.QueryAsync("SELECT reference, breach_key, rule_id, sequence, purpose FROM alerts", default))
                {
                    sent[(string)row[0]!] = new Sent((string)row[0]!, (string)row[1]!, (string)row[2]!, Convert.ToInt32(row[3], CultureInfo.InvariantCulture), (string)row[4]!);
                }
            }

            // One first post per breach.
            var firsts = posts.Values.SelectMany(p => p.References.Where(r => sent.TryGetValue(r, out var a) && a.Sequence == 0).Select(r => (sent[r].BreachKey, p.Id)))
                .GroupBy(x => x.BreachKey).Where(g => g.Select(x => x.Id).Distinct().Count() > 1).Select(g => g.Key).ToList();
            Assert.True(firsts.Count == 0, $"{at}: breaches with more than one first post: {string.Join(", ", firsts)}");

            foreach (var post in fresh)
            {
                var alerts = post.References.Select(r => sent.TryGetValue(r, out var a) ? a : null).ToList();
                Assert.True(alerts.All(a => a is not null), $"{at}: post {post.Id} on case {post.CaseId} carries a reference the outbox does not know: {string.Join(", ", post.References)}");

                // No @mention off the team's shift for a rule that waits for it.
                if (alerts.Any(a => !OnShift(calendars, rules[a!.RuleId].Team, post.At)))
                {
                    offShiftPosts++;
                }

                if (post.Mentions.Count > 0)
                {
                    var offShift = alerts.Where(a => rules[a!.RuleId].OffShift == "wait" && !OnShift(calendars, rules[a.RuleId].Team, post.At)).Select(a => $"{a!.RuleId} ({a.Purpose})").ToList();
                    Assert.True(offShift.Count == 0,
                        $"{at}: post {post.Id} on case {post.CaseId} at {Local(post.At)} mentions {string.Join(", ", post.Mentions)} off the team's shift for {string.Join(", ", offShift)}");
                }

                foreach (var alert in alerts.Where(a => a!.Purpose == SfBridge.Alerts.AlertPurpose.Reminder))
                {
                    // A reminder only once the interval has passed since the previous post of the same breach.
                    reminders++;
                    var previous = posts.Values.Where(p => p.Id != post.Id && p.References.Any(r => sent.TryGetValue(r, out var a) && a.BreachKey == alert!.BreachKey
                                                                                                  && a.Sequence < alert.Sequence && a.Purpose != SfBridge.Alerts.AlertPurpose.Resolution))
                        .Select(p => p.At).DefaultIfEmpty().Max();
                    Assert.True(previous != default, $"{at}: reminder {alert!.Reference} ({alert.RuleId}, case {post.CaseId}) with no earlier post of its breach in Chatter");
                    Assert.True(post.At - previous >= ReminderInterval,
                        $"{at}: reminder {alert.Reference} ({alert.RuleId}, case {post.CaseId}) at {Local(post.At)}, {post.At - previous} after the previous post of its breach");

                    // None after an acknowledgement.
                    if (acknowledged.TryGetValue(alert.BreachKey, out var ok) && post.At >= ok)
                    {
                        Assert.Fail($"{at}: reminder {alert.Reference} ({alert.RuleId}, case {post.CaseId}) at {Local(post.At)} after the \"ok\" of {Local(ok)}");
                    }
                }

                // Someone mentioned answers some of the alerts, within a few hours.
                if (post.Mentions.Count > 0 && post.References.Count > 0 && random.NextDouble() < 0.35)
                {
                    plannedAcks.Add((now + Step * random.Next(1, 30), post));
                }
            }

            if (!periodic)
            {
                return;
            }

            // Nothing lost: an open breach, due long enough ago, inside its team's hours, is in Chatter.
            var postedKeys = posts.Values.SelectMany(p => p.References).Where(sent.ContainsKey).Select(r => sent[r].BreachKey).ToHashSet(StringComparer.Ordinal);
            foreach (var row in await h.Store.QueryAsync("SELECT breach_key, case_id, rule_id, due_at, first_seen FROM findings WHERE kind = 'sla-breach' AND cleared_at IS NULL AND due_at IS NOT NULL", default))
            {
                var (key, caseId, rule) = ((string)row[0]!, (string)row[1]!, (string)row[2]!);
                var since = new[] { Parse((string)row[3]!), Parse((string)row[4]!) }.Max();
                var team = rules[rule].Team;
                if (now - since > ReminderInterval + Step && OnShift(calendars, team, now) && OnShift(calendars, team, now - Step))
                {
                    lostChecks++;
                    Assert.True(postedKeys.Contains(key), $"{at}: breach {key} ({rule}, case {caseId}) open since {Local(since)} and never posted");
                }
            }
        }

        var nextCycle = start;
        var day = start.ToOffset(SaoPaulo).Date;
        while (nextCycle <= end)
        {
            var now = h.Salesforce.Time.GetUtcNow();
            // A wake-up due at the cycle's own instant runs first, before that instant's events (a reply written then
            // comes after what the wake-up posted).
            if (h.DueWatch.ArmedFor is { } armed && armed > now && armed <= nextCycle)
            {
                h.Salesforce.Time.Advance(armed - now); // the due-instant wake-up
                await h.DueWatch.WhenIdleAsync();
                wakeUps++;
                await Check(armed, periodic: false);
                continue;
            }

            h.Salesforce.Time.Advance(nextCycle - now);
            await h.DueWatch.WhenIdleAsync();
            Events(nextCycle);
            Assert.True(await h.Cycle.RunOnceAsync(default), $"{Local(nextCycle)}: the cycle failed");
            await h.DueWatch.WhenIdleAsync();
            cycles++;
            await Check(nextCycle, periodic: true);

            nextCycle += Step;
            if (nextCycle.ToOffset(SaoPaulo).Date != day)
            {
                day = nextCycle.ToOffset(SaoPaulo).Date;
                // The day's log: no error, no secret. Then the test's own records (log events, the emulator's request log) are let go.
                var errors = h.Salesforce.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Error).Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).ToList();
                Assert.True(errors.Count == 0, $"{Local(nextCycle)}: errors logged during the day: {string.Join(" | ", errors.Take(3))}");
                h.Salesforce.AssertNoSecretsLogged();
                h.Salesforce.Logs.Clear();
                h.Emulator.Requests.Clear();
                var memory = GC.GetTotalMemory(forceFullCollection: true);
                if (day == new DateTime(2026, 9, 8))
                {
                    firstDayMemory = memory; // after the holiday, the first day
                }

                lastDayMemory = memory;
                daily.Add(memory / 1024 / 1024);
            }
        }

        var rows = await h.Store.QueryAsync("SELECT (SELECT COUNT(*) FROM findings), (SELECT COUNT(*) FROM alerts), (SELECT COUNT(*) FROM tracked_cases), (SELECT COUNT(*) FROM runs)", default);
        output.WriteLine($"{cases.Count} cases ({closed} closed), {changes} changes, {cycles} cycles, {wakeUps} wake-ups, {posts.Count} posts ({posts.Values.Sum(p => p.References.Count)} alerts), " +
                         $"{reminders} reminders, {offShiftPosts} posts off a team's shift, {acknowledged.Count} breaches acknowledged, {lostChecks} checks of open breaches; findings/alerts/tracked/runs rows {string.Join("/", rows[0])}; " +
                         $"memory at each midnight {string.Join(", ", daily)} MB; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(lastDayMemory < 2 * firstDayMemory!.Value + 20 * 1024 * 1024, $"memory grew from {firstDayMemory} to {lastDayMemory} bytes over the week");
        Assert.True(cases.Count >= 20 && posts.Count >= 20 && reminders > 0 && offShiftPosts > 0 && acknowledged.Count > 0 && lostChecks > 0, "the week exercised too little to prove anything");
    }
}
