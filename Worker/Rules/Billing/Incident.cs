using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

internal static partial class Incident
{
    /// <summary>
    /// The escalation-matrix row for the case's incident number (the longest prefix it starts with, else the * row). What fills the field
    /// without a number ("N/A", "pendente") is no number: it takes the * row, never a prefix it happens to start with.
    /// </summary>
    public static MatrixEntry? Matrix(RuleContext c)
    {
        var number = Number(c) ?? "";
        // The longest prefix the number starts with: a row "INCF" added below "INC" is the fiscal desk's, not the V8 desk's.
        MatrixEntry? best = null;
        foreach (var m in c.Policy.Matrix)
        {
            if (m.IncidentPrefix != "*" && number.StartsWith(m.IncidentPrefix, StringComparison.OrdinalIgnoreCase) && (best is null || m.IncidentPrefix.Length > best.IncidentPrefix.Length))
            {
                best = m;
            }
        }

        return best ?? c.Policy.Matrix.FirstOrDefault(m => m.IncidentPrefix == "*");
    }

    /// <summary>
    /// Work on the incident (BIL-02, BIL-03): every action on the case except the CMC's first message to the customer
    /// when it is the greeting that opens the conversation ("Bom dia, (cliente)! Iniciamos a análise…", seed 004):
    /// a first contact that does not open with a greeting (a call, a question to the customer) is work, and so is one
    /// that reports the team called ("Equipe responsável acionada e o incidente localizado", the manual's sixth opening).
    /// Only what was done since the case came to the CMC (<see cref="RuleContext.PackSince"/>) is the CMC's.
    /// </summary>
    public static IReadOnlyList<Interaction> Actions(RuleContext c) => c.Shared.IncidentActions ??= ActionsOf(c, c.PackSince);

    private static IReadOnlyList<Interaction> ActionsOf(RuleContext c, DateTimeOffset since)
    {
        var actions = SinceArrival(c.Activity.Actions, c, since);
        var contacts = Contacts(c);
        if (contacts.Count == 0 || contacts[0].Text is not { } text)
        {
            return actions;
        }

        if (OpeningGreeting.Of(text) is null && !OpeningGreeting.AfterAcknowledgement(text))
        {
            return actions;
        }

        var key = TextKey.Of(text);
        if (ReportsTheTeamCalled().IsMatch(key))
        {
            return actions;
        }

        // The greeting, and its copies sent within minutes (the comment and its e-mail to the customer, signed or not), are one
        // message. A handful of contacts: a scan by reference, not a hash set (an object's first identity hash is costly).
        var copies = FirstMessageAndCopies(contacts);
        var kept = new List<Interaction>(actions.Count);
        foreach (var a in actions)
        {
            if (!IsAmong(a, contacts, copies))
            {
                kept.Add(a);
            }
        }

        return kept;

        static bool IsAmong(Interaction a, IReadOnlyList<Interaction> contacts, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (ReferenceEquals(contacts[i], a))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The contacts with the customer since the case came to the CMC: one sent before, by another team, is not the CMC's first message.</summary>
    public static IReadOnlyList<Interaction> Contacts(RuleContext c) => c.Shared.IncidentContacts ??= SinceArrival(c.Activity.Contacts, c, c.PackSince);

    /// <summary>
    /// What was done since the case came to the CMC. A case the CMC had from its creation keeps everything (a chat message
    /// logged just before the case was opened is the CMC's too); one moved in later keeps what came after its arrival, less
    /// what the team that moved it did: what was saved with the move (a status changed, a handover note, by hand or by a
    /// flow running as that person) unless the org's queue members show the mover to be the CMC's, and anything later by
    /// the person who moved it when they show them not to be.
    /// </summary>
    private static IReadOnlyList<Interaction> SinceArrival(IReadOnlyList<Interaction> all, RuleContext c, DateTimeOffset since)
    {
        if (since <= c.Case.CreatedDate)
        {
            return all;
        }

        // A CMC analyst who pulled the case into the queue and worked it in the same save did the CMC's work.
        var mover = c.PackArrival.ById;
        var member = mover is null ? null : PackMember(c, mover);
        if (mover is null || member == true)
        {
            return all.Where(a => a.At >= since).ToList();
        }

        return all.Where(a => a.At >= since &&
                              !(Salesforce.SalesforceId.AreEqual(a.ById, mover) && (member == false || a.At - since <= FieldChange.SavedTogether))).ToList();
    }

    /// <summary>Whether the user is a member of one of the pack's queues: null when the org's members of those queues are unknown.</summary>
    private static bool? PackMember(RuleContext c, string userId)
    {
        bool? member = null;
        foreach (var q in PackSelector.Queues(c.Policy, c.Org, c.Pack).Where(q => c.Org.Members(q.Id).Count > 0))
        {
            if (c.Org.IsMember(q.Id, userId))
            {
                return true;
            }

            member = false;
        }

        return member;
    }

    /// <summary>
    /// How many contacts, from the first, are the first message and its copies sent within minutes (the comment and its
    /// e-mail, a resend, signed or not): 1 for a first contact without text (a call), 0 for none.
    /// </summary>
    public static int FirstMessageAndCopies(IReadOnlyList<Interaction> contacts)
    {
        if (contacts.Count == 0)
        {
            return 0;
        }

        if (contacts[0].Text is not { } text)
        {
            return 1;
        }

        var key = TextKey.Of(text);
        var count = 1;
        while (count < contacts.Count && contacts[count].At - contacts[0].At <= ResendWindow && contacts[count].Text is { } t &&
               (ReferenceEquals(t, text) || SameMessage(TextKey.Of(t), key)))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Two keys of one message: equal, or one the other with lines added before it (a salutation, "Olá,") or after it (a
    /// signature), as an e-mail copy of a comment is written; never a short greeting alone.
    /// </summary>
    public static bool SameMessage(string key, string otherKey) =>
        key == otherKey || (Math.Min(key.Length, otherKey.Length) >= 40 &&
                            (key.Contains(otherKey, StringComparison.Ordinal) || otherKey.Contains(key, StringComparison.Ordinal)));

    /// <summary>The same text again within this is one message sent twice (a comment and its e-mail copy, a resend).</summary>
    public static readonly TimeSpan ResendWindow = TimeSpan.FromMinutes(5);

    // The team responsible called, which is the work BIL-02 asks for (seed 004: "entrar em contato com o time responsável pelo
    // incidente e solicitar prioridade"), in the words agents report it, the manual's short style too: "equipe acionada", "mesa V8
    // acionada pelo CMC" (or by phone), "acionamos", "acionei", "acabamos de acionar", "a mesa acabou de ser acionada",
    // "escalonamos", "o incidente foi escalonado", "incidente escalonado para a mesa V8", "solicitada prioridade à mesa", "já
    // solicitamos prioridade (a priorização)", "entramos em contato com a equipe (a operadora, o analista responsável)", "abrimos o
    // chamado na operadora". Not what only says it may be or has not been ("será acionada", "caso seja solicitada prioridade",
    // "ainda não foi escalonado", "não acionamos"), nor an escalation the CMC received ("fomos acionados", "fui acionada pela
    // gerência", "o CMC foi acionado", "acionado pelo suporte N1", "o incidente nos foi escalonado", "recebemos o incidente
    // escalonado", "análise do incidente escalonado", "escalonado pelo usuário").
    private const string MayBe = @"(?<!\b(?:sera|serao|seja|sejam|for|forem|fosse|fossem|ser|sendo|podera|poderao|pode|devera|deverao|deve|nao|nem)\s+)(?<!\bnao\s+(?:foi|foram|esta|estao)\s+)";

    /// <summary>The CMC's own call: by the CMC or its people ("pelo CMC", "pela nossa equipe", "pelo plantão"), or through a channel ("pelo Teams", "pelo telefone").</summary>
    private const string ByUs = @"(?:\s+pel[ao]s?\s+(?:cmc|n[oó]s|noss[oa]s?|plantao|teams|telefone|whatsapp|e-?mail|chat|portal)\b)";

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:" +
        // "acionada": the team called, unless the CMC is who was called, or someone else called it (an escalation received).
        MayBe + @"(?<!\b(?:fomos|fui|foi|cmc|cmc\s+foi|cmc\s+foram|nos)\s+)acionad[oa]s?(?=" + ByUs + @"|(?!\s+pel[ao]s?\b))" +
        // "escalonado": with an auxiliary ("foi escalonado", "já escalonado") or a team it went to, by nobody but the CMC.
        @"|" + MayBe + @"(?<!\bnos\s+)(?:foi|foram|ja|ja\s+foi)\s+escalonad[oa]s?(?=" + ByUs + @"|(?!\s+(?:pel[ao]s?|para\s+(?:(?:o|a)\s+)?(?:cmc|n[oó]s|noss[oa]s?)|a\s+n[oó]s|ao\s+(?:cmc|nosso))\b))" +
        @"|" + MayBe + @"(?<!\b(?:chegou|chegaram|recebemos|recebido|recebida)\b[^.;!?\n]{0,40})escalonad[oa]s?\s+(?:para|a|ao|aos|com)\s+(?:(?:a|o|as|os)\s+)?(?:mesa|equipe|time|area|setor|v8|operadora|fornecedor|responsavel|n2|plantao|analista)\b(?!\s+(?:(?:do|da)\s+)?cmc\b)" +
        @"|" + MayBe + @"solicitad[oa]\s+(?:a\s+)?(?:prioridade|priorizacao)" +
        @"|(?:acabou|acabaram|precisou|precisaram)\s+(?:de\s+)?ser\s+(?:acionad|escalonad)[oa]s?" +
        @"|(?<!\b(?:nao|nem)\s+)(?:acionamos|acionei|acabamos\s+de\s+acionar|realizamos\s+o\s+acionamento|escalonamos|escalonei|solicit(?:amos|ei)\s+(?:a\s+)?(?:prioridade|priorizacao)" +
        @"|(?:entramos|entrei)\s+em\s+contato\s+com\s+(?:o|a)\s+(?:time|equipe|mesa|area|setor|operadora|fornecedor|analista|responsavel)" +
        @"|(?:contatamos|contatei)\s+(?:o|a)\s+(?:time|equipe|mesa|area|setor|operadora|fornecedor|analista)" +
        @"|abrimos\s+(?:o\s+|um\s+)?chamado\s+(?:na|no|com\s+a|com\s+o|junto\s+[aà])\s+(?:operadora|fornecedor|mesa|v8))" +
        @")\b")]
    private static partial System.Text.RegularExpressions.Regex ReportsTheTeamCalled();

    /// <summary>
    /// The incident number the case carries: the field's value when it has a digit other than zero (INC0048213, 48213).
    /// What agents type to fill the field without one ("N/A", "-", "pendente", "aguardando", "000") is none.
    /// </summary>
    public static string? Number(RuleContext c) => c.Case.Field(LogicalField.IncidentNumber) is { } value && value.Any(ch => ch is >= '1' and <= '9') ? value : null;

    /// <summary>The CMC analyst (the owner, when a user) and the CMC coordinator.</summary>
    public static IEnumerable<string> AnalystAndCoordinator(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:cmc_coordinator"));
}
