using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class BillingRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Billing();
    private static readonly CaseSnapshot Untouched = Compliant with { Comments = [] };
    private static readonly CaseSnapshot GreetedOnly = Compliant with { Comments = [Compliant.Comments[0]] };

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Cases.Opened.AddMinutes(60)));

    private static readonly CaseSnapshot Promising = Cases.BillingPromising();

    [Fact]
    public void BIL01_AMessagePromisingContactWithinFifteenMinutes_IsDueAsWritten()
    {
        Assert.Empty(Judge("BIL-01", Promising, Cases.Opened.AddMinutes(65)));
        var f = Assert.Single(Judge("BIL-01", Promising, Cases.Opened.AddMinutes(66)));
        Assert.Equal(FindingKind.FollowUpOverdue, f.Kind);
        Assert.Equal(Cases.Opened.AddMinutes(65), f.DueAt);
        Assert.Equal([User(12)], f.Mentions); // the CMC coordinator (the case sits in the CMC queue, no analyst owns it yet)
    }

    [Fact]
    public void BIL01_WhileTheCaseAwaitsTheCustomer_ThePromisedReturnDoesNotRun()
    {
        // Reproduced: the CMC asked for a print ("Assim que recebermos, retornaremos em até 15 minutos") and set the case to
        // await the customer; 15 minutes later BIL-01 said the promised contact was overdue, to the analyst and coordinator.
        var waiting = Promising with
        {
            Status = "Aguardando Cliente", History = [FieldChange.Status("Em Atendimento", "Aguardando Cliente", Cases.Opened.AddMinutes(52), User(12))],
        };

        Assert.Empty(Judge("BIL-01", waiting, Cases.Opened.AddHours(3)));
        // The customer answers at 12:00: the 13 minutes left of the promise run from then.
        var answered = waiting with
        {
            Status = "Em Atendimento", History = [.. waiting.History, FieldChange.Status("Aguardando Cliente", "Em Atendimento", Cases.Opened.AddHours(3), User(12))],
        };
        Assert.Empty(Judge("BIL-01", answered, Cases.Opened.AddHours(3).AddMinutes(12)));
        Assert.Single(Judge("BIL-01", answered, Cases.Opened.AddHours(3).AddMinutes(14)));
    }

    [Fact]
    public void BIL01_TheReturnAfterTheFirstMessage_IsDueInFifteenMinutes()
    {
        var f = Assert.Single(Judge("BIL-01", GreetedOnly, Cases.Opened.AddMinutes(19)));

        Assert.Equal(Cases.Opened.AddMinutes(18), f.DueAt); // greeted at 3 minutes
        Assert.Equal("a primeira mensagem ao cliente foi em 02/03/2026 09:03, e o retorno era devido em até 15 minutos", f.Detail);
    }

    [Fact]
    public void BIL01_AfterAnUpdateThatSendsTheFollowUpToThePrivateChat_NoDeadlineRuns()
    {
        // Reproduced: "as atualizações serão enviadas no privado" (the manual's follow-up message) was held to a new contact every
        // 15 minutes until the incident was resolved; the manual asks only the return after the first message within 15 minutes,
        // then periodic updates in the private chat, which contact.sources does not read.
        Assert.Empty(Judge("BIL-01", Compliant, Cases.Opened.AddHours(5)));
        Assert.Equal("o último retorno ao cliente (02/03/2026 09:50) não promete novo contato em prazo, e o acompanhamento segue no privado",
            Reason("BIL-01", Compliant, Cases.Opened.AddHours(5)));
    }

    [Theory]
    [InlineData("Faremos follow-up em até 15mins. Gentileza aguardar.", 15)]
    [InlineData("Favor aguardar novo contato em até 15 mins.", 15)]
    [InlineData("Retornaremos com novas informações em até 30 minutos.", 30)]
    [InlineData("Novo retorno em até 1 hora.", 60)]
    [InlineData("Gentileza aguardar: daremos feedback até 20 minutos após o teste.", 20)]
    [InlineData("As atualizações serão enviadas no privado.", null)]
    [InlineData("O prazo vai até 15 de março.", null)]
    [InlineData("Retornaremos em 15 minutos.", null)] // no "até": a forecast, not a promise held to the minute
    [InlineData("A operadora informou previsão de normalização em até 4 horas; seguimos no privado.", null)] // a forecast, no contact promised
    [InlineData("Retornaremos até 17h.", null)] // an hour of the day, not a length
    [InlineData("O SLA do incidente é de até 4 horas.", null)]
    [InlineData("Seguimos com as atualizações no privado. A janela de manutenção vai até 30 minutos.", null)] // another sentence
    [InlineData("Seguimos com o retorno no privado\nPrevisão de normalização em até 4 horas", null)] // another line
    [InlineData("Aguardamos retorno da operadora em até 2 horas.", null)] // the carrier's answer, not the CMC's promise
    [InlineData("Faremos um novo contato em até 40 minutos.", 40)]
    [InlineData("Aguardamos novo retorno da operadora em até 2 horas.", null)] // a third party's
    [InlineData("O técnico fará novo contato em até 4 horas.", null)]
    [InlineData("O CMC fará novo contato em até 30 minutos.", 30)]
    [InlineData("Favor aguardar novo contato do CMC em até 15 mins.", 15)]
    [InlineData("Aguarda novo contato em até 15 min.", 15)]
    [InlineData("Aguarda novo retorno da Embratel em até 2 horas.", null)]
    [InlineData("Solicitado novo retorno do time responsável em até 1 hora.", null)]
    [InlineData("O técnico de campo fará novo contato em até 4 horas.", null)]
    [InlineData("A Vivo fará novo contato em até 2 horas.", null)]
    [InlineData("Faremos novo contato em até 1 hora e 30 minutos.", 90)] // reproduced: read as one hour, overdue at half the time promised
    [InlineData("Retornaremos com novas informações em até 1 hora e meia.", 90)]
    [InlineData("Retornaremos com novas informações em até 2 horas e 15 min.", 135)]
    [InlineData("Faremos novo contato em até meia hora.", 30)]
    [InlineData("Faremos novo contato amanhã até 9 horas.", null)] // reproduced: an hour of the day read as nine hours
    [InlineData("Retornaremos até 17 horas.", null)]
    [InlineData("Faremos novo contato em até 1 hora e 30.", 90)] // reproduced: read as one hour
    [InlineData("Novo retorno em até 2 horas.", 120)]
    [InlineData("Novo retorno em\taté 2 horas.", 120)]
    [InlineData("Faremos novo contato no prazo de até 2 horas.", 120)]
    [InlineData("Faremos novo contato dentro de até 2 horas.", 120)]
    [InlineData("Faremos novo contato hoje até 17 horas ou em até 2 horas.", 120)] // the hour of the day, then the length
    [InlineData("Novo contato até 2 horas.", null)] // an hour of the day as well as a length: no deadline on a guess
    [InlineData("Faremos novo contato em até 0 minutos.", null)]
    [InlineData("", null)]
    public void BIL01_ThePromiseAMessageMakes(string text, int? minutes) =>
        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, SfBridge.Rules.Billing.FollowUpRule.Promised(text));

    [Fact]
    public void BIL01_TheCustomersOwnMessage_DoesNotCountAsAnUpdate()
    {
        // Reproduced: a customer's own published comment reset the follow-up clock.
        var customer = new UserInfo(User(40), "Cliente Vibra", null, true) { UserType = "PowerCustomerSuccess" };
        var c = Promising with { Comments = [.. Promising.Comments, new CaseComment("Alguma novidade?", true, Cases.Opened.AddMinutes(60), User(40))] };

        Assert.Equal(Cases.Opened.AddMinutes(65), Assert.Single(Judge("BIL-01", c, Cases.Opened.AddMinutes(66), Org(users: [.. SampleUsers(), customer]))).DueAt);
    }

    [Fact]
    public void BIL01_BeforeTheFirstReply_IsLeftToBil02() => Assert.Empty(Judge("BIL-01", Untouched, Cases.Opened.AddHours(2)));

    [Fact]
    public void BIL02_NoActionInTheFirstTenMinutes_EscalatesToTheMatrixTeam()
    {
        Assert.Empty(Judge("BIL-02", Untouched, Cases.Opened.AddMinutes(10)));
        var f = Assert.Single(Judge("BIL-02", Untouched, Cases.Opened.AddMinutes(11)));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal("incidente sem nenhuma ação nos primeiros 10 minutos; acionar Mesa de atendimento V8 e solicitar prioridade", f.Detail);
        Assert.Contains(User(12), f.Mentions);
        Assert.Empty(Judge("BIL-03", Untouched, Cases.Opened.AddHours(1))); // in business hours there is no after-hours chain
    }

    [Fact]
    public void BIL02_TheGreetingToTheCustomer_IsNotAnActionOnTheIncident() =>
        Assert.Single(Judge("BIL-02", GreetedOnly, Cases.Opened.AddMinutes(11)));

    [Theory]
    [InlineData("Carlos, bom dia! Entraremos em contato no privado para mais informações.")]
    [InlineData("@Carlos Bom dia, Carlos! Iniciamos a análise com as informações inseridas na abertura do incidente.")]
    [InlineData("Cliente, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Sr. Carlos, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Carlos Alberto Souza, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Carlos Alberto de Souza, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Prezado Sr. Carlos, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("@Maria da Silva Santos Bom dia! Iniciamos a análise do incidente.")]
    [InlineData("carlos, bom dia! Iniciamos a análise do incidente.")]
    public void BIL02_AGreetingAfterTheCustomersName_IsNoWorkEither(string greeting)
    {
        // Reproduced: the manual's "Cliente, bom dia!" and a greeting after the customer's mention counted as work on the incident.
        var greeted = Untouched with { Comments = [new CaseComment(greeting, true, Cases.Opened.AddMinutes(3), User(12))] };

        Assert.Single(Judge("BIL-02", greeted, Cases.Opened.AddMinutes(11)));
    }

    [Theory]
    [InlineData("Bom dia, Carlos! Equipe responsável acionada e o incidente localizado. Segue em análise. Estamos acompanhando e repassamos as atualizações pelo privado.")]
    [InlineData("Bom dia, Carlos! Acionamos o analista responsável e o incidente segue em análise.")]
    [InlineData("Bom dia, Carlos! Já solicitamos prioridade à mesa de atendimento responsável. Favor aguardar novo contato em até 15 mins.")]
    [InlineData("Bom dia, Carlos! Acionei a mesa responsável; seguimos acompanhando.")]
    [InlineData("Bom dia, Carlos! Escalonamos o incidente para a equipe da operadora.")]
    [InlineData("Boa tarde, Carlos! O incidente foi escalonado à mesa V8.")]
    [InlineData("Bom dia, Carlos! Entramos em contato com o time responsável e aguardamos o retorno.")]
    [InlineData("Bom dia, Carlos! Já foi solicitada prioridade à mesa V8.")]
    [InlineData("Bom dia, Carlos! Incidente escalonado para a mesa V8. Favor aguardar novo contato em até 15 mins.")] // the manual's short style
    [InlineData("Bom dia, Carlos! Solicitada prioridade à mesa V8.")]
    [InlineData("Bom dia, Carlos! Mesa V8 acionada por telefone; seguimos acompanhando.")]
    [InlineData("Bom dia, Carlos! Mesa V8 acionada pelo CMC, seguimos acompanhando.")] // reproduced (in review)
    [InlineData("Bom dia, Carlos! Equipe responsável acionada pelo Teams e o incidente localizado.")]
    [InlineData("Bom dia, Carlos! O incidente já foi escalonado e seguimos acompanhando.")]
    [InlineData("Bom dia, Carlos! Abrimos o chamado na operadora e ele está sendo tratado com a máxima prioridade.")] // seed 004's own
    [InlineData("Bom dia, Carlos! A mesa V8 acabou de ser acionada.")]
    [InlineData("Bom dia, Carlos! Acabamos de acionar a mesa V8.")]
    [InlineData("Bom dia, Carlos! Já solicitamos a priorização à mesa V8.")]
    [InlineData("Bom dia, Carlos! Entramos em contato com a operadora.")]
    public void BIL02_AFirstMessageThatReportsTheTeamCalled_IsWork(string first)
    {
        // Reproduced: the manual's sixth opening message, "Equipe responsável acionada e o incidente localizado", was set
        // aside as the greeting, and BIL-02 told the analyst to call the team they had just reported calling.
        var reported = Untouched with { Comments = [new CaseComment(first, true, Cases.Opened.AddMinutes(3), User(12))] };

        Assert.Empty(Judge("BIL-02", reported, Cases.Opened.AddMinutes(11)));
    }

    [Theory]
    [InlineData("Bom dia, Carlos! Iniciamos a análise; caso necessário, a mesa responsável será acionada. Gentileza aguardar.")]
    [InlineData("Bom dia, Carlos! Se for preciso, a equipe pode ser acionada ainda hoje. Favor aguardar.")]
    [InlineData("Bom dia, Carlos! Caso seja escalonado, avisaremos. Solicitamos que aguarde.")]
    [InlineData("Bom dia, Carlos! Vamos solicitar prioridade à mesa se necessário.")]
    [InlineData("Bom dia, Carlos! Se preciso, será solicitada prioridade à mesa.")]
    [InlineData("Bom dia, Carlos! O incidente ainda não foi escalonado; seguimos em análise.")]
    [InlineData("Bom dia, Carlos! Recebemos o incidente escalonado pela loja e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! A mesa ainda não foi acionada; seguimos em análise.")]
    [InlineData("Bom dia, Carlos! O incidente foi escalonado para o CMC e iniciamos a análise.")] // received, not sent
    [InlineData("Bom dia, Carlos! O CMC foi acionado e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Fomos acionados pela loja e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Fomos acionados e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Recebemos o incidente escalonado para a mesa do CMC e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! O incidente chegou escalonado para a equipe CMC.")]
    [InlineData("Recebido, bom dia! Iniciamos a análise do incidente.")] // reproduced (in review): an acknowledgement before the greeting
    [InlineData("Bom dia, Carlos! Iniciamos a análise do incidente escalonado.")] // reproduced (in review): the incident arrived escalated
    [InlineData("Bom dia, Carlos! Recebemos o seu incidente escalonado e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! O incidente nos foi escalonado pela loja.")]
    [InlineData("Bom dia, Carlos! Incidente escalonado pelo suporte, iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Iniciamos a análise. Assim que escalonado, retornaremos.")]
    [InlineData("Bom dia, Carlos! O incidente ainda não foi acionado nem escalonado.")]
    [InlineData("Bom dia, Carlos! Fui acionada pela gerência e iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Acionados pelo suporte N1, iniciamos a análise.")]
    [InlineData("Bom dia, Carlos! Incidente acionado pelo gerente da loja, iniciamos a análise.")]
    public void BIL02_AGreetingThatOnlySaysTheTeamMayBeCalled_IsNoWork(string first)
    {
        // Reproduced: "a mesa responsável será acionada" read as the team called, and BIL-02 never fired with nothing done.
        var greeted = Untouched with { Comments = [new CaseComment(first, true, Cases.Opened.AddMinutes(3), User(12))] };

        Assert.Single(Judge("BIL-02", greeted, Cases.Opened.AddMinutes(11)));
    }

    /// <summary>
    /// A support case opened at 09:00 in N1 Filiais and moved into the CMC's queue at 09:40 by <paramref name="mover"/>, with
    /// <paramref name="note"/> written by <paramref name="author"/> at <paramref name="at"/> (minutes after 09:00).
    /// </summary>
    private static CaseSnapshot MovedIn(int mover, int author, int at) => Untouched with
    {
        RecordType = "Suporte",
        History = [FieldChange.Owner(Queue("N1_Filiais"), Queue("CMC_Faturamento"), Cases.Opened.AddMinutes(40), User(mover))],
        Comments = [new CaseComment("Transferido ao CMC; mesa V8 acionada por telefone.", false, Cases.Opened.AddMinutes(at), User(author))],
    };

    [Theory]
    [InlineData(3, 3, 40, 1)] // Juliana (N1) moved it and wrote the note in the same save: not the CMC's action
    [InlineData(3, 3, 45, 1)] // and later: the CMC queue's members show she is none of them
    [InlineData(12, 12, 40, 0)] // Tatiane, of the CMC queue, pulled it in and wrote it in the same save: the CMC's action
    [InlineData(3, 12, 45, 0)] // the CMC's analyst wrote it after Juliana's move
    public void BIL02_WhatTheMoverIntoTheCmcsQueueDid_IsTheCmcsOnlyWhenTheMoverIsTheCmcs(int mover, int author, int at, int expected) =>
        Assert.Equal(expected, Judge("BIL-02", MovedIn(mover, author, at), Cases.Opened.AddMinutes(51)).Count);

    [Theory]
    [InlineData(1)]
    [InlineData(5)] // a copy sent five minutes later is still the same message
    public void BIL02_TheGreetingsEmailCopy_IsNoWorkEither(int minutesLater)
    {
        // Reproduced: the greeting posted as a comment and e-mailed to the customer a minute later: the copy counted as work.
        // The copy is its own text, as Salesforce sends it: other line endings and spacing, the same words.
        var text = Compliant.Comments[0].Body!;
        var copy = text.Replace(" ", "  ", StringComparison.Ordinal) + "\r\n";
        var copied = GreetedOnly with
        {
            Emails = [new CaseEmail(false, false, Compliant.Comments[0].CreatedDate.AddMinutes(minutesLater), "INC0048213") { Status = "3", ToAddress = "carlos@cliente.example", CreatedById = User(12), Body = copy }],
        };

        Assert.Single(Judge("BIL-02", copied, Cases.Opened.AddMinutes(11)));
    }

    [Fact]
    public void BIL02_TheGreetingsEmailCopyWithASignature_IsNoWorkEither()
    {
        // Reproduced: the greeting e-mailed a minute later with the analyst's signature below it counted as work, and BIL-02
        // and BIL-03 stayed silent on an incident nobody had touched.
        var signed = GreetedOnly with
        {
            Emails = [new CaseEmail(false, false, Compliant.Comments[0].CreatedDate.AddMinutes(1), "INC0048213")
            {
                Status = "3", ToAddress = "carlos@cliente.example", CreatedById = User(12),
                Body = Compliant.Comments[0].Body + "\n\nAtenciosamente,\nTatiane Reis\nCMC Faturamento",
            }],
        };

        Assert.Single(Judge("BIL-02", signed, Cases.Opened.AddMinutes(11)));
    }

    [Fact]
    public void BIL02_AFirstContactThatIsNotAGreeting_IsWork()
    {
        // Reproduced: the analyst's first call to the customer was discarded as "the greeting", and BIL-02 accused them.
        var called = Untouched with { Tasks = [new CaseTask("Call", true, Cases.Opened.AddMinutes(4), User(12))] };
        var asked = Untouched with { Comments = [new CaseComment("Pode nos enviar o XML da nota rejeitada?", true, Cases.Opened.AddMinutes(4), User(12))] };

        Assert.Empty(Judge("BIL-02", called, Cases.Opened.AddMinutes(11)));
        Assert.Empty(Judge("BIL-02", asked, Cases.Opened.AddMinutes(11)));
    }

    [Fact]
    public void BIL02_AnInternalRecordOfWork_IsAnAction() => Assert.Empty(Judge("BIL-02", Compliant, Cases.Opened.AddHours(1)));

    [Fact]
    public void BIL03_AfterHoursWithoutActionWithinTheWait_CallsTheAfterHoursContact()
    {
        var night = Untouched with { CreatedDate = At(2026, 3, 2, 21) };

        Assert.Contains(User(12), Assert.Single(Judge("BIL-02", night, At(2026, 3, 2, 21, 11))).Mentions); // the team is called first
        Assert.Empty(Judge("BIL-03", night, At(2026, 3, 2, 21, 40)));
        var f = Assert.Single(Judge("BIL-03", night, At(2026, 3, 2, 21, 41)));
        Assert.Equal([User(11)], f.Mentions); // Rodrigo Calil, after hours
        Assert.Equal(At(2026, 3, 2, 21, 40), f.DueAt);
    }

    [Fact]
    public void BIL03_AnInactiveAfterHoursContact_IsNeverMentioned_TheGapIsRecorded()
    {
        // Reproduced: the matrix's contacts were mentioned as written, active or not.
        var night = Untouched with { CreatedDate = At(2026, 3, 2, 21) };
        var users = SampleUsers().Select(u => u.Id == User(11) ? u with { IsActive = false } : u).ToList();

        var f = Assert.Single(Judge("BIL-03", night, At(2026, 3, 2, 21, 41), Org(users: users)));

        Assert.DoesNotContain(User(11), f.Mentions);
        Assert.Contains(User(11), f.MentionGaps);
    }

    [Fact]
    public void BIL03_TheTeamActedWithinTheWait_NoAfterHoursCall()
    {
        var night = Untouched with
        {
            CreatedDate = At(2026, 3, 2, 21),
            Comments = [new CaseComment("Plantão V8 acionado, base em análise.", false, At(2026, 3, 2, 21, 25), User(12))],
        };

        Assert.Empty(Judge("BIL-03", night, At(2026, 3, 2, 23)));
    }

    [Fact]
    public void BIL03_TheTeamActedOnlyAfterTheWait_TheBreachIsRecordedAsOver_NoCallForTheContact()
    {
        // Reproduced: the first action after the wait left the finding saying "segue sem ação … acionar o contato de
        // plantão", and its reminders repeated it about an incident the team was working on.
        var night = Untouched with
        {
            CreatedDate = At(2026, 3, 2, 21),
            Comments = [new CaseComment("Plantão V8 acionado, base em análise.", false, At(2026, 3, 2, 22, 5), User(12))],
        };

        var f = Assert.Single(Judge("BIL-03", night, At(2026, 3, 2, 23)));

        Assert.True(f.Settled);
        Assert.Contains("a primeira ação no incidente só veio em 02/03/2026 22:05", f.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("contato de plantão acionado por este aviso", f.Detail, StringComparison.Ordinal);
        Assert.Empty(f.Mentions); // recorded, not a call at night about an incident the team has taken up
        var untouched = Assert.Single(Judge("BIL-03", Untouched with { CreatedDate = At(2026, 3, 2, 21) }, At(2026, 3, 2, 23)));
        Assert.False(untouched.Settled);
        Assert.Equal([User(11)], untouched.Mentions); // the on-call contact
    }

    private static CaseSnapshot Said(params (string Text, DateTimeOffset At)[] messages) =>
        Compliant with { Comments = [Compliant.Comments[1], .. messages.Select(m => new CaseComment(m.Text, true, m.At, User(12)))] };

    [Theory]
    [InlineData("Bom dia, Carlos! Estaremos verificando o incidente e retornaremos em até 15 mins.")]
    [InlineData("Carlos, posso estar enviando as atualizações no privado?")]
    [InlineData("Carlos, devemos estar retornando em instantes.")]
    public void BIL04_GerundismInAnAgentsMessage_IsMessageStyle(string text)
    {
        var f = Assert.Single(Judge("BIL-04", Said((text, Cases.Opened.AddMinutes(3))), Cases.Opened.AddMinutes(10)));

        Assert.Equal(FindingKind.MessageStyle, f.Kind);
        Assert.Contains("gerundismo", f.Detail, StringComparison.Ordinal);
        Assert.Contains(User(12), f.Mentions);
    }

    [Fact]
    public void BIL04_WithoutAUserListOrAnAuthorType_AMessageMayBeTheCustomers_AndIsNotJudged()
    {
        // Reproduced: an offline audit of a snapshot without User.json read the customer's portal comment "vou estar
        // aguardando o retorno" as the agent's, and BIL-04 reported the agent's gerundism.
        var c = Said(("Vou estar aguardando o retorno de vocês.", Cases.Opened.AddMinutes(3)));
        var noUsers = Org(users: []);

        Assert.Empty(Judge("BIL-04", c, Cases.Opened.AddMinutes(10), noUsers));
        Assert.Equal("nada diz quem escreveu a mensagem ao cliente (sem a lista de usuários nem o tipo do autor): pode ser o próprio cliente, e o estilo não é julgado",
            Reason("BIL-04", c, Cases.Opened.AddMinutes(10), noUsers));

        // The author type the comment carries (CreatedBy.UserType) is enough; so is the user list.
        var typed = c with { Comments = [.. c.Comments.Select(m => m with { AuthorType = "Standard" })] };
        Assert.Single(Judge("BIL-04", typed, Cases.Opened.AddMinutes(10), noUsers));
        Assert.Single(Judge("BIL-04", c, Cases.Opened.AddMinutes(10)));
    }

    [Fact]
    public void BIL04_AMessageWithTwoProblems_NamesBoth_AndOnlyTheOpeningsFirstGreetingCounts()
    {
        var both = Assert.Single(Judge("BIL-04", Said(("Bom dia, Carlos! Estaremos verificando o incidente.", At(2026, 3, 2, 15))), At(2026, 3, 2, 15, 5)));
        Assert.Equal("mensagem ao cliente de 02/03/2026 15:00 fora do padrão: gerundismo (\"estaremos verificando\"); " +
                     "saudação \"Bom dia\" enviada às 15:00 (o certo é \"Boa tarde\")", both.Detail);

        var firstRight = Judge("BIL-04", Said(("Boa tarde, Carlos! Bom dia para a equipe também.", At(2026, 3, 2, 15))), At(2026, 3, 2, 15, 5));
        Assert.DoesNotContain(firstRight, f => f.Detail!.Contains("saudação", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Carlos, resolvido! Tenha uma boa noite!", 17, 40)]
    [InlineData("Carlos, obrigado! Tenha um bom dia.", 14, 0)]
    [InlineData("Tenha um bom dia, Carlos!", 14, 0)]
    [InlineData("Incidente resolvido, boa noite!", 17, 40)]
    [InlineData("Obrigado pelo retorno, bom dia!", 15, 0)]
    [InlineData("obrigado, bom dia!", 15, 0)]
    [InlineData("corrigido, boa noite!", 17, 40)]
    [InlineData("perfeito, boa noite!", 17, 40)]
    [InlineData("Obrigado, bom dia!", 15, 0)] // written with a capital, as keyboards write it
    [InlineData("Perfeito, boa noite!", 17, 40)]
    [InlineData("Resolvido, boa noite!", 17, 40)]
    [InlineData("Ok, boa noite!", 17, 40)]
    [InlineData("Entendido, bom dia! Qualquer novidade retornamos.", 15, 0)] // reproduced (in review)
    [InlineData("Agradecida, bom dia!", 15, 0)]
    [InlineData("Fechado, boa noite!", 17, 40)]
    [InlineData("Anotado, bom dia!", 15, 0)]
    public void BIL04_AGoodbyeIsNoGreeting(string text, int hour, int minute)
    {
        // Reproduced: a goodbye in the message's first 40 characters was read as its greeting, and as the wrong one for the hour.
        var findings = Judge("BIL-04", Said((text, At(2026, 3, 2, hour, minute))), At(2026, 3, 2, hour, minute).AddMinutes(5));

        Assert.DoesNotContain(findings, f => f.Detail!.Contains("saudação", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sr. Carlos, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Carlos Alberto Souza, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("@Carlos Bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Carlos Alberto de Souza, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Prezado Sr. Carlos, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("Sr. Machado, bom dia! Iniciamos a análise do incidente.")] // a name that reads as a participle
    [InlineData("Aparecida, bom dia! Iniciamos a análise do incidente.")]
    [InlineData("@Conrado Silva Bom dia! Iniciamos a análise do incidente.")]
    public void BIL04_AGreetingAfterATitleOrAFullName_IsStillReadAsTheGreeting(string text)
    {
        var f = Assert.Single(Judge("BIL-04", Said((text, At(2026, 3, 2, 15))), At(2026, 3, 2, 15, 5)));

        Assert.Contains("saudação \"Bom dia\" enviada às 15:00 (o certo é \"Boa tarde\")", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BIL04_GreetingThatDoesNotMatchTheLocalTime_IsMessageStyle()
    {
        var f = Assert.Single(Judge("BIL-04", Said((Compliant.Comments[0].Body!, At(2026, 3, 2, 15))), At(2026, 3, 2, 15, 5)));

        Assert.Contains("saudação \"Bom dia\" enviada às 15:00 (o certo é \"Boa tarde\")", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BIL04_TheSameApprovedMessageForTwoRequestsInARow_IsMessageStyle()
    {
        var again = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";

        var f = Assert.Single(Judge("BIL-04", Said((again, Cases.Opened.AddMinutes(20)), (again, Cases.Opened.AddMinutes(34))), Cases.Opened.AddMinutes(40)));

        Assert.Contains("a mesma mensagem padrão (retorno-1) da resposta anterior", f.Detail, StringComparison.Ordinal);
        Assert.Equal("BIL-04|" + Compliant.Id + "|comment:" + RuleContext.Instance(Cases.Opened.AddMinutes(34)), f.BreachKey);
    }

    [Fact]
    public void BIL04_OneMessageSentTwiceWithinMinutes_IsOneAnswer()
    {
        // Reproduced: a comment and its e-mail copy a minute later were read as two answers with the same approved message.
        var text = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";

        Assert.Empty(Judge("BIL-04", Said((text, Cases.Opened.AddMinutes(20)), (text, Cases.Opened.AddMinutes(21))), Cases.Opened.AddMinutes(40)));
    }

    [Fact]
    public void BIL04_TheCustomersWordsQuotedUnderAnAgentsEmail_AreNotTheAgents()
    {
        // Reproduced: "gerundismo (\"estarei aguardando\")" blamed on the agent for the customer's line quoted under her answer.
        var answer = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";
        var email = new CaseEmail(false, false, Cases.Opened.AddMinutes(20), "RE: INC0048213")
        {
            Status = "3", ToAddress = "carlos@cliente.example", CreatedById = User(12),
            Body = answer + "\n\nEm seg., 2 de mar. de 2026 às 09:15, Carlos <carlos@cliente.example> escreveu:\n> Bom dia. Estarei aguardando o retorno.\n> Carlos",
        };
        var c = Compliant with { Comments = [Compliant.Comments[1]], Emails = [email] };

        Assert.Empty(Judge("BIL-04", c, Cases.Opened.AddMinutes(40)));
        var quoted = c with { Emails = [email with { Body = answer + " Estarei aguardando o retorno." }] };
        Assert.Contains("gerundismo", Assert.Single(Judge("BIL-04", quoted, Cases.Opened.AddMinutes(40))).Detail, StringComparison.Ordinal); // the agent's own words are judged
    }

    [Fact]
    public void BIL04_TheEmailCopyOfAMessage_WithASignatureAdded_IsOneAnswer()
    {
        // Reproduced: "a mesma mensagem padrão (retorno-1) da resposta anterior" for a comment and its e-mail copy a minute later with a signature.
        var text = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";
        var signed = text + "\n\nAtenciosamente,\nTatiane Reis\nCMC Faturamento";

        Assert.Empty(Judge("BIL-04", Said((text, Cases.Opened.AddMinutes(20)), (signed, Cases.Opened.AddMinutes(21))), Cases.Opened.AddMinutes(40)));
        var later = Judge("BIL-04", Said((text, Cases.Opened.AddMinutes(20)), (signed, Cases.Opened.AddMinutes(50))), Cases.Opened.AddMinutes(60));
        Assert.Contains("a mesma mensagem padrão", Assert.Single(later).Detail, StringComparison.Ordinal); // half an hour later it is a second answer
    }

    [Theory]
    [InlineData("Olá,\n\n{0}\n\nAtenciosamente,\nTatiane Reis")]
    [InlineData("Prezado Carlos,\n\n{0}")]
    public void BIL04_TheEmailCopyOfAMessage_WithASalutationAbove_IsOneAnswer(string copy)
    {
        var text = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";

        Assert.Empty(Judge("BIL-04", Said((text, Cases.Opened.AddMinutes(20)), (string.Format(System.Globalization.CultureInfo.InvariantCulture, copy, text), Cases.Opened.AddMinutes(21))),
            Cases.Opened.AddMinutes(40)));
    }

    [Fact]
    public void BIL02_TheGreetingsEmailCopyWithASalutationAbove_IsNoWorkEither()
    {
        var copy = GreetedOnly with
        {
            Emails = [new CaseEmail(false, false, Compliant.Comments[0].CreatedDate.AddMinutes(1), "INC0048213")
            {
                Status = "3", ToAddress = "carlos@cliente.example", CreatedById = User(12), Body = "Prezado Carlos,\n\n" + Compliant.Comments[0].Body,
            }],
        };

        Assert.Single(Judge("BIL-02", copy, Cases.Opened.AddMinutes(11)));
    }

    [Fact]
    public void BIL04_AMessageFarFromEveryApprovedOne_IsInfo()
    {
        var f = Assert.Single(Judge("BIL-04", Said(("blz, ja vi aqui, ja te falo", Cases.Opened.AddMinutes(3))), Cases.Opened.AddMinutes(10)));

        Assert.Equal(Severity.Info, f.Severity);
    }

    [Fact]
    public void BIL04_Disabled_JudgesNothing()
    {
        // Reproduced: the BIL-04 enabled switch did nothing.
        var folder = MappingsCopy.With("rules.csv", text => text.Replace("BIL-04,yes,", "BIL-04,no,", StringComparison.Ordinal));
        var policy = MappingLoader.Load(folder).Policy!;

        var findings = new PolicyEngine(policy).Evaluate(Said(("Estaremos verificando.", Cases.Opened.AddMinutes(3))), Org(), Cases.Opened.AddMinutes(10));

        Assert.DoesNotContain(findings, f => f.RuleId == "BIL-04");
    }

    [Fact]
    public void BIL05_NoIncidentNumberAfterThirtyMinutes_IsMissingField()
    {
        var c = Compliant.WithFields((LogicalField.IncidentNumber, null));

        Assert.Empty(Judge("BIL-05", c, Cases.Opened.AddMinutes(30)));
        Assert.Equal(FindingKind.MissingField, Assert.Single(Judge("BIL-05", c, Cases.Opened.AddMinutes(31))).Kind);
    }

    [Fact]
    public void OwnAlerts_ConsecutiveAlertsOnACase_NeverRepeatTheLastTemplate()
    {
        var first = Assert.Single(Judge("BIL-01", Promising, Cases.Opened.AddMinutes(66)));

        var next = Scenario.Judge(Promising, Cases.Opened.AddMinutes(66), lastTemplate: first.TemplateId).Single(f => f.RuleId == "BIL-01");

        Assert.StartsWith("bil-", first.TemplateId, StringComparison.Ordinal);
        Assert.NotEqual(first.TemplateId, next.TemplateId);
    }

    [Theory]
    [InlineData(8, "Bom dia")]
    [InlineData(13, "Boa tarde")]
    [InlineData(20, "Boa noite")]
    public void OwnAlerts_Greeting_FollowsLocalTime(int hour, string greeting)
    {
        var c = Compliant with { CreatedDate = At(2026, 3, 2, hour), Comments = [new CaseComment("Iniciamos.", true, At(2026, 3, 2, hour, 1), User(12))] };

        var f = Assert.Single(Judge("BIL-01", c, At(2026, 3, 2, hour, 17)));

        Assert.StartsWith(greeting + "!", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Estarei transferindo o seu chamado.")]
    [InlineData("Vamos estar verificando o incidente.")]
    [InlineData("Estarão lhe ajudando em instantes.")]
    [InlineData("Você poderia ficar aguardando?")]
    [InlineData("Estou entendendo.")]
    [InlineData("Posso estar enviando o boleto?")]
    [InlineData("Estaríamos verificando com a operadora.")]
    [InlineData("estariamos verificando com a operadora")]
    [InlineData("Devemos estar retornando em breve.")]
    [InlineData("Vou estar lhe enviando o número.")]
    [InlineData("Ficaremos aguardando o seu retorno.")]
    [InlineData("Ficarei verificando com a operadora.")]
    [InlineData("Vamos estar sempre acompanhando o incidente.")] // reproduced: a word between the verbs hid it
    [InlineData("Estaremos então verificando com a operadora.")]
    [InlineData("Você poderia, por favor, ficar aguardando?")]
    public void Gerundism_IsDetected(string text) => Assert.NotNull(Gerundism.Find(text));

    [Theory]
    [InlineData("O CMC segue acompanhando e buscando todas as atualizações.")]
    [InlineData("Estamos acompanhando e repassamos as atualizações pelo privado.")]
    [InlineData("Vamos transferir o chamado para a mesa responsável.")]
    [InlineData("O chamado está em análise e sendo tratado com prioridade.")]
    [InlineData("Hoje o plantão estará Fernando Souza.")] // reproduced: a name ending like a gerund
    [InlineData("A validação estará quando possível no grupo.")]
    [InlineData("O relatório ficará lindo.")]
    [InlineData("Estaremos sempre à disposição, seguimos acompanhando.")]
    [InlineData("Você poderia, por favor, aguardar o retorno?")]
    public void Gerundism_ApprovedWording_IsNot(string text) => Assert.Null(Gerundism.Find(text));

    [Fact]
    public void ClosedCases_AreNotJudgedByTheRulesForOpenCases()
    {
        AssertJudgedOnlyWhileOpen("BIL-01", Promising, Cases.Opened.AddMinutes(66));
        AssertJudgedOnlyWhileOpen("BIL-03", Untouched with { CreatedDate = At(2026, 3, 2, 21) }, At(2026, 3, 2, 21, 41));
        AssertJudgedOnlyWhileOpen("BIL-05", Compliant.WithFields((LogicalField.IncidentNumber, null)), Cases.Opened.AddMinutes(31));
    }

    private static readonly CaseSnapshot Night = Untouched with { CreatedDate = At(2026, 3, 2, 21) };

    /// <summary>The shipped matrix's * row: any team but the V8 desk, found through the CMC's escalation spreadsheet.</summary>
    private const string Anyone = "time responsável pelo incidente (planilha de escalonamento)";

    [Fact]
    public void BIL03_AnIncidentOfAnotherTeam_AfterHours_CallsTheCmcCoordination_NotTheV8DesksOnCallContact()
    {
        // Reproduced: a change (CHG0007781) left untouched at night paged Rodrigo Calil, whom seed 004 names for the V8 desk
        // alone; and BIL-02 told the CMC to "acionar CMC Faturamento", itself.
        var other = Night.WithFields((LogicalField.IncidentNumber, "CHG0007781"));

        Assert.Equal([User(12)], Assert.Single(Judge("BIL-03", other, At(2026, 3, 2, 21, 41))).Mentions);
        Assert.Equal([User(11)], Assert.Single(Judge("BIL-03", Night, At(2026, 3, 2, 21, 41))).Mentions); // INC: the V8 desk's
    }

    [Theory]
    [InlineData("INC0048213", "Mesa de atendimento V8")]
    [InlineData("inc0048213", "Mesa de atendimento V8")] // the prefix in any case
    [InlineData("RITM0001", Anyone)] // no prefix row: the * row
    [InlineData(null, Anyone)]
    [InlineData("INC pendente", Anyone)] // what fills the field without a number is none: the * row, whatever it starts with
    public void BIL02_CallsTheTeamOfTheIncidentsRowInTheEscalationMatrix(string? incident, string team)
    {
        var f = Assert.Single(Judge("BIL-02", Untouched.WithFields((LogicalField.IncidentNumber, incident)), Cases.Opened.AddMinutes(11)));

        Assert.Equal($"incidente sem nenhuma ação nos primeiros 10 minutos; acionar {team} e solicitar prioridade", f.Detail);
        Assert.Equal([User(12)], f.Mentions); // the team's business-hours contact, who is also the CMC queue's
    }

    [Fact]
    public void BIL02_ALateFirstAction_IsNamedWithItsTime_AndAClosedCaseWithoutAnyActionIsNotJudged()
    {
        var late = Compliant with { Comments = [Compliant.Comments[0], Compliant.Comments[1] with { CreatedDate = Cases.Opened.AddMinutes(16) }] };

        Assert.Equal("primeira ação no incidente só em 02/03/2026 09:16, depois dos primeiros 10 minutos", Assert.Single(Judge("BIL-02", late, Cases.Opened.AddMinutes(20))).Detail);

        var closed = Untouched with { Status = "Fechado" };
        AssertNotJudged("BIL-02", closed, Cases.Opened.AddMinutes(20), "o status \"Fechado\" conta como caso encerrado, e o incidente não teve nenhuma ação");
    }

    [Theory]
    [InlineData("INCF0001", "Mesa Fiscal")] // the row below INC whose prefix is longer
    [InlineData("INC0048213", "Mesa de atendimento V8")]
    public void BIL02_TheLongestPrefixOfTheMatrixDecides_NotTheFirstRow(string incident, string team)
    {
        // Reproduced (in review): the first prefix in file order won, so a row "INCF" added below "INC" never matched, and the
        // fiscal desk's incidents paged the V8 desk's after-hours contact.
        var policy = SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("escalation_matrix.csv",
            t => t.TrimEnd('\n') + "\nMesa Fiscal,INCF,005SB0000000012YAA,005SB0000000012YAA,cmc,30m\n")).Policy!;
        var c = Untouched.WithFields((LogicalField.IncidentNumber, incident));

        var f = Assert.Single(new PolicyEngine(policy).Evaluate(c, Org(), Cases.Opened.AddMinutes(11)), f => f.RuleId == "BIL-02");

        Assert.Equal($"incidente sem nenhuma ação nos primeiros 10 minutos; acionar {team} e solicitar prioridade", f.Detail);
    }

    [Fact]
    public void BIL02_AndBIL03_WithoutAMatrixRowForTheIncident_AreNotJudged_AndExplainSaysWhy()
    {
        // A matrix with rows must have a * row (validation refuses one without); a matrix left empty (an org that has not filled it)
        // is accepted, and both rules stay silent on every incident, saying why.
        var policy = SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("escalation_matrix.csv",
            t => string.Join('\n', t.Split('\n').Where(l => l.StartsWith('#') || l.StartsWith("team,", StringComparison.Ordinal))))).Policy!;
        var engine = new PolicyEngine(policy);
        string Reason(string rule, CaseSnapshot c) => engine.Explain(c, Org(), At(2026, 3, 2, 22)).Single(e => e.RuleId == rule).Reason;

        foreach (var rule in new[] { "BIL-02", "BIL-03" })
        {
            Assert.Equal("nenhuma linha da matriz de escalonamento cobre o incidente RITM0001", Reason(rule, Night.WithFields((LogicalField.IncidentNumber, "RITM0001"))));
            Assert.Equal("o caso não tem número de incidente, e a matriz de escalonamento não tem linha padrão", Reason(rule, Night.WithFields((LogicalField.IncidentNumber, null))));
            Assert.Equal("o caso não tem número de incidente, e a matriz de escalonamento não tem linha padrão", Reason(rule, Night.WithFields((LogicalField.IncidentNumber, "N/A"))));
        }

        Assert.DoesNotContain(engine.Evaluate(Night.WithFields((LogicalField.IncidentNumber, "RITM0001")), Org(), At(2026, 3, 2, 22)), f => f.RuleId is "BIL-02" or "BIL-03");
    }

    [Fact]
    public void BIL03_TheAlertSaysWhenTheTeamWasCalledAndHowLongItWaited_AndAnActionAtTheDeadlineIsInTime()
    {
        var f = Assert.Single(Judge("BIL-03", Night, At(2026, 3, 2, 21, 41)));
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 21:10 e o incidente segue sem ação 30 minutos depois, fora do horário comercial; contato de plantão acionado por este aviso", f.Detail);

        var actedAtTheDeadline = Night with { Comments = [new CaseComment("Mesa V8 acionada por telefone.", false, At(2026, 3, 2, 21, 40), User(12))] };
        Assert.Empty(Judge("BIL-03", actedAtTheDeadline, At(2026, 3, 2, 22)));

        // Waiting without action: judged again just past the deadline; once acted on, not again.
        Assert.Equal(At(2026, 3, 2, 21, 40).AddMilliseconds(1), NextChange(Night, At(2026, 3, 2, 21, 20)));
    }

    [Fact]
    public void BIL03_InBusinessHours_IsNotTheAfterHoursChain() =>
        Assert.Equal("o prazo da primeira ação (02/03/2026 09:10) e a espera de 30 minutos depois dele caem dentro do horário comercial",
            Reason("BIL-03", Untouched, Cases.Opened.AddMinutes(50)));

    [Fact]
    public void BIL03_ADeadlineAtTheEndOfTheDay_WhoseWaitRunsIntoTheNight_CallsTheAfterHoursContact()
    {
        // Reproduced: opened 17:49, BIL-02's deadline at 17:59 fell inside the hours, so BIL-03 never applied; BIL-02's
        // reminders after 18:00 carry no mentions, and nobody was called all night.
        var evening = Untouched with { CreatedDate = At(2026, 3, 2, 17, 49) };

        Assert.Empty(Judge("BIL-03", evening, At(2026, 3, 2, 18, 29)));
        var f = Assert.Single(Judge("BIL-03", evening, At(2026, 3, 2, 18, 30)));
        Assert.Equal([User(11)], f.Mentions); // Rodrigo Calil, after hours
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 17:59 e o incidente segue sem ação 30 minutos depois, fora do horário comercial; contato de plantão acionado por este aviso", f.Detail);
        // The next morning: the deadline was within the hours, its wait was not (it read "vencido em 17:59, fora do horário comercial").
        var morning = Assert.Single(Judge("BIL-03", evening, At(2026, 3, 3, 8, 30)));
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 17:59, com a espera de 30 minutos fora do horário comercial, e o incidente segue sem ação " +
                     "desde 02/03/2026 18:29; já no horário comercial, acionar Mesa de atendimento V8", morning.Detail);
    }

    [Fact]
    public void BIL03_AnIncidentOfTheEarlyMorning_LeftWithoutActionUntilTheHoursOpen_CallsTheTeam_NotTheOnCallContact()
    {
        // Reproduced: opened 07:45, BIL-02's deadline at 07:55 posted without mentions (before the hours); at 08:26, the
        // team at work, BIL-03 called the on-call contact and said the V8 desk "foi acionado em 07:55", which nobody had done.
        var early = Untouched with { CreatedDate = At(2026, 3, 2, 7, 45) };

        var f = Assert.Single(Judge("BIL-03", early, At(2026, 3, 2, 8, 26)));

        Assert.Equal([User(12)], f.Mentions); // the matrix's business-hours contact
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 07:55, fora do horário comercial, e o incidente segue sem ação 30 minutos depois, já no horário comercial; "
            + "acionar Mesa de atendimento V8", f.Detail);
        Assert.DoesNotContain("foi acionado", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BIL03_StillWithoutActionWhenTheHoursChange_CallsWhoeverAnswersNow()
    {
        // Reproduced: a reminder at 08:30 about an incident untouched since the night mentioned the on-call contact again,
        // with the team at work; one at 20:00 about a morning incident mentioned the team, gone home.
        var night = Untouched with { CreatedDate = At(2026, 3, 2, 21) };
        var morning = Assert.Single(Judge("BIL-03", night, At(2026, 3, 3, 8, 30)));
        Assert.Equal([User(12)], morning.Mentions);
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 21:10, fora do horário comercial, e o incidente segue sem ação desde 02/03/2026 21:40; "
            + "já no horário comercial, acionar Mesa de atendimento V8", morning.Detail);
        Assert.Equal(Assert.Single(Judge("BIL-03", night, At(2026, 3, 2, 21, 41))).BreachKey, morning.BreachKey); // the same breach, not a new one

        var early = Untouched with { CreatedDate = At(2026, 3, 2, 7, 45) };
        var evening = Assert.Single(Judge("BIL-03", early, At(2026, 3, 2, 20)));
        Assert.Equal([User(11)], evening.Mentions);
        Assert.Equal("prazo da primeira ação vencido em 02/03/2026 07:55 e o incidente segue sem ação desde 02/03/2026 08:25; de novo fora do horário comercial, "
            + "contato de plantão acionado por este aviso", evening.Detail);
    }

    /// <summary>
    /// A support case opened at 09:00 in the N1 queue, answered there at 09:05, and moved to the CMC's queue at 09:40
    /// without an incident number: a billing case by packs.csv's queue row, the CMC's from 09:40.
    /// </summary>
    private static CaseSnapshot MovedToTheCmc => Untouched.WithFields((LogicalField.IncidentNumber, null)) with
    {
        RecordType = "Suporte", Origin = "Telefone", OwnerId = Queue("CMC_Faturamento"), CreatedById = User(3),
        Comments = [new CaseComment("Olá Carlos, recebemos sua solicitação e vamos encaminhar ao time de faturamento.", true, Cases.Opened.AddMinutes(5), User(3))],
        History = [FieldChange.Owner(Queue("N1_Filiais"), Queue("CMC_Faturamento"), Cases.Opened.AddMinutes(40), User(3))],
    };

    [Fact]
    public void BIL01_02_04_05_ACaseThatCameToTheCmcLater_IsTheCmcsFromItsArrival()
    {
        // Reproduced: judged at its arrival, BIL-02 said "incidente sem nenhuma ação nos primeiros 10 minutos", BIL-05 that
        // it had no incident number 30 minutes after opening, and BIL-01 took the N1 agent's answer for the CMC's first message.
        var c = MovedToTheCmc;
        Assert.Equal("billing", new PolicyEngine(Scenario.Policy).PackOf(c, Org()));

        Assert.DoesNotContain(Judge(c, Cases.Opened.AddMinutes(49)), f => f.RuleId.StartsWith("BIL-", StringComparison.Ordinal));
        var late = Judge(c, Cases.Opened.AddMinutes(51));
        Assert.Equal(Cases.Opened.AddMinutes(50), Assert.Single(late, f => f.RuleId == "BIL-02").DueAt); // 10 minutes after its arrival
        Assert.DoesNotContain(late, f => f.RuleId is "BIL-01" or "BIL-04" or "BIL-05");
        Assert.Equal(Cases.Opened.AddMinutes(70), Assert.Single(Judge(c, Cases.Opened.AddMinutes(71)), f => f.RuleId == "BIL-05").DueAt);
    }

    [Fact]
    public void BIL01_ACaseTheCmcHadFromItsCreation_KeepsAMessageLoggedJustBeforeIt()
    {
        // The greeting in the group at 08:58, the case opened at 09:00, the update at 09:05 promising 30 minutes: the update
        // is not the first message, so it is due at 09:35, not 15 minutes after 09:05.
        var c = Untouched with
        {
            Comments =
            [
                new CaseComment(Cases.Billing().Comments[0].Body, true, Cases.Opened.AddMinutes(-2), User(12)),
                new CaseComment("Carlos, seguimos com o time responsável. Faremos novo contato em até 30 minutos.", true, Cases.Opened.AddMinutes(5), User(12)),
            ],
        };

        Assert.Empty(Judge("BIL-01", c, Cases.Opened.AddMinutes(21)));
        Assert.Equal(Cases.Opened.AddMinutes(35), Assert.Single(Judge("BIL-01", c, Cases.Opened.AddMinutes(36))).DueAt);
    }

    [Fact]
    public void BIL01_NamesTheLastUpdate_AndWaitsForTheFirstOne()
    {
        Assert.Equal("o retorno ao cliente de 02/03/2026 09:50 prometeu novo contato em até 15 minutos", Assert.Single(Judge("BIL-01", Promising, Cases.Opened.AddMinutes(66))).Detail);
        Assert.Equal("ainda não houve o primeiro retorno ao cliente", Reason("BIL-01", Untouched, Cases.Opened.AddMinutes(66)));
    }

    [Fact]
    public void BIL05_TheClockStopsWhileTheCaseAwaitsTheCustomer()
    {
        // Reproduced: the CMC asked the customer for the incident number at 09:05 ("Entraremos em contato no privado… Gentileza
        // aguardar") and set the case to await them; at 09:31 the coordinator was told the analyst had left it without one.
        var waiting = Compliant.WithFields((LogicalField.IncidentNumber, null)) with
        {
            Status = "Aguardando Cliente",
            History = [FieldChange.Status("Em Atendimento", "Aguardando Cliente", Cases.Opened.AddMinutes(5), User(12))],
        };
        var answered = waiting with
        {
            Status = "Em Atendimento",
            History = [.. waiting.History, FieldChange.Status("Aguardando Cliente", "Em Atendimento", Cases.Opened.AddMinutes(40), User(12))],
        };

        Assert.Empty(Judge("BIL-05", waiting, Cases.Opened.AddMinutes(90)));
        Assert.Empty(Judge("BIL-05", answered, Cases.Opened.AddMinutes(65))); // 5 minutes before the wait and 25 after it
        Assert.Equal(Cases.Opened.AddMinutes(65), Assert.Single(Judge("BIL-05", answered, Cases.Opened.AddMinutes(66))).DueAt);
    }

    [Fact]
    public void BIL05_NamesTheMissingIncidentNumber_AndACaseWithOneSaysWhichItHas()
    {
        var f = Assert.Single(Judge("BIL-05", Compliant.WithFields((LogicalField.IncidentNumber, null)), Cases.Opened.AddMinutes(31)));

        Assert.Equal("caso de faturamento sem o número do incidente 30 minutos após a abertura", f.Detail);
        Assert.Equal([User(12)], f.Mentions); // the CMC coordinator, also the CMC queue's contact
        Assert.Equal("o caso já tem o número do incidente (INC0048213)", Reason("BIL-05", Compliant, Cases.Opened.AddMinutes(31)));
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("-")]
    [InlineData("pendente")]
    [InlineData("000")]
    [InlineData("aguardando cliente")]
    public void BIL05_AFieldFilledWithoutANumber_IsStillMissing_AndTheTextQuotesIt(string filler)
    {
        var f = Assert.Single(Judge("BIL-05", Compliant.WithFields((LogicalField.IncidentNumber, filler)), Cases.Opened.AddMinutes(31)));

        Assert.Equal(FindingKind.MissingField, f.Kind);
        Assert.Equal($"caso de faturamento sem o número do incidente 30 minutos após a abertura (o campo diz \"{filler}\", que não é um número)", f.Detail);
    }

    [Theory]
    [InlineData("INC0048213")]
    [InlineData("48213")]
    [InlineData("RITM0010")]
    public void BIL05_AnyNumberTheTeamsUse_IsAnIncidentNumber(string number)
    {
        Assert.Empty(Judge("BIL-05", Compliant.WithFields((LogicalField.IncidentNumber, number)), Cases.Opened.AddMinutes(31)));
    }

    private const string Update = "Carlos, as ações estão em curso e as atualizações serão enviadas no privado. Seguimos monitorando junto ao time responsável e a validação final será informada aqui no grupo.";

    [Fact]
    public void BIL04_TheFindingNamesTheMessageAndItsProblems_AndMentionsItsAuthorAndTheCoordinator()
    {
        var byLucia = Compliant with { Comments = [Compliant.Comments[1], new CaseComment("Carlos, devemos estar retornando em instantes.", true, Cases.Opened.AddMinutes(3), User(10))] };

        var f = Assert.Single(Judge("BIL-04", byLucia, Cases.Opened.AddMinutes(10)));

        Assert.Equal("mensagem ao cliente de 02/03/2026 09:03 fora do padrão: gerundismo (\"devemos estar retornando\")", f.Detail);
        Assert.Equal([User(10), User(12)], f.Mentions);
    }

    [Fact]
    public void BIL04_AnInactiveAuthorOfAMessageWithoutProblems_IsNoGapOfTheNextMessagesFinding()
    {
        var users = SampleUsers().Select(u => u.Id == User(10) ? u with { IsActive = false } : u).ToList();
        var c = Compliant with
        {
            Comments =
            [
                Compliant.Comments[1], new CaseComment(Update, true, Cases.Opened.AddMinutes(3), User(10)),
                new CaseComment("Carlos, devemos estar retornando em instantes.", true, Cases.Opened.AddMinutes(20), User(12)),
            ],
        };

        var f = Assert.Single(Judge("BIL-04", c, Cases.Opened.AddMinutes(30), Org(users: users)));

        Assert.Equal("mensagem ao cliente de 02/03/2026 09:20 fora do padrão: gerundismo (\"devemos estar retornando\")", f.Detail);
        Assert.Empty(f.MentionGaps);
    }

    [Fact]
    public void BIL04_AFarMessage_IsNamedAsSuch_AndWithoutAnyApprovedMessagesNothingIsFar()
    {
        var far = Said(("blz, ja vi aqui, ja te falo", Cases.Opened.AddMinutes(3)));

        var f = Assert.Single(Judge("BIL-04", far, Cases.Opened.AddMinutes(10)));
        Assert.Equal("mensagem ao cliente de 02/03/2026 09:03 distante das mensagens aprovadas; revisar se reflete o padrão do cliente", f.Detail);
        Assert.EndsWith(":far", f.BreachKey, StringComparison.Ordinal);

        var none = MappingLoader.Load(MappingsCopy.With("approved_messages.csv",
            t => string.Join('\n', t.Split('\n').Where(l => l.StartsWith('#') || l.StartsWith("id,", StringComparison.Ordinal))))).Policy!;
        Assert.DoesNotContain(new PolicyEngine(none).Evaluate(far, Org(), Cases.Opened.AddMinutes(10)), x => x.RuleId == "BIL-04");
    }

    [Fact]
    public void BIL04_TheSameTextFiveMinutesLater_IsStillOneMessage_AMinuteMoreIsASecondAnswer()
    {
        Assert.Empty(Judge("BIL-04", Said((Update, Cases.Opened.AddMinutes(20)), (Update, Cases.Opened.AddMinutes(25))), Cases.Opened.AddMinutes(40)));
        Assert.Contains("a mesma mensagem padrão (retorno-1)",
            Assert.Single(Judge("BIL-04", Said((Update, Cases.Opened.AddMinutes(20)), (Update, Cases.Opened.AddMinutes(26))), Cases.Opened.AddMinutes(40))).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BIL04_AMessageIsJudgedFromTheInstantItWasSent_NotBefore()
    {
        var gerund = Said(("Carlos, devemos estar retornando em instantes.", Cases.Opened.AddMinutes(20)));

        Assert.Empty(Judge("BIL-04", gerund, Cases.Opened.AddMinutes(19)));
        Assert.Single(Judge("BIL-04", gerund, Cases.Opened.AddMinutes(20)));
    }

    [Fact]
    public void AnActionAtTheInstantTheCaseWasOpened_IsItsFirstAction()
    {
        var actedAtOnce = Untouched with { Comments = [new CaseComment("Mesa V8 acionada por telefone.", false, Cases.Opened, User(12))] };
        var nightActedAtOnce = Night with { Comments = [new CaseComment("Mesa V8 acionada por telefone.", false, Night.CreatedDate, User(12))] };

        Assert.Empty(Judge("BIL-02", actedAtOnce, Cases.Opened.AddMinutes(11)));
        Assert.Empty(Judge("BIL-03", nightActedAtOnce, At(2026, 3, 2, 21, 41)));
    }

    [Fact]
    public void BIL01_AnUpdateSentAtTheInstantOfJudging_IsTheLastUpdate()
    {
        var c = Promising with { Comments = [.. Promising.Comments, new CaseComment("Carlos, seguimos com o time responsável.", true, Cases.Opened.AddMinutes(66), User(12))] };

        Assert.False(Assert.Single(Judge("BIL-01", Promising, Cases.Opened.AddMinutes(66))).Settled);
        Assert.True(Assert.Single(Judge("BIL-01", c, Cases.Opened.AddMinutes(66))).Settled); // answered, a minute late: on record
    }

    [Fact]
    public void BIL03_ActedOnInTime_IsNotJudgedAgainAtTheAfterHoursDeadline()
    {
        var acted = Night with { Comments = [new CaseComment("Mesa V8 acionada por telefone.", false, At(2026, 3, 2, 21, 20), User(12))] };

        Assert.NotEqual(At(2026, 3, 2, 21, 40).AddMilliseconds(1), NextChange(acted, At(2026, 3, 2, 21, 25)));
    }
}
