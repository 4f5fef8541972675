using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Mappings;

public sealed class MappingLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfbridge-mappings-").FullName;

    public MappingLoaderTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "mappings"), "*.csv"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Load_ShippedMappings_LoadEveryRuleAndCalendar()
    {
        var result = MappingLoader.Load(Path.Combine(RepoPaths.Root, "mappings"));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(RuleCatalog.Rules.Keys.Order(), result.Policy!.Rules.Keys.Order());
        Assert.Equal(12, result.Policy.Categories["gso"].Count);
        Assert.Contains("special_service", result.Policy.Calendars.Keys);
        Assert.All(result.Policy.Mentions, m => Assert.True(SfBridge.Salesforce.MentionTarget.TryCreate(m.MentionId, out _)));
    }

    [Theory]
    [InlineData("priority.urgent,Urgente|Crítica", "\"Urgente, Crítica\"")]
    [InlineData("origin.phone,Telefone|Phone", "\"Telefone, Phone\"")]
    [InlineData("gso.gar_approved_statuses,APROVADO|EMITIDO", "\"APROVADO, EMITIDO\"")]
    [InlineData("protocol.transfer_awaiting,N2|Desenvolvimento", "\"N2, Desenvolvimento\"")]
    [InlineData("pitstop.agenda_queues,N1_Rapida|N1_Blip_Matriz|N1_Blip_Filiais|N1_Filiais|Especialistas", "\"N1_Rapida, N1_Filiais\"")]
    [InlineData("pitstop.validation_queues,N2", "\"N2, Especialistas\"")]
    public void Load_AListSettingWrittenWithCommas_IsRefused(string row, string commas)
    {
        // Reproduced (in review): "Urgente, Crítica" in priority.urgent was one priority no case has, and GSO-06 never fired; so for
        // every |-separated setting but the three statuses, which alone were checked.
        var key = row[..row.IndexOf(',', StringComparison.Ordinal)];
        Replace("settings.csv", row + ",", key + "," + commas + ",");

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.ToString().Contains($"'{key}' separates its values with |, not commas", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rules.csv", "GSO-04,yes,1h,gso,0.8,breach", "GSO-04,yes,1h,gso,NaN,breach", "[warning_share] 'NaN' must be a number in (0, 1]")]
    [InlineData("settings.csv", "billing.approved_similarity,0.75,", "billing.approved_similarity,NaN,", "'NaN' must be a number in (0, 1]")]
    [InlineData("rules.csv", "GSO-04,yes,1h,gso,0.8,breach", "GSO-04,yes,1h,gso,0.8,2", "[severity] '2' must be info, warning, breach or critical")]
    [InlineData("rules.csv", "business hours (assumed 08:00-18:00),yes,gso,wait", "business hours (assumed 08:00-18:00),yes,gso,7", "[off_shift] '7' must be wait")]
    [InlineData("rules.csv", "business hours (assumed 08:00-18:00),yes,gso,wait", "business hours (assumed 08:00-18:00),yes,gso,\"quiet, wait\"", "[off_shift] 'quiet, wait' must be wait")]
    public void Load_ANumberThatIsNoneOrAnEnumWrittenAsANumberOrAList_IsRefused(string file, string from, string to, string error)
    {
        // Reproduced (in review): "NaN" passed the range checks (every comparison with it is false), and an off_shift or severity
        // written as a number or two names joined by a comma was taken by the enum parser: 7 was no mode and posted at night.
        Replace(file, from, to);

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.ToString().Contains(error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Mesa de atendimento V8,INC,", "Mesa de atendimento V8,INC*,", "[incident_prefix] 'INC*': write the prefix without * (INC)")]
    [InlineData("(planilha de escalonamento),*,", "(planilha de escalonamento),INC,", "[incident_prefix] 'INC' is already the prefix of line")]
    [InlineData("(planilha de escalonamento),*,", "(planilha de escalonamento),CHG,", "no row with incident_prefix *")]
    public void Load_AnEscalationMatrixThatWouldCallNobodyOrTheWrongTeam_IsRefused(string from, string to, string error)
    {
        // Reproduced (in review): "INC*" matched no incident, so the V8 desk's incidents went to the catch-all row; a second INC row
        // was silently ignored; and without a * row, an incident no prefix matched (or one without its number yet) got neither
        // BIL-02 nor BIL-03. Each validated OK.
        Replace("escalation_matrix.csv", from, to);

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.ToString().Contains(error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("categories.csv", "no GSO category: GSO-01 would call every escalation invalid")]
    [InlineData("sla_tiers.csv", "no tier: PIT-01 would judge no case")]
    [InlineData("mentions.csv", "no mention route: alerts would call nobody for a queue or a role")]
    public void Load_AFileLeftWithItsHeaderOnly_IsRefused_WhereARuleNeedsIt(string file, string error)
    {
        // Reproduced (in review): each validated OK; GSO-01 then called every escalated case invalid, PIT-01 judged none, and
        // every alert mentioned nobody.
        var path = Path.Combine(_folder, file);
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => l.StartsWith('#')).Append(File.ReadAllLines(path).First(l => !l.StartsWith('#'))));

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.ToString() == $"{file}: {error}" || e.ToString().StartsWith($"{file}: {error}", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AnAliasThatReadsLikeAnotherCategory_IsRefused()
    {
        Replace("categories.csv", "Casos Críticos|Ouvidoria|Corporativo", "Casos Críticos|Ouvidoria|Não tem agenda disponivel");

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.ToString().Contains("[aliases]", StringComparison.Ordinal) &&
                                                                 e.Message.Contains("reads the same as 'Não tem agenda disponível'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TemplatesWithoutAFallbackForEveryPurpose_AreRefused()
    {
        File.WriteAllLines(Path.Combine(_folder, "templates.csv"), File.ReadAllLines(Path.Combine(_folder, "templates.csv")).Where(l => !l.StartsWith("res-", StringComparison.Ordinal)));

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.Message.Contains("no fallback template (rule *, purpose resolution)", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_AnApprovedMessageWithGerundism_IsRefused()
    {
        Append("approved_messages.csv", "ruim-1,\"Cliente, vamos estar verificando o incidente.\",teste");

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.File == "approved_messages.csv" && e.Message.Contains("gerundism", StringComparison.Ordinal));
    }

    [Fact]
    public void Targets_ReadInAlerts_FollowTheConfiguredTarget()
    {
        Replace("rules.csv", "BIL-02,yes,10m,24x7", "BIL-02,yes,20m,24x7");
        var policy = MappingLoader.Load(_folder).Policy!;
        var c = Builders.Cases.Billing() with { Comments = [] };

        var f = new PolicyEngine(policy).Evaluate(c, Builders.Scenario.Org(), Builders.Cases.Opened.AddMinutes(21)).Single(x => x.RuleId == "BIL-02");

        Assert.StartsWith("incidente sem nenhuma ação nos primeiros 20 minutos", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenFiles_ReportsEveryProblemWithFileLineColumnAndAppliesNothing()
    {
        Replace("packs.csv", "record_type,GSO,gso", "record_type,GSO,gsoo");                                           // unknown pack
        Replace("rules.csv", "GSO-04,yes,1h,gso", "GSO-04,yes,1 hora,gso");                                             // bad duration
        Replace("rules.csv", "PIT-03,yes,10m,pitstop", "PIT-03,yes,10m,plantao");                                        // unknown calendar
        Replace("rules.csv", "SS-03,yes,7d,24x7", "SS-03,yes,7d,special_service");                                    // days on a business calendar
        Replace("rules.csv", "BIL-01,yes,15m,24x7,0.8,breach", "BIL-01,yes,15m,24x7,1.8,urgent");                     // share and severity
        Append("summaries.csv", "Time GSO,00GSB00000000022AA,gso,gsoo");                                              // a queue, not a Chatter group; unknown pack
        Append("rules.csv", "GSO-01,yes,,,,warning,,no,gso,wait");                                                            // duplicate key
        Replace("rules.csv", "PRO-06,yes,,,,warning,,no,protocol,wait", "PRO-06,yes,,,,warning,,no,protocol,sometimes");  // off-shift behaviour
        Replace("calendars.csv", "gso,America/Sao_Paulo,Mon-Fri,08:00,18:00", "gso,America/Sao_Paolo,Mon-Fri,08:00,18:00"); // unknown zone
        Replace("calendars.csv", "cmc,America/Sao_Paulo,Mon-Fri,08:00,18:00", "cmc,America/Sao_Paulo,Mon-Fry,18:00,08:00"); // days and times
        Append("holidays.csv", "*,21/04/2026,Tiradentes");                                                               // bad date
        Append("templates.csv", "ger-1,BIL-01,\"{saudacao}! Estarei transferindo o caso {caso}.\",alert");                    // gerundism
        Append("templates.csv", "bad-1,*,\"{saudacao}! Caso {numero}.\",alert");                                             // unknown placeholder
        Append("mentions.csv", "queue:GSO,1,00GSB0000000002AAA,Fila GSO");                                              // queue id cannot be mentioned
        Append("mentions.csv", "role:cmc_cordinator,1,005SB0000000012YAA,Tatiane Reis");                                 // a role no rule mentions
        Append("fields.csv", "order_number,Numero Pedido");                                                             // duplicate + bad API name
        Append("categories.csv", "gso,Não tem agenda disponível,no,no,no,no,,0,no,");                                   // duplicate category
        Append("absences.csv", "005SB0000000009YAA,2026-03-13,2026-03-02,,,invertida");                                // ends before it starts
        Append("absences.csv", "005SB0000000009YAA,2026-03-10,2026-03-20,,,prorrogada");                               // overlaps Bruno's leave
        Replace("rules.csv", "PIT-05,yes,", "PIT-05,,");                                                                // enabled left empty
        Replace("settings.csv", "status.returned,Concluído III", "status.returned,Concluído III|Concluído Nível III");     // a list in a single value
        Replace("settings.csv", "status.pause,Aguardando Cliente", "status.pause,\"Aguardando Cliente, Aguardando Terceiro\""); // a list with commas
        Replace("sla_tiers.csv", "10 Dias,10d,24x7", "10 Dias,10d,pitstop");                                            // days on a business calendar

        var result = MappingLoader.Load(_folder);
        var text = result.Errors.Select(e => e.ToString()).ToList();

        Assert.Null(result.Policy);
        Assert.True(result.Errors.Count >= 15, string.Join("\n", text));
        Assert.Contains(text, t => t.StartsWith("packs.csv:6:3: [pack] unknown pack 'gsoo'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("rules.csv:17:3: [target] '1 hora' is not a duration", StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("rules.csv:", StringComparison.Ordinal) && t.Contains(":10: [off_shift] 'sometimes' must be wait", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[calendar] unknown calendar 'plantao'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("summaries.csv:", StringComparison.Ordinal) && t.Contains("[group] '00GSB00000000022AA' is not a Chatter group id", StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("summaries.csv:", StringComparison.Ordinal) && t.Contains("[packs] unknown pack 'gsoo'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("counts days on the business calendar special_service", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[warning_share] '1.8'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[severity] 'urgent'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[rule] GSO-01 is listed twice", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[timezone] unknown time zone 'America/Sao_Paolo'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[days] 'Mon-Fry'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("holidays.csv", StringComparison.Ordinal) && t.Contains("[date] '21/04/2026'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("gerundism \"estarei transferindo\"", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("unknown placeholder {numero}", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("mentions.csv", StringComparison.Ordinal) && t.Contains("cannot be @mentioned", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[key] no rule mentions the role 'cmc_cordinator' (the roles are cmc_coordinator, protocol_supervisor, special_supervisor)", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[logical] 'order_number' is mapped twice", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("reads the same as 'Não tem agenda disponível' of gso", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("absence ends (2026-03-02) before it starts", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("005SB0000000009YAA is already absent from 2026-03-02 to 2026-03-13: extend that row instead of adding one", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[enabled] enabled is empty: write yes or no", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("'status.returned' takes one value, not a |-separated list", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("'status.pause' separates its values with |, not commas", StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("sla_tiers.csv:", StringComparison.Ordinal) && t.Contains("'10d' counts days on the business calendar pitstop", StringComparison.Ordinal));
        Assert.All(result.Errors.Where(e => e.Line > 0), e => Assert.Matches(@"^[a-z_]+\.csv:\d+(:\d+: \[\w+\])? ", e.ToString()));
    }

    [Fact]
    public void Load_MalformedCsvAndMissingPieces_AreReported()
    {
        File.WriteAllText(Path.Combine(_folder, "key_accounts.csv"), "account_id,name\n001SB0000000002YAA,\"aspas sem fim\n");
        File.Delete(Path.Combine(_folder, "absences.csv"));
        Replace("settings.csv", "special.backlog_cap,5,", "special.backlog_cap,cinco,");
        Replace("sla_tiers.csv", "tier,target,calendar,assumption", "tier,alvo,calendar,assumption");

        var errors = MappingLoader.Load(_folder).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("absences.csv: file is missing", errors);
        Assert.Contains(errors, e => e.StartsWith("settings.csv:", StringComparison.Ordinal) && e.Contains("'cinco' must be a positive whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("required column 'target' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown column", StringComparison.Ordinal) && e.Contains("alvo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("—")]
    [InlineData("ФАК")] // letters, but none PIT-04 reads a marker by: it too would match every case
    public void Load_AComplementaryMarkerWithoutLetterOrDigit_IsAnErrorOnItsLine_NotEveryCaseTakenForOne(string marker)
    {
        Replace("settings.csv", "pitstop.complementary_marker,FAQ 7347,", $"pitstop.complementary_marker,{marker},");

        var error = Assert.Single(MappingLoader.Load(_folder).Errors);

        Assert.Equal($"settings.csv:{Array.FindIndex(File.ReadAllLines(Path.Combine(_folder, "settings.csv")), l => l.StartsWith("pitstop.complementary_marker,", StringComparison.Ordinal)) + 1}:2: " +
                     $"[value] '{marker}' has no letter a-z or digit: PIT-04 would take every case for a complementary-contact OC", error.ToString());
    }

    [Fact]
    public void Load_RuleMissingFromRulesCsv_IsAnErrorNotASilentDefault()
    {
        File.WriteAllLines(Path.Combine(_folder, "rules.csv"), File.ReadAllLines(Path.Combine(_folder, "rules.csv")).Where(l => !l.StartsWith("PRO-04,", StringComparison.Ordinal)));

        Assert.Contains(MappingLoader.Load(_folder).Errors, e => e.Message.Contains("rule PRO-04 is not configured", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("packs.csv", "packs.csv", "packs.csv: is a symbolic link loop: it never reaches a file or folder")]
    [InlineData("packs.csv", "loop.csv", "packs.csv: is a symbolic link loop: it never reaches a file or folder")]
    [InlineData("summaries.csv", "summaries.csv", "summaries.csv: is a symbolic link loop: it never reaches a file or folder")]
    public void Load_SymbolicLinkLoop_IsOneProblemNamingTheFile(string file, string target, string expected)
    {
        // Reproduced: IOException "Too many levels of symbolic links" escaped validate-mappings (exit 134).
        File.Delete(Path.Combine(_folder, file));
        File.CreateSymbolicLink(Path.Combine(_folder, file), target);
        if (target != file)
        {
            File.CreateSymbolicLink(Path.Combine(_folder, target), file);
        }

        var errors = MappingLoader.Load(_folder).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Load_LinkToAFolderOrAFolderLoop_IsOneProblemNamingIt()
    {
        File.Delete(Path.Combine(_folder, "packs.csv"));
        File.CreateSymbolicLink(Path.Combine(_folder, "packs.csv"), ".");
        var loop = Path.Combine(_folder, "mappings-loop");
        Directory.CreateSymbolicLink(loop, "mappings-loop");

        Assert.Equal($"packs.csv: is a symbolic link to a folder ({_folder}), not a file", Assert.Single(MappingLoader.Load(_folder).Errors).ToString());
        Assert.Equal($"{loop}: is a symbolic link loop: it never reaches a file or folder", Assert.Single(MappingLoader.Load(loop).Errors).ToString());
    }

    [Fact]
    public async Task ValidateMappings_SymbolicLinkLoop_ExitsThreeWithTheFileNamed()
    {
        File.Delete(Path.Combine(_folder, "rules.csv"));
        File.CreateSymbolicLink(Path.Combine(_folder, "rules.csv"), "rules.csv");
        var stderr = new StringWriter();

        var exit = await SfBridge.Hosting.SfBridgeApp.RunAsync(["validate-mappings", "--mappings", _folder], stderr, new StringWriter());

        Assert.Equal(3, exit);
        Assert.StartsWith("rules.csv: is a symbolic link loop", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PacksCsvWithOnlyItsHeader_IsAProblemNamingPacksCsv()
    {
        // Reproduced: it loaded, and the worker ran judging nothing at all.
        File.WriteAllLines(Path.Combine(_folder, "packs.csv"), File.ReadAllLines(Path.Combine(_folder, "packs.csv"))
            .Where(l => l.StartsWith('#') || l.StartsWith("match,", StringComparison.Ordinal)));

        var result = MappingLoader.Load(_folder);

        Assert.False(result.Succeeded);
        Assert.Equal("packs.csv: defines no pack match: no case would ever be judged (add rows: match,value,pack)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_HoursAddingUpToADayOnABusinessCalendar_AreWorkingHours_NotRefusedAsDays()
    {
        Replace("rules.csv", "GSO-04,yes,1h,gso", "GSO-04,yes,30h,gso");

        var result = MappingLoader.Load(_folder);

        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromHours(30), result.Policy!.Rules["GSO-04"].Target!.Value.Duration);
    }

    [Fact]
    public void Load_AFileSavedWithSemicolons_IsOneLineSayingSo_NotAnErrorOnEveryLine()
    {
        // Excel in Portuguese saves "CSV" with semicolons.
        var path = Path.Combine(_folder, "key_accounts.csv");
        File.WriteAllText(path, string.Join('\n', File.ReadAllLines(path).Select(l => l.StartsWith('#') ? l : l.Replace(',', ';'))) + "\n");

        var result = MappingLoader.Load(_folder);

        var error = Assert.Single(result.Errors, e => e.File == "key_accounts.csv");
        Assert.Contains("the file is separated by semicolons (as Excel in Portuguese saves CSV)", error.ToString(), StringComparison.Ordinal);
    }

    private void Replace(string file, string from, string to)
    {
        var path = Path.Combine(_folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private void Append(string file, string line) => File.AppendAllText(Path.Combine(_folder, file), line + "\n");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
