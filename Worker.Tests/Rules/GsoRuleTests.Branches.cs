using System.Text.Json;
using SfBridge.Rules;
using SfBridge.Rules.Gso;
using SfBridge.Snapshots;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// The GSO rules' less travelled branches: what explain says when a rule does not judge, the exact texts, mentions and
/// breach keys of the findings, and the edges of the escalation comments' reader.
/// </summary>
public sealed partial class GsoRuleTests
{
    private static string Key(CaseSnapshot c, string rule, string instance) => $"{rule}|{c.Id}|{instance}";

    /// <summary>
    /// The sample org with its queues changed (<paramref name="group"/> returns null to drop one), extra queue members,
    /// and GAR answers with the orders GAR was asked about.
    /// </summary>
    private static OrgContext SampleOrgWith(Func<QueueInfo, QueueInfo?>? group = null, IEnumerable<(string GroupId, string MemberId)>? extraMembers = null,
        IEnumerable<GarObservation>? gar = null, IEnumerable<string>? garChecked = null, string? inactive = null)
    {
        var data = SampleData(garAnswers: gar);
        return new OrgContext(data with
        {
            Users = data.Users.Select(u => u.Id == inactive ? u with { IsActive = false } : u).ToList(),
            Groups = group is null ? data.Groups : data.Groups.Select(group).OfType<QueueInfo>().ToList(),
            Members = data.Members.Concat(extraMembers ?? []).ToList(),
            GarChecked = garChecked?.ToList(),
        });
    }

    private static QueueInfo? Without(QueueInfo q, string developerName) => q.DeveloperName == developerName ? null : q;

    // ---- GSO-04 / GSO-04-EPS ----------------------------------------------------------------------------------

    /// <summary>The compliant case, routed to Supervisor EPS at <paramref name="routed"/> and not moved since.</summary>
    private static CaseSnapshot AtEps(DateTimeOffset routed, string? owner = null) => Compliant with
    {
        OwnerId = owner ?? Queue("Supervisor_EPS"),
        History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), routed, User(3))],
    };

    [Fact]
    public void GSO04_EachFactoryRule_JudgesItsOwnQueue_UnderItsOwnId()
    {
        // Waiting in Supervisor EPS since 09:00, never routed to GSO: only the EPS acceptance is late (2 business hours).
        var c = AtEps(At(2026, 3, 2, 9));

        var f = Assert.Single(new PolicyEngine(Policy, [AcceptanceRule.Gso(), AcceptanceRule.Eps()]).Evaluate(c, Org(), At(2026, 3, 2, 11, 1)));

        Assert.Equal("GSO-04-EPS", f.RuleId);
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 11), f.DueAt);
        Assert.Equal("aguardando aceite no Omni-Channel na fila Supervisor EPS desde 02/03/2026 09:00", f.Detail);
        Assert.Equal([User(1)], f.Mentions);
        Assert.Equal(Key(c, "GSO-04-EPS", "20260302T120000"), f.BreachKey);

        // Routed on from Supervisor EPS to GSO at 09:00 and waiting there: only the GSO acceptance is late (1 business hour).
        var inGso = c with { History = [.. c.History, FieldChange.Owner(Queue("Supervisor_EPS"), Queue("GSO"), At(2026, 3, 2, 9), User(1))], OwnerId = Queue("GSO") };
        var g = Assert.Single(new PolicyEngine(Policy, [AcceptanceRule.Gso(), AcceptanceRule.Eps()]).Evaluate(inGso, Org(), At(2026, 3, 2, 11, 1)));
        Assert.Equal("GSO-04", g.RuleId);
        Assert.Equal(At(2026, 3, 2, 10), g.DueAt);
    }

    [Fact]
    public void GSO04Eps_AcceptedLate_NamesTheQueueAsPeopleKnowIt()
    {
        var c = AtEps(At(2026, 3, 2, 9), owner: User(1));
        var org = Org(agentWork: [new AgentWorkInfo(c.Id, User(1), Queue("Supervisor_EPS"), "Opened", At(2026, 3, 2, 9), At(2026, 3, 2, 11, 30))]);

        var f = Assert.Single(Judge("GSO-04-EPS", c, At(2026, 3, 2, 12), org));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal("roteado à fila Supervisor EPS em 02/03/2026 09:00 e aceito no Omni-Channel só em 02/03/2026 11:30", f.Detail);
    }

    [Fact]
    public void GSO04_TakenOutOfTheQueueLateWithoutAnAcceptance_SaysSo()
    {
        // Routed to GSO at 09:00; a supervisor assigned it to Rafael at 10:30, no Omni-Channel acceptance on record.
        var c = Compliant with
        {
            OwnerId = User(2),
            History =
            [
                FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), At(2026, 3, 2, 8, 45), User(3)),
                FieldChange.Owner(Queue("Supervisor_EPS"), Queue("GSO"), At(2026, 3, 2, 9), User(1)),
                FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 10, 30), User(1)),
            ],
        };

        var f = Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 11)));

        Assert.Equal("roteado à fila GSO em 02/03/2026 09:00 e retirado dela só em 02/03/2026 10:30, sem aceite no Omni-Channel", f.Detail);
        Assert.Equal(At(2026, 3, 2, 10), f.DueAt);
    }

    [Fact]
    public void GSO04_QueueMissingFromTheOrg_Waits()
    {
        var org = SampleOrgWith(q => Without(q, "GSO"));

        AssertNotJudged("GSO-04", Compliant, Monday10, "a fila GSO não foi encontrada entre as filas do Salesforce", org);
    }

    [Fact]
    public void GSO04Eps_CaseThatNeverReachedTheQueue_IsNotApplicable_NamingTheQueue()
    {
        var straightToGso = Compliant with
        {
            History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("GSO"), Cases.Opened.AddMinutes(5), User(3)), FieldChange.Owner(Queue("GSO"), User(2), Cases.Opened.AddMinutes(30), User(2))],
        };

        Assert.Equal("o caso não chegou à fila Supervisor EPS", Reason("GSO-04-EPS", straightToGso, Monday10));

        // A queue without a label is called by its developer name.
        var unnamed = SampleOrgWith(q => q.DeveloperName == "Supervisor_EPS" ? q with { Name = null } : q);
        Assert.Equal("o caso não chegou à fila Supervisor_EPS", Reason("GSO-04-EPS", straightToGso, Monday10, unnamed));
    }

    [Fact]
    public void GSO04Eps_LeftTheQueueWithoutATrace_IsNotJudged_AndExplainSaysWhy()
    {
        // Offered from Supervisor EPS at 09:00 and declined; the case is now with the N1 agent, and nothing dates its leaving.
        var c = Compliant with { OwnerId = User(3), History = [] };
        var org = Org(agentWork: [new AgentWorkInfo(c.Id, User(1), Queue("Supervisor_EPS"), "Declined", At(2026, 3, 2, 9), null)]);

        AssertNotJudged("GSO-04-EPS", c, At(2026, 3, 2, 15),
            "não há registro do aceite nem da saída do caso da fila Supervisor EPS, e o tempo de aceite não pode ser medido", org);
    }

    /// <summary>Routed from Supervisor EPS to GSO at 09:00, then what <paramref name="after"/> says.</summary>
    private static CaseSnapshot RoutedToGsoAtNine(params FieldChange[] after) => Compliant with
    {
        OwnerId = User(2),
        History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), At(2026, 3, 2, 8, 45), User(3)), FieldChange.Owner(Queue("Supervisor_EPS"), Queue("GSO"), At(2026, 3, 2, 9), User(1)), .. after],
    };

    [Fact]
    public void GSO04_TheFirstAcceptanceOrDeparture_StopsTheClock_NotALaterOne()
    {
        var twice = RoutedToGsoAtNine();
        var twiceOrg = Org(agentWork:
        [
            new AgentWorkInfo(twice.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 9), At(2026, 3, 2, 9, 30)),
            new AgentWorkInfo(twice.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 10, 20), At(2026, 3, 2, 10, 30)),
        ]);
        AssertNotJudged("GSO-04", twice, At(2026, 3, 2, 12), "cumprido em 02/03/2026 09:30, dentro do prazo de 1 hora", twiceOrg);

        // Accepted at 09:30, moved on to the analyst at 10:30.
        var movedOnLate = RoutedToGsoAtNine(FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 10, 30), User(2)));
        Assert.Empty(Judge("GSO-04", movedOnLate, At(2026, 3, 2, 12),
            Org(agentWork: [new AgentWorkInfo(movedOnLate.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 9), At(2026, 3, 2, 9, 30))])));

        // Assigned out of GSO at 09:30 (no Omni-Channel record), back at 09:40, out again at 11:30.
        var leftTwice = RoutedToGsoAtNine(
            FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 9, 30), User(2)),
            FieldChange.Owner(User(2), Queue("GSO"), At(2026, 3, 2, 9, 40), User(2)),
            FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 11, 30), User(2)));
        AssertNotJudged("GSO-04", leftTwice, At(2026, 3, 2, 12), "cumprido em 02/03/2026 09:30, dentro do prazo de 1 hora");
    }

    [Fact]
    public void GSO04_AnEscalationAfterTheCaseWasReturned_HasItsOwnClock()
    {
        // Reproduced: accepted at 09:30 and returned at 11:00; Marina escalated it to GSO again on Tuesday at 09:00, nobody
        // accepted, and explain said "cumprido em 02/03/2026 09:30" at noon.
        var again = RoutedToGsoAtNine(
            FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 9, 30), User(2)),
            FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
            FieldChange.Owner(User(2), User(1), At(2026, 3, 2, 11), User(2)),
            FieldChange.Owner(User(1), Queue("GSO"), At(2026, 3, 3, 9), User(1))) with { OwnerId = Queue("GSO"), Status = "Em Atendimento" };
        var org = Org(agentWork: [new AgentWorkInfo(again.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 9), At(2026, 3, 2, 9, 30))]);

        Assert.Empty(Judge("GSO-04", again, At(2026, 3, 3, 9, 40), org));
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("GSO-04", again, At(2026, 3, 3, 10), org)).Kind);
        var f = Assert.Single(Judge("GSO-04", again, At(2026, 3, 3, 10, 1), org));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Contains("aguardando aceite no Omni-Channel na fila GSO desde 03/03/2026 09:00", f.Detail, StringComparison.Ordinal);
        Assert.Equal(Key(again, "GSO-04", "20260303T120000"), f.BreachKey);
    }

    [Fact]
    public void GSO04_LeftTheQueueLate_WithoutAnOmniChannelRecord_IsABreach()
    {
        var c = RoutedToGsoAtNine(FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 10, 30), User(2)));

        var f = Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 12)));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 10), f.DueAt);
    }

    [Fact]
    public void GSO04_TakenAtTheVeryInstantOfTheRouting_IsMetAtOnce()
    {
        var accepted = RoutedToGsoAtNine();
        var acceptedOrg = Org(agentWork: [new AgentWorkInfo(accepted.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 9), At(2026, 3, 2, 9))]);
        var movedOn = RoutedToGsoAtNine(FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 2, 9), User(2)));

        Assert.Equal("cumprido em 02/03/2026 09:00, dentro do prazo de 1 hora", Reason("GSO-04", accepted, At(2026, 3, 2, 12), acceptedOrg));
        Assert.Equal("cumprido em 02/03/2026 09:00, dentro do prazo de 1 hora", Reason("GSO-04", movedOn, At(2026, 3, 2, 12)));
    }

    // ---- GSO-01 / GSO-02 / GSO-03: not escalated yet ----------------------------------------------------------

    [Theory]
    [InlineData("GSO-01")]
    [InlineData("GSO-02")]
    [InlineData("GSO-03")]
    public void CompletenessRules_BeforeTheEscalation_SayTheCaseIsStillWithTheAgent(string rule)
    {
        // Incomplete in every way these rules judge, but still in the N1 agent's queue.
        var c = (Compliant with { OwnerId = Queue("N1_Rapida"), History = [], Comments = [], AttachmentCount = 0 })
            .WithFields((LogicalField.EscalationCategory, "Reclamação de má conduta do posto de atendimento (AR)"));

        AssertNotJudged(rule, c, Monday10, "o caso ainda não foi escalado ao Supervisor EPS nem ao GSO");
    }

    // ---- GSO-01 ------------------------------------------------------------------------------------------------

    [Fact]
    public void GSO01_EmptyCategory_SaysSo_ToTheAgentAndSupervisorEps()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, null));

        var f = Assert.Single(Judge("GSO-01", c, Monday10));

        Assert.Equal("a categoria de escalonamento não foi preenchida", f.Detail);
        Assert.Equal([User(3), User(1)], f.Mentions);
        Assert.Equal(Key(c, "GSO-01", "empty"), f.BreachKey);
    }

    [Fact]
    public void GSO01_CategoryLikeNoAcceptedOne_SuggestsNothing()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Cancelamento de pedido"));

        var f = Assert.Single(Judge("GSO-01", c, Monday10));

        Assert.Equal("a categoria \"Cancelamento de pedido\" não é uma das situações aceitas pelo GSO", f.Detail);
        Assert.Equal(Key(c, "GSO-01", "cancelamento de pedido"), f.BreachKey);
    }

    // ---- GSO-02 ------------------------------------------------------------------------------------------------

    [Fact]
    public void GSO02_CommentsThatOnlyDescribeTheComplaint_ListEveryMissingItem()
    {
        // No order number nor e-mail on the case: the comments are read for them as people write them, and hold neither.
        var c = Compliant.WithFields((LogicalField.OrderNumber, null), (LogicalField.CustomerEmail, null)) with
        {
            Comments = [new CaseComment("Cliente reclama que não consegue marcar horário. Telefone (19) 99876-1122.", false, Cases.Opened.AddMinutes(2), User(3))],
        };

        var findings = Judge("GSO-02", c, Monday10);

        var fields = Assert.Single(findings, f => f.Kind == FindingKind.MissingField);
        Assert.Equal("campos do caso a preencher: número do pedido, e-mail do cliente", fields.Detail);
        Assert.Equal(Key(c, "GSO-02", "fields"), fields.BreachKey);
        var comments = Assert.Single(findings, f => f.Kind == FindingKind.CommentIncomplete);
        Assert.Equal("faltam nos comentários: tipo de solicitação, número do pedido, nome do cliente, e-mail do cliente", comments.Detail);
        Assert.Equal(Key(c, "GSO-02", "comments"), comments.BreachKey);
        Assert.Equal([User(3), User(1)], comments.Mentions);
    }

    [Fact]
    public void GSO02_CommentsWithoutTheCasesOrderNumber_NameTheNumberToAdd()
    {
        var c = Compliant with
        {
            Comments =
            [
                new CaseComment("Tipo de solicitação: Não tem agenda disponível. Mídia token. Cliente: José Pereira, jose.pereira@cliente.example, (19) 99876-1122. Cliente reclama que não encontra agenda há 10 dias.",
                    false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        Assert.Equal("faltam nos comentários: número do pedido (48100221)", Assert.Single(Judge("GSO-02", c, Monday10)).Detail);
    }

    [Fact]
    public void GSO02_TwoComments_AreReadAsSeparateTexts()
    {
        // The first ends with the customer's name, the second starts with the order: run together they would make one word.
        var c = Compliant.WithFields((LogicalField.CustomerName, "Joana"), (LogicalField.CustomerEmail, "contato@cliente.example")) with
        {
            Comments =
            [
                new CaseComment("Tipo de solicitação: Não tem agenda disponível. Mídia token. Cliente: Joana", false, Cases.Opened.AddMinutes(2), User(3)),
                new CaseComment("Pedido 48100221, contato@cliente.example, (19) 99876-1122. Cliente reclama que não encontra agenda há 10 dias.", false, Cases.Opened.AddMinutes(3), User(3)),
            ],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Theory]
    [InlineData("(19) 3876-1122", null)] // a landline: 10 digits
    [InlineData("+55 19 99876-1122", null)] // 13 digits with the country code
    [InlineData("99876-1122", "telefone do cliente \"99876-1122\" inválido")] // no area code
    [InlineData("+55 (19) 99876-112233", "telefone do cliente \"+55 (19) 99876-112233\" inválido")] // 15 digits
    [InlineData("+55 (19) 99876-1122 ramal 210", null)] // 13 digits and an extension
    [InlineData("(19) 3876-1122 r. 21", null)]
    [InlineData("99876-1122 ramal 21", "telefone do cliente \"99876-1122 ramal 21\" inválido")] // no area code: the extension is no digit of it
    public void GSO02_PhoneField_HoldsTenToThirteenDigits(string phone, string? expected) =>
        AssertFieldVerdict(LogicalField.CustomerPhone, phone, expected);

    [Theory]
    [InlineData("jose.pereira@cliente.example", null)]
    [InlineData("j@a.b", null)] // one character on each side of the dot is enough
    [InlineData("jose.pereira@cliente", "e-mail do cliente \"jose.pereira@cliente\" inválido")] // no dot in the domain
    [InlineData("jose.pereira@.example", "e-mail do cliente \"jose.pereira@.example\" inválido")] // nothing before the dot
    [InlineData("jose.pereira@cliente.", "e-mail do cliente \"jose.pereira@cliente.\" inválido")] // nothing after it
    [InlineData("jose@pereira@cliente.example", "e-mail do cliente \"jose@pereira@cliente.example\" inválido")] // two @
    [InlineData("jose pereira@cliente.example", "e-mail do cliente \"jose pereira@cliente.example\" inválido")] // a space
    public void GSO02_EmailField_IsNameAtDomainWithADot(string email, string? expected) =>
        AssertFieldVerdict(LogicalField.CustomerEmail, email, expected);

    /// <summary>GSO-02 on the compliant case with <paramref name="field"/> set to <paramref name="value"/>: no missing field, or exactly <paramref name="expected"/>.</summary>
    private static void AssertFieldVerdict(string field, string value, string? expected)
    {
        var findings = Judge("GSO-02", Compliant.WithFields((field, value)), Monday10);

        if (expected is null)
        {
            Assert.DoesNotContain(findings, f => f.Kind == FindingKind.MissingField);
        }
        else
        {
            Assert.Equal("campos do caso a preencher: " + expected, Assert.Single(findings, f => f.Kind == FindingKind.MissingField).Detail);
        }
    }

    // ---- The escalation comments' reader (GSO-02) --------------------------------------------------------------

    /// <summary>The case's data as GSO-02 passes it: the category's wordings as comparison keys, as the category holds them.</summary>
    private static EscalationData Data(IReadOnlyList<string>? wordings = null, string? order = null, string? name = null, string? email = null, string? phone = null,
        string? address = null, string? ar = null) => new((wordings ?? []).Select(SfBridge.Mappings.TextKey.Of).ToList(), order, name, email, phone, address, ar);

    [Fact]
    public void Reader_AnyCategoryWordingOnAnyLine_IsTheRequestType()
    {
        var wordings = new[] { "Troca de titularidade", "Segunda via" };

        Assert.True(EscalationComments.Read("Bom dia.\nCaso de troca de titularidade do certificado.", Data(wordings)).RequestType);
        Assert.True(EscalationComments.Read("cliente fiel", Data(["Fiel"])).RequestType); // four letters are a wording
        Assert.False(EscalationComments.Read("cliente sim", Data(["Sim"])).RequestType); // three are not
    }

    /// <summary>
    /// A wording is the request type when some line of the comments holds it as a key: the reader looks for most
    /// wordings in the folded text at once, which must agree with reading line by line whatever the line breaks
    /// (LF, CR LF, a lone CR, a form feed, NEL, U+2028), the spacing and the dashes and slashes around the words.
    /// </summary>
    [Fact]
    public void Reader_CategoryWording_IsFoundWhereALineOfTheCommentsHoldsIt_WhateverTheLineBreaks()
    {
        string[] words = ["troca", "de", "Titularidade", "do", "certificado", "Emissão", "renovação", "–", "-", "/", "fiel"];
        string[] gaps = [" ", " ", " ", "  ", "\t", " - ", " / ", "\n", "\r\n", "\r", "\f", "\u0085", "\u2028", "\n  "];
        string[][] wordings =
        [
            ["Troca de titularidade"], ["titularidade do"], ["Emissão - Renovação"], ["emissao/renovacao"], ["de titularidade", "certificado emissão"],
            ["renovação – fiel"], ["do certificado"],
        ];
        var random = new Random(20261203);
        var (found, notFound) = (0, 0);
        for (var i = 0; i < 3_000; i++)
        {
            // Random words around the words of one of the wordings, every word followed by a random gap, so the
            // wording is there on one line, broken over two, or spaced otherwise.
            var wording = wordings[random.Next(wordings.Length)];
            var text = new System.Text.StringBuilder();
            var pieces = Enumerable.Range(0, random.Next(0, 4)).Select(_ => words[random.Next(words.Length)])
                .Concat(wording[0].Split(' ')).Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => words[random.Next(words.Length)]));
            foreach (var piece in pieces)
            {
                text.Append(piece).Append(gaps[random.Next(gaps.Length)]);
            }

            var comments = text.ToString();
            var lineKeys = comments.Split('\n').Select(SfBridge.Mappings.TextKey.Of).ToList();
            var expected = wording.Select(SfBridge.Mappings.TextKey.Of).Any(w => w.Length >= 4 && lineKeys.Any(line => line.Contains(w, StringComparison.Ordinal)));
            Assert.True(expected == EscalationComments.Read(comments, Data(wording)).RequestType,
                $"{JsonSerializer.Serialize(comments)} with {string.Join(" | ", wording)}: expected {expected}");
            (found, notFound) = expected ? (found + 1, notFound) : (found, notFound + 1);
        }

        Assert.True(found > 300 && notFound > 300, $"{found} texts hold their wording, {notFound} do not");
    }

    [Theory]
    [InlineData("Solicitação de reenvio da mídia.")]
    [InlineData("Reclamação contra o posto de atendimento.")]
    [InlineData("Atraso na entrega do token.")]
    [InlineData("Mídia não enviada pela AR.")]
    [InlineData("Falta de token no posto.")]
    [InlineData("Cliente informa que já validou e o pedido não foi liberado.")]
    [InlineData("A AR não enviou a mídia do cliente até hoje.")]
    [InlineData("Cliente reclama do atendimento grosseiro do posto.")]
    [InlineData("O posto está sem token para entregar.")]
    [InlineData("Não há posto de atendimento na cidade do cliente.")]
    [InlineData("Pedido parado em verificação há 3 dias.")]
    [InlineData("Cliente não encontra agenda para validar.")]
    [InlineData("Não há horários disponíveis nos postos.")]
    public void Reader_ARequestStatedInPlainWords_IsTheRequestType(string sentence)
    {
        // Reproduced: each of these, the request written as agents write it, without a label or the category's words, was
        // "faltam nos comentários: tipo de solicitação", mentioning the agent and Supervisor EPS.
        Assert.True(EscalationComments.Read($"Pedido 48100221. {sentence} Cliente José Pereira.", Data()).RequestType);
    }

    [Theory]
    [InlineData("Cliente reclamou do atendimento.")]
    [InlineData("Cliente com token em mãos aguardando retorno.")]
    [InlineData("Horário disponível para contato: 9h às 12h.")] // the best time to call
    [InlineData("Certificado e-CPF A1 (sem token).")] // the media type
    [InlineData("Cliente foi grosseiro ao telefone.")] // the customer's own manners
    [InlineData("Cliente sem horário para falar agora.")]
    [InlineData("Falta o cliente enviar o documento.")]
    public void Reader_NoRequestStated_IsStillNoRequestType(string sentence) =>
        Assert.False(EscalationComments.Read($"Pedido 48100221. {sentence}", Data()).RequestType);

    [Fact]
    public void Reader_ASituationWordWithoutTheSituation_IsNoRequestType()
    {
        Assert.False(EscalationComments.Read("Cliente aguardando retorno do pedido.", Data()).RequestType);
        Assert.True(EscalationComments.Read("Cliente aguardando validacao do pedido.", Data()).RequestType);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("linha\nlinha", true)]
    [InlineData("linha\r\nlinha\r\n", true)]
    [InlineData("linha\rlinha", false)]
    [InlineData("linha\r", false)]
    [InlineData("\r\nlinha\flinha", false)]
    [InlineData("linha\u0085linha", false)]
    [InlineData("linha\u2028linha", false)]
    [InlineData("linha\u2029", false)]
    public void Reader_TheFoldedTextBreaksLinesWhereTheTextDoes_OnlyAtLineFeeds(string text, bool onlyLineFeeds) =>
        Assert.Equal(onlyLineFeeds, EscalationComments.BreaksOnlyAtLineFeeds(text));

    [Fact]
    public void Reader_AShortOrderNumber_IsLookedUpAsTheCasesOwnNumber()
    {
        Assert.True(EscalationComments.Read("Pedido 4810, sem agenda.", Data(order: "4810")).OrderNumber);
        Assert.False(EscalationComments.Read("Pedido 48100221, sem agenda.", Data(order: "4810")).OrderNumber);
    }

    [Theory]
    [InlineData("(19) 3333-4444 ramal 21")]
    [InlineData("(19) 3333-4444, r. 21")]
    [InlineData("19 3333-4444 ext. 210")]
    [InlineData("(19) 3333-4444 x21")]
    public void Reader_APhoneFieldWithAnExtension_IsFoundByTheNumber(string field)
    {
        // Reproduced: the field "(19) 3333-4444 ramal 21" written word for word in the comment was looked for as a number ending
        // "33444421", and GSO-02 said the comments lacked the customer's phone.
        Assert.True(EscalationComments.Read("Cliente: José Pereira, (19) 3333-4444 ramal 21. Cliente reclama da agenda.", Data(phone: field)).Phone);
        Assert.True(EscalationComments.Read("Contato (19) 3333-4444.", Data(phone: field)).Phone);
        Assert.False(EscalationComments.Read("Contato (19) 3333-4421.", Data(phone: field)).Phone);
    }

    [Fact]
    public void Reader_AnEightDigitPhone_IsFoundByItsDigits_NotByAnyPhone()
    {
        Assert.True(EscalationComments.Read("Contato 9876-1122.", Data(phone: "9876-1122")).Phone);
        Assert.False(EscalationComments.Read("Contato (11) 91234-5678.", Data(phone: "9876-1122")).Phone);
    }

    [Fact]
    public void Reader_WithoutThePhoneOnTheCase_APhoneAtTheStartOrAfterANumberLabel_Counts()
    {
        Assert.True(EscalationComments.Read("Tel (11) 98888-7777, sem agenda.", Data()).Phone);
        Assert.True(EscalationComments.Read("Dados no caso: tel (11) 98888-7777", Data()).Phone); // labelled: "caso:" before it does not make it a case number
    }

    [Fact]
    public void Reader_AReportingVerbAfterTheLabel_IsNotAName()
    {
        Assert.False(EscalationComments.Read("Cliente Informa que não recebeu a mídia.", Data()).CustomerName);
        Assert.True(EscalationComments.Read("Cliente Joana informa que não recebeu a mídia.", Data()).CustomerName);
        Assert.False(EscalationComments.Read("AR Informou atraso no envio.", Data()).ArName);
        Assert.True(EscalationComments.Read("AR Paulista informou atraso no envio.", Data()).ArName);
    }

    [Fact]
    public void Reader_AThreeLetterFirstName_IsADistinctiveWord()
        => Assert.True(EscalationComments.Read("Cliente Ana informa que não recebeu.", Data(name: "Ana Souza")).CustomerName);

    [Fact]
    public void Reader_TheCasesAr_IsNamedByAnyDistinctiveWord_OrWholeWhenItHasNone()
    {
        Assert.True(EscalationComments.Read("Atendimento na Certidigital ontem.", Data(ar: "Certidigital Campinas Centro")).ArName);
        Assert.True(EscalationComments.Read("Validação no SP10 ontem.", Data(ar: "Ponto SP10")).ArName); // letters and digits make one word

        // Only common words and a number: looked up as written.
        Assert.True(EscalationComments.Read("Atendido no posto 12 do centro.", Data(ar: "Posto 12")).ArName);
        Assert.False(EscalationComments.Read("Atendido no posto 15 do centro.", Data(ar: "Posto 12")).ArName);
        Assert.False(EscalationComments.Read("Pedido 4521 sem agenda.", Data(ar: "Unidade 4521")).ArName); // a bare number is not the AR
    }

    [Fact]
    public void Reader_TheCasesAddress_IsFoundByItsStreetWordsAndNumber()
    {
        Assert.True(EscalationComments.Read("Enviar para Rua Ipê 45.", Data(address: "Rua Ipê, 45")).Address);
        Assert.False(EscalationComments.Read("Enviar para o número 45.", Data(address: "Rua Ipê, 45")).Address); // a three-letter street name counts

        // A street named by a number: its house number decides, however the name is spaced.
        Assert.True(EscalationComments.Read("Enviar para Rua 15 B, 300.", Data(address: "Rua 15B, 300")).Address);
        Assert.False(EscalationComments.Read("Enviar para Rua 15 B, 310.", Data(address: "Rua 15B, 300")).Address);

        // Nothing distinctive at all: the comment must read as an address, not merely hold the number.
        Assert.False(EscalationComments.Read("Pedido 120 sem agenda.", Data(address: "Rua 120")).Address);

        // Reproduced: a number written with a thousands dot was read as "1", and a field opening with its postcode asked the
        // comment for "cep" and "01310": both "faltam nos comentários: endereço para envio da mídia".
        Assert.True(EscalationComments.Read("Endereço: Av. Paulista 1578, Bela Vista.", Data(address: "Av. Paulista, 1.578 - Bela Vista, São Paulo/SP")).Address);
        Assert.False(EscalationComments.Read("Endereço: Av. Paulista 1, Bela Vista.", Data(address: "Av. Paulista, 1.578 - Bela Vista, São Paulo/SP")).Address);
        Assert.True(EscalationComments.Read("Enviar para Av. Paulista, 1578.", Data(address: "CEP 01310-200, Av. Paulista, 1578")).Address);
        Assert.False(EscalationComments.Read("Enviar para Av. Paulista, 1587.", Data(address: "CEP 01310-200, Av. Paulista, 1578")).Address);
    }

    // ---- GSO-03 ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Não tem agenda disponível", "a categoria \"Não tem agenda disponível\" não exige evidência")]
    [InlineData(null, "o caso não tem categoria de escalonamento")]
    [InlineData("Cancelamento de pedido", "a categoria \"Cancelamento de pedido\" não está em categories.csv, e não se sabe se exige evidência (GSO-01 aponta a categoria)")]
    public void GSO03_CategoryWithoutEvidence_IsNotApplicable(string? category, string expected)
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, category)) with { AttachmentCount = 0 };

        AssertNotJudged("GSO-03", c, Monday10, expected);
    }

    private static CaseSnapshot EvidenceCase(string origin, int attachments = 0, params CaseEmail[] emails) =>
        Compliant.WithFields((LogicalField.EscalationCategory, "Atraso no envio da mídia")) with { Origin = origin, AttachmentCount = attachments, Emails = emails };

    [Fact]
    public void GSO03_WhatsApp_NeedsAnAttachment_AndWithOneIsFine()
    {
        var c = EvidenceCase("WhatsApp");

        var f = Assert.Single(Judge("GSO-03", c, Monday10));
        Assert.Equal("atendimento por WhatsApp sem evidência anexada ao caso", f.Detail);
        Assert.Equal([User(3), User(1)], f.Mentions);
        Assert.Equal(Key(c, "GSO-03", "whatsapp"), f.BreachKey);

        Assert.Empty(Judge("GSO-03", EvidenceCase("WhatsApp", attachments: 1), Monday10));
    }

    [Fact]
    public void GSO03_Phone_NeedsTheCustomersReplyWithAnAttachment_AmongOtherEmails()
    {
        var c = EvidenceCase("Telefone", 0, new CaseEmail(false, false, Cases.Opened, "Protocolo"));

        var f = Assert.Single(Judge("GSO-03", c, Monday10));
        Assert.Equal("atendimento por voz, e o cliente ainda não respondeu o e-mail do protocolo com as evidências", f.Detail);
        Assert.Equal(Key(c, "GSO-03", "phone"), f.BreachKey);

        var replied = EvidenceCase("Telefone", 0, new CaseEmail(false, false, Cases.Opened, "Protocolo"), new CaseEmail(true, true, Cases.Opened.AddMinutes(5), "RE: Protocolo"));
        Assert.Empty(Judge("GSO-03", replied, Monday10));
    }

    // ---- GSO-05 ------------------------------------------------------------------------------------------------

    /// <summary>The release case, escalated by the N1 agent to Supervisor EPS at 09:05 and not sent to GSO yet.</summary>
    private static CaseSnapshot ReleaseAtEps(string? owner = null) => ReleaseCase() with
    {
        OwnerId = owner ?? Queue("Supervisor_EPS"),
        History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))],
    };

    [Fact]
    public void GSO05_NoCategory_IsNotApplicable()
        => Assert.Equal("o caso não tem categoria de escalonamento", Reason("GSO-05", ReleaseCase().WithFields((LogicalField.EscalationCategory, null)), Monday10, Org(gar: [])));

    [Fact]
    public void GSO05_AnOrderNumberWithCharactersGarCannotTake_IsNotLookedUp_AndExplainSaysWhy()
    {
        var c = ReleaseCase().WithFields((LogicalField.OrderNumber, " 48.377.001 "));

        AssertNotJudged("GSO-05", c, Monday10, "o número do pedido \"48.377.001\" não pode ser consultado no GAR (só letras, dígitos, - e _)", Org(gar: []));
    }

    [Fact]
    public void GSO05_AnOrderGarWasNotAskedAboutYet_Waits()
    {
        var org = SampleOrgWith(gar: [], garChecked: ["48100221"]);

        AssertNotJudged("GSO-05", ReleaseCase(), Monday10, "o GAR ainda não respondeu sobre o pedido 48377001", org);
    }

    [Fact]
    public void GSO05_OrderUnknownToGar_NamesTheOrder_ToTheAgentAndSupervisorEps()
    {
        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Org(gar: [AnotherOrder])));

        Assert.Equal("o pedido 48377001 não existe no GAR", f.Detail);
        Assert.Equal([User(3), User(1)], f.Mentions);
        Assert.Equal(Key(ReleaseCase(), "GSO-05", "unknown:48377001"), f.BreachKey);
    }

    [Fact]
    public void GSO05_NoAnswerHeldAtTheEscalation_IsNotApplicable_SayingWhen()
        => Assert.Equal("nenhuma resposta do GAR mostra o status do pedido 48377001 em 02/03/2026 09:20, quando foi escalado ao GSO",
            Reason("GSO-05", ReleaseCase(), Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), EscalatedToGso.AddMinutes(30))));

    [Fact]
    public void GSO05_AnAnswerSeenAtTheVeryInstantOfTheEscalation_HeldThen()
    {
        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Gar("APROVADO", null, EscalatedToGso.AddHours(1), seen: EscalatedToGso)));

        Assert.Equal("o pedido 48377001 já estava APROVADO no GAR quando foi escalado ao GSO em 02/03/2026 09:20: escalonamento indevido", f.Detail);
        Assert.Equal(Key(ReleaseCase(), "GSO-05", "undue:APROVADO"), f.BreachKey);
    }

    [Fact]
    public void GSO05_SentBackToTheAgentBeforeGso_IsNotApplicable()
    {
        var atEps = ReleaseAtEps(owner: User(3));
        var c = atEps with { History = [.. atEps.History, FieldChange.Owner(Queue("Supervisor_EPS"), User(3), Cases.Opened.AddMinutes(30), User(1))] };

        Assert.Equal("o caso não foi escalado ao GSO e não está com o Supervisor EPS", Reason("GSO-05", c, Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10))));
    }

    [Fact]
    public void GSO05_WithAMemberOfSupervisorEps_WarnsBeforeTheEscalation_UnderItsOwnKey()
    {
        // Supervisor EPS has two members here; the case sits with one of them.
        var atEps = ReleaseAtEps(owner: User(1));
        var c = atEps with { History = [.. atEps.History, FieldChange.Owner(Queue("Supervisor_EPS"), User(1), Cases.Opened.AddMinutes(10), User(1))] };
        var org = SampleOrgWith(extraMembers: [(Queue("Supervisor_EPS"), User(13))],
            gar: [new GarObservation(new GarOrder("48377001", "EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10)), null)]);

        var f = Assert.Single(Judge("GSO-05", c, Monday10, org));

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("o pedido 48377001 já está EMITIDO no GAR: não há o que escalar ao GSO", f.Detail);
        Assert.Equal(Key(c, "GSO-05", "undue:EMITIDO:eps"), f.BreachKey);
    }

    [Fact]
    public void GSO05_WithSupervisorEps_AnInactiveAgent_WhomTheWarningDoesNotMention_IsNoGapOfIt()
    {
        var atEps = ReleaseAtEps(owner: User(1));
        var c = atEps with { History = [.. atEps.History, FieldChange.Owner(Queue("Supervisor_EPS"), User(1), Cases.Opened.AddMinutes(10), User(1))] };
        var org = SampleOrgWith(extraMembers: [(Queue("Supervisor_EPS"), User(13))],
            gar: [new GarObservation(new GarOrder("48377001", "EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10)), null)], inactive: c.CreatedById);

        var f = Assert.Single(Judge("GSO-05", c, Monday10, org));

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.DoesNotContain(c.CreatedById, f.Mentions);
        Assert.Empty(f.MentionGaps);
    }

    [Fact]
    public void GSO05_StatusNoneOfTheCategorysStatuses_ListsThemAll()
    {
        var c = ReleaseCase("Liberação de pedido - Aguardando Validação/Aguardando Preparação");

        var f = Assert.Single(Judge("GSO-05", c, Monday10, Gar("AGUARDANDO_VERIFICACAO", At(2026, 2, 20, 10), At(2026, 2, 21, 10))));

        Assert.Equal("o GAR mostra o pedido 48377001 em AGUARDANDO_VERIFICACAO, e a categoria pede AGUARDANDO_VALIDACAO ou AGUARDANDO_PREPARACAO", f.Detail);
        Assert.Equal(Key(c, "GSO-05", "status:AGUARDANDO_VERIFICACAO"), f.BreachKey);
    }

    [Theory]
    [InlineData(60, "1h00")]
    [InlineData(40, "40 min")]
    public void GSO05_PrematureEscalation_SaysHowLongAfterTheValidation(int minutes, string waited)
    {
        var validated = EscalatedToGso.AddMinutes(-minutes);

        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Gar("AGUARDANDO_VERIFICACAO", validated, validated)));

        Assert.Equal($"o caso foi escalado ao GSO {waited} após a validação de 02/03/2026 {validated:HH:mm}, antes das 24 horas (escalonamento prematuro)", f.Detail);
        Assert.Equal(Key(ReleaseCase(), "GSO-05", "premature"), f.BreachKey);
    }

    [Fact]
    public void GSO05_APrematureEscalationThatHappened_DoesNotChangeWithTime()
    {
        // Judged at noon, after every clock of the case has run out; the 24 hours after the validation end at 23:20.
        var judged = new PolicyEngine(Policy).Judge(ReleaseCase(), Gar("AGUARDANDO_VERIFICACAO", EscalatedToGso.AddHours(-10), EscalatedToGso.AddHours(-10)), At(2026, 3, 2, 12));

        Assert.Single(judged.Findings, f => f.RuleId == "GSO-05");
        Assert.Null(judged.NextChange);
    }

    [Fact]
    public void GSO05_WithSupervisorEps_TooSoonAfterTheValidation_WarnsUntilTheEarliestEscalation()
    {
        // Validated yesterday 10:30: escalating to GSO is due from today 10:30, and the warning goes away then.
        var c = ReleaseAtEps();
        var judged = new PolicyEngine(Policy).Judge(c, Gar("AGUARDANDO_VERIFICACAO", At(2026, 3, 1, 10, 30), At(2026, 3, 1, 10, 30)), Monday10);

        var f = Assert.Single(judged.Findings, x => x.RuleId == "GSO-05");
        Assert.Equal("o pedido 48377001 foi validado em 01/03/2026 10:30; escalar ao GSO só a partir de 02/03/2026 10:30 (24 horas após a validação)", f.Detail);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(At(2026, 3, 2, 10, 30), f.DueAt);
        Assert.Equal(Key(c, "GSO-05", "premature:eps"), f.BreachKey);
        Assert.Equal(At(2026, 3, 2, 10, 30), judged.NextChange);
    }

    // ---- GSO-06 ------------------------------------------------------------------------------------------------

    [Fact]
    public void GSO06_AlreadyMarked_IsNotApplicable()
    {
        var c = (Compliant with { Priority = "Urgente" }).WithFields((LogicalField.CriticalMark, "true"));

        AssertNotJudged("GSO-06", c, Monday10, "o caso já tem a marcação de caso crítico");
    }

    [Fact]
    public void GSO06_TheFindingNamesWhatMakesTheCaseCritical_AndTellsSupervisorEps()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Ouvidoria"));

        var f = Assert.Single(Judge("GSO-06", c, Monday10));

        Assert.Equal("categoria \"Escalonamento de casos Críticos – Ouvidoria, Corporativo\" exige a marcação de caso crítico", f.Detail);
        Assert.Equal([User(1)], f.Mentions);
        Assert.Equal(Key(c, "GSO-06", "mark"), f.BreachKey);

        Assert.Equal("prioridade Crítica exige a marcação de caso crítico", Assert.Single(Judge("GSO-06", Compliant with { Priority = "Crítica" }, Monday10)).Detail);
    }

    // ---- GSO-07 ------------------------------------------------------------------------------------------------

    private static CaseSnapshot Returned(params CaseComment[] comments) =>
        (Compliant with { Status = "Concluído III", Comments = [.. Compliant.Comments, .. comments] }).WithFields((LogicalField.Level3Solution, "Agenda liberada"));

    [Theory]
    [InlineData("GSO-07")]
    [InlineData("GSO-08")]
    public void ReturnRules_OnACaseNotReturned_AreNotApplicable_HoweverLongItIsOpen(string rule)
    {
        var wednesday = At(2026, 3, 4, 10);

        AssertNotJudged(rule, Compliant, wednesday, "o caso está com o status \"Em Atendimento\", e a regra só vale para \"Concluído III\"");
    }

    [Fact]
    public void GSO07_MissingBoth_TellsGso_NotTheAgentTheCaseWentBackTo_UnderOneKey()
    {
        // Returned to the N1 agent, who holds it: what is missing is GSO's to write, so the GSO queue's first level (Rafael
        // Lima, the GSO analyst who owes the solution) is told. Reproduced: the agent was mentioned too, for GSO's omission.
        var c = Compliant with { Status = "Concluído III", OwnerId = User(3) };

        var f = Assert.Single(Judge("GSO-07", c, Monday10));

        Assert.Equal([User(2)], f.Mentions);
        Assert.Equal(Key(c, "GSO-07", "3+GSO"), f.BreachKey);

        // Still held by GSO (returned without the owner changing) by Eduardo Santos, GSO's manager, who took it from the GSO
        // queue in Omni-Channel: the holder is GSO's, and told.
        var org = Org(agentWork: [new AgentWorkInfo(c.Id, User(13), Queue("GSO"), "Opened", EscalatedToGso, EscalatedToGso.AddMinutes(5))]);
        Assert.Equal([User(13), User(2)], Assert.Single(Judge("GSO-07", c with { OwnerId = User(13) }, Monday10, org)).Mentions);
    }

    /// <summary>Returned Monday 11:00 by Rafael, taken up again by Marina at 11:05.</summary>
    private static CaseSnapshot TakenUpAfterTheReturn => Compliant with
    {
        Status = "Em Atendimento", OwnerId = User(1),
        History =
        [
            .. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
            FieldChange.Owner(User(2), User(1), At(2026, 3, 2, 11), User(2)), FieldChange.Status("Concluído III", "Em Atendimento", At(2026, 3, 2, 11, 5), User(1)),
        ],
    };

    [Fact]
    public void GSO07_AReturnWhoseStatusMovedOnBeforeASweepSawIt_IsStillJudged_UnlessTheCaseWentBackToGso()
    {
        // Reproduced: GSO returned the case at 11:00 without the solution or a comment; Marina set it to "Em Atendimento" at
        // 11:05, and GSO-07 never judged the return.
        var c = TakenUpAfterTheReturn;

        var f = Assert.Single(Judge("GSO-07", c, At(2026, 3, 2, 12)));
        Assert.Equal("devolvido como Concluído III sem a Solução do nível 3 e sem um comentário interno da equipe GSO", f.Detail);
        Assert.Equal([User(2)], f.Mentions); // Rafael Lima who returned it (also the GSO route's first level); not Marina, the N2 holder

        var backToGso = c with { OwnerId = Queue("GSO"), History = [.. c.History, FieldChange.Owner(User(1), Queue("GSO"), At(2026, 3, 2, 11, 30), User(1))] };
        Assert.Empty(Judge("GSO-07", backToGso, At(2026, 3, 2, 12)));
    }

    [Fact]
    public void GSO07_ASecondReturn_NeedsAnInternalCommentOfItsOwnTrip()
    {
        // Reproduced: GSO commented on Monday's trip; the case went back to GSO on Tuesday and was returned again on Wednesday
        // with no new comment, and explain said "nada a apontar".
        var c = Returned(new CaseComment("Agenda liberada com a AR.", false, At(2026, 3, 2, 10), User(2))) with
        {
            History =
            [
                .. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
                FieldChange.Owner(User(2), User(1), At(2026, 3, 2, 11), User(2)), FieldChange.Owner(User(1), Queue("GSO"), At(2026, 3, 3, 9), User(1)),
                FieldChange.Status("Concluído III", "Em Atendimento", At(2026, 3, 3, 9), User(1)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 4, 11), User(2)),
            ],
        };

        var f = Assert.Single(Judge("GSO-07", c, At(2026, 3, 4, 11, 30)));
        Assert.Contains("sem um comentário interno da equipe GSO", f.Detail, StringComparison.Ordinal);
        var commented = c with { Comments = [.. c.Comments, new CaseComment("Nova análise no GAR.", false, At(2026, 3, 4, 10), User(2))] };
        Assert.Empty(Judge("GSO-07", commented, At(2026, 3, 4, 11, 30)));
        // Its own instance of the breach, keyed by its return: a first trip's breach, posted, acknowledged and cleared, does
        // not make the second one its continuation, never told.
        Assert.Equal(Key(c, "GSO-07", "GSO:" + RuleContext.Instance(At(2026, 3, 4, 11))), f.BreachKey);
    }

    [Fact]
    public void GSO07_OnASecondTrip_TheN2WhoSentItAgain_HandedItBackBeforeTheReturn_IsNotGsos()
    {
        // Returned to Marina on Monday; she gave it to Carlos (N2) at 15:00, who sent it to GSO again on Tuesday at 09:00; Rafael
        // took it at 09:30, handed it to Carlos at 10:55 on Wednesday and set "Concluído III" at 10:58, writing nothing. Carlos's
        // comment at 10:40 is N2's, not GSO's.
        var c = Returned(new CaseComment("Agenda liberada com a AR.", false, At(2026, 3, 2, 10), User(2)),
            new CaseComment("Cliente cobrou retorno.", false, At(2026, 3, 4, 10, 40), User(4))) with
        {
            History =
            [
                .. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
                FieldChange.Owner(User(2), User(1), At(2026, 3, 2, 11), User(2)), FieldChange.Owner(User(1), User(4), At(2026, 3, 2, 15), User(1)),
                FieldChange.Owner(User(4), Queue("GSO"), At(2026, 3, 3, 9), User(4)), FieldChange.Status("Concluído III", "Em Atendimento", At(2026, 3, 3, 9), User(4)),
                FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 3, 9, 30), User(2)), FieldChange.Owner(User(2), User(4), At(2026, 3, 4, 10, 55), User(2)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 4, 10, 58), User(2)),
            ],
        };

        var f = Assert.Single(Judge("GSO-07", c with { OwnerId = User(4) }, At(2026, 3, 4, 11, 30)));
        Assert.Contains("sem um comentário interno da equipe GSO", f.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(User(4), f.Mentions); // the N2 it went back to did nothing wrong
    }

    [Fact]
    public void GSO07_OnASecondTrip_TheN2WhoEscalatedTheFirstTrip_HandedItBack_IsNotGsos()
    {
        // Marina (Supervisor EPS) sent Monday's trip to GSO; returned to Juliana, who sent it to GSO again on Tuesday. On Wednesday
        // Rafael hands it to Marina at 10:55, she comments at 10:56, and he sets "Concluído III" at 10:58: Marina is N2's side,
        // her comment is not GSO's.
        var c = Returned(new CaseComment("Agenda liberada com a AR.", false, At(2026, 3, 2, 10), User(2)),
            new CaseComment("Cliente cobrou retorno.", false, At(2026, 3, 4, 10, 56), User(1))) with
        {
            OwnerId = User(1),
            History =
            [
                .. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
                FieldChange.Owner(User(2), User(3), At(2026, 3, 2, 11), User(2)), FieldChange.Owner(User(3), Queue("GSO"), At(2026, 3, 3, 9), User(3)),
                FieldChange.Status("Concluído III", "Em Atendimento", At(2026, 3, 3, 9), User(3)),
                FieldChange.Owner(Queue("GSO"), User(2), At(2026, 3, 3, 9, 30), User(2)), FieldChange.Owner(User(2), User(1), At(2026, 3, 4, 10, 55), User(2)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 4, 10, 58), User(2)),
            ],
        };

        var f = Assert.Single(Judge("GSO-07", c, At(2026, 3, 4, 11, 30)));
        Assert.Contains("sem um comentário interno da equipe GSO", f.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(User(1), f.Mentions); // not told as the holder: Marina is N2's
    }

    [Fact]
    public void GSO07_AnInternalCommentByAGsoPersonWhoHeldTheCaseByAssignment_IsGsos()
    {
        // Reproduced: Eduardo, GSO's manager and no member of the queue, was given the case from 10:20 to 10:50 while it was
        // with GSO, wrote the internal comment, and handed it back: "sem um comentário interno da equipe GSO", told to Rafael.
        var c = Returned(new CaseComment("Análise: AR contatada, pedido liberado.", false, At(2026, 3, 2, 10, 40), User(13))) with
        {
            History =
            [
                .. Compliant.History, FieldChange.Owner(User(2), User(13), At(2026, 3, 2, 10, 20), User(2)), FieldChange.Owner(User(13), User(2), At(2026, 3, 2, 10, 50), User(13)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
            ],
        };

        Assert.DoesNotContain(Judge("GSO-07", c, At(2026, 3, 2, 11, 30)), f => f.Detail!.Contains("comentário interno", StringComparison.Ordinal));

        // The one it was handed back to before the return was set (Juliana, N1, at 10:55; "Concluído III" at 10:58) is not GSO's:
        // her own comment does not stand for GSO's.
        var handedBack = Returned(new CaseComment("Cliente cobrou retorno.", false, At(2026, 3, 2, 10, 40), User(3))) with
        {
            History =
            [
                .. Compliant.History, FieldChange.Owner(User(2), User(3), At(2026, 3, 2, 10, 55), User(2)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 10, 58), User(2)),
            ],
        };
        Assert.Contains(Judge("GSO-07", handedBack, At(2026, 3, 2, 11, 30)), f => f.Detail!.Contains("comentário interno", StringComparison.Ordinal));

        // Reproduced: Eduardo still held the case when Rafael set "Concluído III" and gave it to Marina in the same save at 11:00:
        // the last holder was taken for the N2 it went back to, and Eduardo's comment did not count.
        var heldAtTheReturn = Returned(new CaseComment("Análise: AR contatada, pedido liberado.", false, At(2026, 3, 2, 10, 40), User(13))) with
        {
            History =
            [
                .. Compliant.History, FieldChange.Owner(User(2), User(13), At(2026, 3, 2, 10, 20), User(2)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)), FieldChange.Owner(User(13), User(1), At(2026, 3, 2, 11), User(2)),
            ],
        };
        Assert.DoesNotContain(Judge("GSO-07", heldAtTheReturn, At(2026, 3, 2, 11, 30)), f => f.Detail!.Contains("comentário interno", StringComparison.Ordinal));
    }

    [Fact]
    public void GSO07_AnInternalCommentByTheN1AgentAfterTheEscalation_IsNotGsos()
    {
        var c = Returned(new CaseComment("Cliente cobrou retorno.", false, EscalatedToGso.AddMinutes(30), User(3)));

        var f = Assert.Single(Judge("GSO-07", c, Monday10));

        Assert.Equal("devolvido como Concluído III sem um comentário interno da equipe GSO", f.Detail);
        Assert.Equal(Key(c, "GSO-07", "GSO"), f.BreachKey);
    }

    [Fact]
    public void GSO07_ACommentByAnyMemberOfTheGsoTeam_Counts()
    {
        // The GSO queue has two members here; the comment is by one of them.
        var org = SampleOrgWith(extraMembers: [(Queue("GSO"), User(13))]);

        Assert.Empty(Judge("GSO-07", Returned(new CaseComment("GAR consultado, agenda liberada.", false, EscalatedToGso.AddMinutes(30), User(2))), Monday10, org));
    }

    [Fact]
    public void GSO07_WithoutAGsoQueueInTheOrg_AnyInternalCommentCounts()
    {
        // No team to check the author against, and no arrival to date it from: no accusation on a guess.
        var org = SampleOrgWith(q => Without(q, "GSO"));

        Assert.Empty(Judge("GSO-07", Returned(), Monday10, org));
    }

    // ---- GSO-08 ------------------------------------------------------------------------------------------------

    [Fact]
    public void GSO08_ReturnedTwice_TheLatestReturnStartsTheClock()
    {
        var c = Compliant with
        {
            Status = "Concluído III",
            History =
            [
                .. Compliant.History,
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 10)),
                FieldChange.Status("Concluído III", "Em Atendimento", At(2026, 3, 2, 11)),
                FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 4, 10)),
            ],
        };

        Assert.Empty(Judge("GSO-08", c, At(2026, 3, 4, 16)));
        var f = Assert.Single(Judge("GSO-08", c, At(2026, 3, 5, 10, 1)));
        Assert.Equal(At(2026, 3, 5, 10), f.DueAt);
        Assert.Equal("devolvido ao N2 em 04/03/2026 10:00 e ainda não fechado (prazo de 1 dia útil)", f.Detail);
        Assert.Equal([User(1)], f.Mentions); // Rafael, GSO's, still holds it: Supervisor EPS, who sent it to GSO, is to close it
        Assert.Equal(Key(c, "GSO-08", "20260304T130000"), f.BreachKey);
    }

    [Fact]
    public void GSO08_N2TakingTheReturnedCaseUpAgain_DoesNotStopTheClock_UntilTheCaseGoesBackToGso()
    {
        // Reproduced: returned Monday 11:00, set to "Em Atendimento" by Marina at 11:05 and left open all week; GSO-08
        // stopped judging it the moment the status moved on, though the manual makes closing after the return obligatory.
        var c = TakenUpAfterTheReturn;

        Assert.Empty(Judge("GSO-08", c, At(2026, 3, 3, 11)));
        var f = Assert.Single(Judge("GSO-08", c, At(2026, 3, 3, 11, 1)));
        Assert.Equal("devolvido ao N2 em 02/03/2026 11:00 e ainda não fechado (prazo de 1 dia útil)", f.Detail);
        Assert.Equal(User(1), f.Mentions[0]); // the holder

        var backToGso = c with { OwnerId = Queue("GSO"), History = [.. c.History, FieldChange.Owner(User(1), Queue("GSO"), At(2026, 3, 2, 15), User(1))] };
        Assert.Empty(Judge("GSO-08", backToGso, At(2026, 3, 3, 11, 1))); // escalated again: a new return will start a new clock
        Assert.Equal("o caso está com o status \"Em Atendimento\", e a regra só vale para \"Concluído III\"", Reason("GSO-08", backToGso, At(2026, 3, 3, 11, 1)));
    }

    [Fact]
    public void GSO08_TheClockStopsWhileN2AwaitsTheCustomer()
    {
        // Reproduced: returned Monday 11:00; Marina e-mailed the customer and set the case to await them at 11:05; on Tuesday at
        // 11:01 she was told the case was "devolvido ao N2 … e ainda não fechado", though the manual has her write to the customer.
        var waiting = TakenUpAfterTheReturn with
        {
            Status = "Aguardando Cliente",
            History = [.. TakenUpAfterTheReturn.History, FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 11, 5), User(1))],
        };
        var answered = waiting with
        {
            Status = "Em Atendimento",
            History = [.. waiting.History, FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 4, 9), User(1))],
        };

        Assert.Empty(Judge("GSO-08", waiting, At(2026, 3, 5, 11, 1)));
        // 5 minutes before the wait, then from Wednesday 09:00 the rest of the business day: due Thursday 08:55.
        Assert.Empty(Judge("GSO-08", answered, At(2026, 3, 5, 8, 55)));
        Assert.Equal(At(2026, 3, 5, 8, 55), Assert.Single(Judge("GSO-08", answered, At(2026, 3, 5, 8, 56))).DueAt);
    }

    [Fact]
    public void GSO08_ACaseBackWithGso_ByAssignmentToOneOfItsPeopleOrByOmniChannel_IsNotN2sToClose()
    {
        // Reproduced: Marina sent the returned case back to GSO, assigning it to Rafael or routing it through Omni-Channel;
        // a day later GSO-08 told her and Rafael it was "devolvido ao N2 … e ainda não fechado".
        var assigned = TakenUpAfterTheReturn with
        {
            OwnerId = User(2), History = [.. TakenUpAfterTheReturn.History, FieldChange.Owner(User(1), User(2), At(2026, 3, 2, 14), User(1))],
        };
        var routed = Org(agentWork: [new AgentWorkInfo(TakenUpAfterTheReturn.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 14), At(2026, 3, 2, 14, 10))]);

        Assert.Single(Judge("GSO-08", TakenUpAfterTheReturn, At(2026, 3, 3, 11, 1)));
        Assert.Empty(Judge("GSO-08", assigned, At(2026, 3, 3, 11, 1)));
        Assert.Empty(Judge("GSO-08", TakenUpAfterTheReturn, At(2026, 3, 3, 11, 1), routed));
    }

    [Fact]
    public void GSO08_ACaseEscalatedAgainThroughTheSupervisorEpsQueue_IsNotN2sToClose()
    {
        // Reproduced: returned Monday 11:00 to Marina, passed to Juliana, who escalated it again to the Supervisor EPS queue at
        // 13:00; on Tuesday GSO-08 told Marina it was "devolvido ao N2 … e ainda não fechado", while GSO-04-EPS rightly timed
        // the 13:00 arrival as a new escalation.
        var again = TakenUpAfterTheReturn with
        {
            OwnerId = Queue("Supervisor_EPS"),
            History =
            [
                .. TakenUpAfterTheReturn.History, FieldChange.Owner(User(1), User(3), At(2026, 3, 2, 12), User(1)),
                FieldChange.Owner(User(3), Queue("Supervisor_EPS"), At(2026, 3, 2, 13), User(3)),
            ],
        };

        Assert.Empty(Judge("GSO-08", again, At(2026, 3, 3, 11, 1)));
    }

    [Fact]
    public void AReturnHandedToTheSupervisorEpsQueueInItsOwnSave_IsNoNewEscalation_AndStillN2sToClose()
    {
        // Reproduced: an org that hands a returned case to the Supervisor EPS queue with the return: GSO-04-EPS timed it as a new
        // escalation to accept within its target ("aguardando aceite … desde 02/03/2026 11:00"), and GSO-08 stopped.
        var handedBack = Compliant with
        {
            Status = "Concluído III", OwnerId = Queue("Supervisor_EPS"),
            History =
            [
                .. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
                FieldChange.Owner(User(2), Queue("Supervisor_EPS"), At(2026, 3, 2, 11), User(2)),
            ],
        };

        Assert.DoesNotContain(Judge(handedBack, At(2026, 3, 2, 15)), f => f.RuleId == "GSO-04-EPS" && f.Kind == FindingKind.SlaBreach);
        Assert.Single(Judge("GSO-08", handedBack, At(2026, 3, 3, 11, 1)));

        // The same, on a case Marina (Supervisor EPS) escalated to GSO herself: its first arrival in the EPS queue is the notice.
        var escalatedByHand = handedBack with
        {
            History =
            [
                FieldChange.Owner(User(1), Queue("GSO"), At(2026, 3, 2, 9), User(1)), FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2)),
                FieldChange.Owner(User(2), Queue("Supervisor_EPS"), At(2026, 3, 2, 11), User(2)),
            ],
        };
        Assert.DoesNotContain(Judge(escalatedByHand, At(2026, 3, 2, 15)), f => f.RuleId == "GSO-04-EPS");
    }

    [Fact]
    public void GSO08_ACaseClosedAfterTheReturn_AndReopened_MetThatReturnsDuty()
    {
        // Reproduced: returned Monday 11:00, closed by Marina at 14:00, reopened Wednesday 10:00: "ainda não fechado" that afternoon.
        var reopened = TakenUpAfterTheReturn with
        {
            History =
            [
                .. TakenUpAfterTheReturn.History, FieldChange.Status("Em Atendimento", "Fechado", At(2026, 3, 2, 14), User(1)),
                FieldChange.Status("Fechado", "Em Atendimento", At(2026, 3, 4, 10), User(1)),
            ],
        };

        Assert.Empty(Judge("GSO-08", reopened, At(2026, 3, 4, 17, 1)));
    }

    [Fact]
    public void GSO07_AnInternalCommentByTheGsoPersonWhoAcceptedTheCaseFromTheQueue_IsGsos()
    {
        // Reproduced: Eduardo, GSO's manager and no member of the queue, accepted the case in Omni-Channel, commented and
        // returned it: "devolvido como Concluído III sem um comentário interno da equipe GSO".
        var c = Returned(new CaseComment("Analisado no GAR; AR acionada.", false, At(2026, 3, 2, 10, 50), User(13))) with
        {
            History = [.. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 2, 11), User(2))], // Rafael returns it
        };
        var accepted = Org(agentWork: [new AgentWorkInfo(c.Id, User(13), Queue("GSO"), "Opened", EscalatedToGso, EscalatedToGso.AddMinutes(10))]);

        Assert.DoesNotContain(Judge("GSO-07", c, At(2026, 3, 2, 11, 30), accepted), f => f.Detail!.Contains("comentário interno", StringComparison.Ordinal));
        // Had someone else accepted it, Eduardo's comment would not be GSO's.
        Assert.Contains(Judge("GSO-07", c, At(2026, 3, 2, 11, 30), Org()), f => f.Detail!.Contains("comentário interno", StringComparison.Ordinal));
    }

    [Fact]
    public void GSO08_WithoutStatusHistory_TheLastModificationDatesTheReturn()
    {
        // Created Monday, last modified Wednesday 10:00: returned at the latest then, not at creation.
        var c = Compliant with { Status = "Concluído III", SystemModstamp = At(2026, 3, 4, 10) };

        Assert.Empty(Judge("GSO-08", c, At(2026, 3, 4, 16)));
        var f = Assert.Single(Judge("GSO-08", c, At(2026, 3, 5, 10, 1)));
        Assert.Equal(At(2026, 3, 5, 10), f.DueAt);
        // It says so: the date is the latest the return can have been, not a return the history shows.
        Assert.Equal("devolvido ao N2 até 04/03/2026 10:00 (a última alteração do caso; o histórico de status não registra a devolução) e ainda não fechado "
                     + "(prazo de 1 dia útil)", f.Detail);
    }
}
