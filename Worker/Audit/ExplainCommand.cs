using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Salesforce;
using SfBridge.Sla;
using SfBridge.Snapshots;
using SfBridge.State;
using SfBridge.Sync;

namespace SfBridge.Audit;

/// <summary>
/// <c>explain --case NUMBER|ID (--input DIR | --state) [--now ISO-8601] [--mappings DIR] [--format text|json]</c>:
/// for each rule of the case's pack, the verdict (fired, ok, not-applicable, waiting), the reason in Portuguese and,
/// for clocks, calendar, start, pauses, stop, target, due, elapsed and share; with --state, judged from the worker's
/// own state database as the sweep judges, and with the ledger's history of each finding (first seen, posted,
/// reminded, escalated, acknowledged, cleared). Nothing is written anywhere.
/// </summary>
public static class ExplainCommand
{
    public const int CaseNotFound = 5;

    /// <param name="maxAttempts">Alerts:MaxAttempts: after so many refusals an alert is tried once an hour, a note never again.</param>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, string defaultMappings, StateOptions state, TimeProvider time,
        TextWriter stdout, TextWriter stderr, int maxAttempts = 5)
    {
        if (!options.TryGetValue("case", out var wanted))
        {
            stderr.WriteLine("explain needs --case NUMBER|ID");
            return RunOutcome.UsageError;
        }

        var fromState = options.ContainsKey("state");
        if (options.ContainsKey("input") == fromState)
        {
            stderr.WriteLine("explain needs exactly one of --input DIR (an org snapshot) or --state (the worker's state database)");
            return RunOutcome.UsageError;
        }

        var format = options.GetValueOrDefault("format", "text");
        if (format is not ("text" or "json"))
        {
            stderr.WriteLine($"--format must be text or json, not '{format}'");
            return RunOutcome.UsageError;
        }

        var nowText = options.GetValueOrDefault("now");
        if (!OfflineCommands.NowIsValid(nowText, stderr))
        {
            return RunOutcome.UsageError;
        }

        if (OfflineCommands.LoadPolicy(options.GetValueOrDefault("mappings", defaultMappings), stderr) is not { } policy)
        {
            return OfflineCommands.MappingsInvalid;
        }

        var now = nowText is null ? time.GetUtcNow() : OfflineCommands.Instant(nowText, policy.Settings.TimeZone);
        IReadOnlyList<CaseSnapshot> cases;
        OrgContext org;
        AdoStateStore? store = null;
        try
        {
            if (fromState)
            {
                store = await ReadOnlyState.OpenAsync(state, time, stderr, default);
                if (store is null)
                {
                    return OfflineCommands.InputInvalid;
                }

                cases = (await StoredState.LoadCasesAsync(store, policy, default)).Cases.Select(x => x.Case).ToList();
                org = await StoredState.LoadOrgAsync(store, policy, cases, default);
            }
            else
            {
                try
                {
                    var snapshot = OrgSnapshot.Load(options["input"], policy.Settings.TimeZone);
                    var reads = snapshot.Records("Case").Select(r => (Record: r, Read: CaseReader.Read(r, policy.Fields))).ToList();
                    cases = reads.Select(r => r.Read.Case).OfType<CaseSnapshot>().ToList();
                    // The wanted case in Case.json that cannot be read: why, as audit quarantines it, not "not in the snapshot".
                    if (reads.FirstOrDefault(r => r.Read.Case is null && Names(r.Record, wanted.Trim())) is { Record: not null } unreadable)
                    {
                        stderr.WriteLine(ChatterText.OneLine($"case {wanted} is in the snapshot's Case.json but cannot be judged: {unreadable.Read.Error}"));
                        return OfflineCommands.InputInvalid;
                    }

                    org = OrgContextBuilder.Build(snapshot, cases, policy);
                }
                catch (InvalidDataException ex)
                {
                    stderr.WriteLine(ChatterText.OneLine(ex.Message));
                    return OfflineCommands.InputInvalid;
                }
            }

            var c = cases.FirstOrDefault(x => string.Equals(x.CaseNumber, wanted.Trim(), StringComparison.Ordinal) ||
                                              (SalesforceId.IsValid(wanted.Trim()) && SalesforceId.AreEqual(x.Id, wanted.Trim())));
            var history = store is null ? [] : await store.CaseHistoryAsync(c?.Id ?? wanted.Trim(), default);
            if (c is null)
            {
                stderr.WriteLine(fromState
                    ? $"case {wanted} is not tracked by the worker (closed earlier, deleted, or never open while it ran)" + (history.Count > 0 ? "; the ledger's history follows" : "")
                    : $"case {wanted} is not in the snapshot's Case.json");
                if (history.Count == 0)
                {
                    return CaseNotFound;
                }
            }

            var explanations = c is null ? [] : new PolicyEngine(policy).Explain(c, org, now);
            if (format == "json")
            {
                WriteJson(stdout, explanations, history, policy.Settings.TimeZone);
            }
            else
            {
                WriteText(stdout, c, explanations, history, policy, org, now, maxAttempts);
            }

            return c is null ? CaseNotFound : RunOutcome.Success;
        }
        finally
        {
            await ReadOnlyState.CloseAsync(store);
        }
    }

    /// <summary>Whether a raw case record is the one asked for, by number or id (read leniently: the record failed to read).</summary>
    private static bool Names(SObjectRecord record, string wanted)
    {
        string? Field(string name)
        {
            try
            {
                return record.GetString(name);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return string.Equals(Field("CaseNumber"), wanted, StringComparison.Ordinal) ||
               (SalesforceId.IsValid(wanted) && Field("Id") is { } id && SalesforceId.IsValid(id) && SalesforceId.AreEqual(id, wanted));
    }

    private static void WriteText(TextWriter o, CaseSnapshot? c, IReadOnlyList<RuleExplanation> rules, IReadOnlyList<FindingHistory> history, Policy policy,
        OrgContext org, DateTimeOffset now, int maxAttempts)
    {
        var zone = policy.Settings.TimeZone;
        string Local(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "-";
        if (c is not null)
        {
            var pack = rules.Count > 0 ? rules[0].Pack : null;
            o.WriteLine($"Caso {c.CaseNumber} ({c.Id}) — {Clip(c.Subject)}");
            o.WriteLine(pack is null
                ? $"  não pertence a nenhum pacote (packs.csv): nenhuma regra o julga; julgado em {Local(now)}"
                : $"  pacote {pack}, julgado em {Local(c.IsClosed && c.EndedAt < now ? c.EndedAt : now)}{(c.IsClosed ? " (encerrado: as regras de encerramento o julgam na data do encerramento)" : "")}");
            foreach (var r in rules)
            {
                o.WriteLine($"  {r.RuleId,-11} {r.Verdict,-15} {ChatterText.OneLine(r.Reason)}"); // a reason quotes case text: one line, no control characters
                foreach (var m in r.Clocks)
                {
                    var pauses = m.Pauses.Count == 0 ? "nenhuma" : string.Join(", ", m.Pauses.Select(p => $"{Local(p.From)}–{(p.To is null ? "em curso" : Local(p.To))}"));
                    o.WriteLine($"              relógio: calendário {m.Clock.Calendar.Name}, início {Local(m.StartedAt)}, pausas {pauses}, parada {Local(m.StoppedAt)}, " +
                                $"alvo {m.Clock.Target.Describe()}, vence {Local(m.Result.DueAt)}, decorrido {Elapsed(m.Result.Elapsed)} ({Share(m):0}% do alvo)");
                }
            }
        }

        if (history.Count > 0)
        {
            o.WriteLine("  Histórico no ledger:");
            foreach (var h in history)
            {
                o.WriteLine($"  {h.RuleId,-11} {h.Kind,-24} visto em {Local(h.FirstSeen)}{(h.ClearedAt is { } cl ? $", encerrado em {Local(cl)}" : ", em aberto")}" +
                            (h.AcknowledgedAt is { } ack ? $", reconhecido por {ChatterText.OneLine(org.User(h.AcknowledgedBy)?.Name ?? h.AcknowledgedBy ?? "")} em {Local(ack)}" : "") +
                            (h.SnoozedUntil is { } until ? $", lembretes adiados até {Local(until)}" : ""));
                foreach (var a in h.Alerts)
                {
                    var what = a.Purpose switch { "breach" => "alerta", "reminder" => $"lembrete (nível {a.Level})", _ => "nota de resolução" };
                    var where = a.State switch
                    {
                        "sent" => $"publicado em {Local(a.SentAt)}",
                        "withdrawn" => "retirado antes de publicar (a pendência acabou)",
                        "failed" when a.Attempts >= maxAttempts && a.Purpose == "resolution" => $"recusado pelo Chatter {a.Attempts} vezes; não será tentado de novo (Alerts:MaxAttempts)",
                        "failed" when a.Attempts >= maxAttempts => $"recusado pelo Chatter {a.Attempts} vezes; nova tentativa a cada hora enquanto a pendência estiver aberta (Alerts:MaxAttempts)",
                        "failed" => "recusado pelo Chatter; nova tentativa em breve (Alerts:RetryBackoff)",
                        "baseline" => "já existia no primeiro início do SfBridge: registrado, nunca publicado",
                        _ => a.NotBefore is { } nb ? $"aguardando o expediente da equipe ({Local(nb)})" : "na fila de envio",
                    };
                    o.WriteLine($"              [{a.Reference}] {what}: {where}");
                }
            }
        }
    }

    private static void WriteJson(TextWriter o, IReadOnlyList<RuleExplanation> rules, IReadOnlyList<FindingHistory> history, TimeZoneInfo zone)
    {
        string? Iso(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
        foreach (var r in rules)
        {
            var line = new JsonObject
            {
                ["ruleId"] = r.RuleId,
                ["pack"] = r.Pack,
                ["verdict"] = r.Verdict,
                ["reason"] = r.Reason,
                ["findings"] = new JsonArray(r.Findings.Select(f => (JsonNode)new JsonObject
                {
                    ["kind"] = f.Kind.WireName(), ["severity"] = f.Severity.WireName(), ["dueAt"] = Iso(f.DueAt), ["breachKey"] = f.BreachKey, ["message"] = f.Message,
                }).ToArray()),
            };
            if (r.Clocks.Count > 0)
            {
                var m = r.Clocks[^1];
                line["clock"] = new JsonObject
                {
                    ["calendar"] = m.Clock.Calendar.Name,
                    ["startedAt"] = Iso(m.StartedAt),
                    ["pauses"] = new JsonArray(m.Pauses.Select(p => (JsonNode)new JsonObject { ["from"] = Iso(p.From), ["to"] = Iso(p.To) }).ToArray()),
                    ["stoppedAt"] = Iso(m.StoppedAt),
                    ["target"] = m.Clock.Target.Describe(),
                    ["dueAt"] = Iso(m.Result.DueAt),
                    ["elapsed"] = Elapsed(m.Result.Elapsed),
                    ["share"] = Math.Round(Share(m) / 100, 3),
                    ["status"] = m.Result.Status.ToString().ToLowerInvariant(),
                };
            }

            var mine = history.Where(h => h.RuleId == r.RuleId).ToList();
            if (mine.Count > 0)
            {
                line["history"] = new JsonArray(mine.Select(h => (JsonNode)new JsonObject
                {
                    ["breachKey"] = h.BreachKey, ["kind"] = h.Kind, ["firstSeen"] = Iso(h.FirstSeen), ["clearedAt"] = Iso(h.ClearedAt),
                    ["acknowledgedAt"] = Iso(h.AcknowledgedAt), ["acknowledgedBy"] = h.AcknowledgedBy, ["snoozedUntil"] = Iso(h.SnoozedUntil),
                    ["alerts"] = new JsonArray(h.Alerts.Select(a => (JsonNode)new JsonObject
                    {
                        ["reference"] = a.Reference, ["purpose"] = a.Purpose, ["level"] = a.Level, ["state"] = a.State, ["attempts"] = a.Attempts, ["notBefore"] = Iso(a.NotBefore), ["sentAt"] = Iso(a.SentAt),
                    }).ToArray()),
                }).ToArray());
            }

            o.WriteLine(line.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
    }

    private static double Share(ClockMeasurement m)
    {
        var work = m.Result.Allowed;
        return work <= TimeSpan.Zero ? 0 : 100.0 * m.Result.Elapsed.Ticks / work.Ticks;
    }

    private static string Elapsed(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h{span.Minutes:00}"
        : $"{(int)span.TotalMinutes} min";

    /// <summary>The subject on one line, without control or bidirectional formatting characters, cut between graphemes.</summary>
    private static string Clip(string? subject) => ChatterText.ClipElements(ChatterText.OneLine(subject ?? "sem assunto"), 120);
}
