using System.Text.Json.Nodes;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

/// <summary>
/// Drives every path that touches a secret (both flows, renewals, refusals, retries, errors) with all logging at
/// Verbose, then checks every captured event and every exception the caller saw.
/// </summary>
public sealed class SecretHygieneTests
{
    [Theory]
    [InlineData(AuthFlow.JwtBearer)]
    [InlineData(AuthFlow.ClientCredentials)]
    public async Task FullSessionLifecycleWithFailures_NeverLogsOrThrowsASecret(AuthFlow flow)
    {
        await using var h = await SalesforceHarness.StartAsync(flow);
        var caseId = h.SeedCases(450)[0];
        var user = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Marina Costa" });
        var exceptions = new List<Exception>();

        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "token"));
        await h.Client.QueryAsync(Soql.Create($"SELECT Id, Owner.Name FROM Case"), new QueryOptions { BatchSize = 200 }).CountAsync();
        h.Emulator.Faults.ExpireSessionsAfter(1);
        await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case"), new QueryOptions { BatchSize = 200 }).CountAsync();
        await h.Client.PostFeedElementAsync(ChatterPost.For(caseId).Mention(MentionTarget.Create(user)).Text(" alerta"), default);
        await h.Client.UpdateAsync(new SObjectUpdate("Case", caseId, new Dictionary<string, object?> { ["Caso_Critico__c"] = true }), default);
        h.Emulator.Faults.Add(new Fault(FaultKind.SessionExpired, "limits", Times: 2));
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "query"));
        h.Emulator.Faults.Add(new Fault(FaultKind.HtmlGatewayError, "chatter-post"));
        await Capture(() => h.Client.GetLimitsAsync(default));
        await Capture(() => h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case"), default));
        await Capture(() => h.Client.PostFeedElementAsync(ChatterPost.For(caseId).Text("x"), default));
        await Capture(() => h.Client.QueryAsync(Soql.Create($"SELECT Nope__c FROM Case")).CountAsync().AsTask());
        h.Emulator.ExpireSessions();
        await h.Client.GetLimitsAsync(default);

        Assert.True(h.Emulator.IssuedTokens.Count >= 3);
        Assert.Equal(4, exceptions.Count);
        Assert.True(h.Logs.Events.Count > 20);
        h.AssertNoSecretsLogged();
        var secrets = h.Emulator.IssuedTokens.Append(SalesforceHarness.ClientSecret).ToList();
        Assert.DoesNotContain(exceptions, ex => secrets.Any(s => ex.ToString().Contains(s, StringComparison.Ordinal)));

        async Task Capture(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (SalesforceApiException ex)
            {
                exceptions.Add(ex);
            }
        }
    }
}
