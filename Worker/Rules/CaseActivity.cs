using SfBridge.Mappings;

namespace SfBridge.Rules;

/// <summary>
/// The shared definitions of "what counts as what", computed once per case and used by every rule:
/// <list type="bullet">
/// <item><b>customer contact</b>: by an agent, towards the customer: an e-mail sent to an address outside the
/// internal domains, a published comment, a completed call, an agent's message in a linked messaging session,
/// each only when its channel is one of settings.csv contact.sources;</item>
/// <item><b>action</b>: a contact, or an internal record of work by an agent (a private comment, an e-mail only to
/// internal addresses, a status change);</item>
/// <item><b>internal comment</b>: a private comment by an agent.</item>
/// </list>
/// A customer's own comment, e-mail or message is never any of these.
/// </summary>
public sealed class CaseActivity
{
    private readonly List<Interaction> _all;

    public CaseActivity(CaseSnapshot c, OrgContext org, PolicySettings settings)
    {
        _all = new List<Interaction>(c.Comments.Count + c.Emails.Count + c.Tasks.Count + c.History.Count);
        foreach (var comment in c.Comments)
        {
            if (org.IsAgent(comment.CreatedById, comment.AuthorType))
            {
                _all.Add(new Interaction(comment.CreatedDate, Interaction.Comment, comment.CreatedById, comment.Body, comment.IsPublished)
                {
                    AuthorAssumed = org.AuthorUnknown(comment.CreatedById, comment.AuthorType),
                });
            }
        }

        foreach (var email in c.Emails)
        {
            if (!email.Incoming && !email.IsDraft && email.MessageDate is { } sent && org.IsAgent(email.CreatedById))
            {
                // What the agent wrote: a reply's quoted thread (the customer's own words) is not their message.
                _all.Add(new Interaction(sent, Interaction.Email, email.CreatedById, EmailReply.OwnText(email.Body) ?? email.Subject, ReachesCustomer(email, settings))
                {
                    AuthorAssumed = org.AuthorUnknown(email.CreatedById),
                });
            }
        }

        foreach (var task in c.Tasks)
        {
            if (task.IsCompletedCall && org.IsAgent(task.ById))
            {
                _all.Add(new Interaction(task.At, Interaction.Call, task.ById, null, ToCustomer: true));
            }
        }

        foreach (var message in org.Messages(c.Id))
        {
            if (message.IsFromAgent)
            {
                _all.Add(new Interaction(message.At, Interaction.Messaging, message.ActorId, message.Text, ToCustomer: true));
            }
        }

        foreach (var change in c.Changes(FieldChange.StatusField))
        {
            if (org.IsAgent(change.ById))
            {
                _all.Add(new Interaction(change.At, Interaction.Status, change.ById, null, ToCustomer: false));
            }
        }

        _all.Sort((a, b) => a.At.CompareTo(b.At));
        var contacts = new List<Interaction>(_all.Count);
        var actions = new List<Interaction>(_all.Count);
        var internalComments = new List<Interaction>();
        var agentComments = new List<Interaction>();
        foreach (var i in _all)
        {
            var source = settings.ContactSources.Contains(i.Channel);
            if (i.ToCustomer && source)
            {
                contacts.Add(i);
            }

            if (!i.ToCustomer || source)
            {
                actions.Add(i);
            }

            if (i.Channel == Interaction.Comment)
            {
                agentComments.Add(i);
                if (!i.ToCustomer)
                {
                    internalComments.Add(i);
                }
            }
        }

        (Contacts, Actions, InternalComments, AgentComments) = (contacts, actions, internalComments, agentComments);
    }

    /// <summary>Comments written by agents, published or private, oldest first.</summary>
    public IReadOnlyList<Interaction> AgentComments { get; }

    /// <summary>Everything an agent did or wrote on the case, oldest first.</summary>
    public IReadOnlyList<Interaction> All => _all;

    /// <summary>Customer contacts by agents, oldest first.</summary>
    public IReadOnlyList<Interaction> Contacts { get; }

    /// <summary>Actions on the case by agents (contacts and internal records of work), oldest first.</summary>
    public IReadOnlyList<Interaction> Actions { get; }

    /// <summary>Private comments by agents, oldest first.</summary>
    public IReadOnlyList<Interaction> InternalComments { get; }

    /// <summary>An e-mail reaches the customer when a recipient is outside the internal domains (or no recipient is recorded).</summary>
    private static bool ReachesCustomer(CaseEmail email, PolicySettings settings)
    {
        var any = false;
        foreach (var field in (ReadOnlySpan<string?>)[email.ToAddress, email.CcAddress])
        {
            var rest = field.AsSpan();
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOfAny(';', ',');
                var recipient = (end < 0 ? rest : rest[..end]).Trim();
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (recipient.IsEmpty)
                {
                    continue;
                }

                any = true;
                if (recipient.LastIndexOf('@') is var at and >= 0 && !settings.InternalDomains.Contains(recipient[(at + 1)..].TrimEnd('>').ToString().ToLowerInvariant()))
                {
                    return true;
                }
            }
        }

        return !any;
    }
}
