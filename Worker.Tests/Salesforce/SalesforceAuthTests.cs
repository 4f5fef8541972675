using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceAuthTests
{
    [Fact]
    public async Task JwtBearer_SignedAssertion_IsVerifiedByTheOrgAndOpensASession()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer);

        var limits = await h.Client.GetLimitsAsync(default);

        Assert.NotNull(limits.DailyApiRequests);
        Assert.Equal(1, h.Emulator.Requests.Count("token"));
        Assert.Contains(h.Logs.WithEventName("Authenticated"), e => e.Properties["Flow"].ToString() == "JwtBearer");
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task JwtBearer_AssertionSignedWithAnotherKey_IsRefusedAsAuthFailure()
    {
        using var stranger = new TestKeys();
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer, emulator: o => o with { JwtPublicKey = stranger.PublicKey });

        var ex = await Assert.ThrowsAsync<SalesforceAuthException>(() => h.Client.GetLimitsAsync(default));

        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Equal(0, h.Emulator.Requests.Count("limits"));
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task JwtBearer_UserNotPreAuthorised_ReportsSalesforcesReason()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer,
            emulator: o => o with { JwtUsernames = new HashSet<string> { "outro@sfbridge.example" } });

        var ex = await Assert.ThrowsAsync<SalesforceAuthException>(() => h.Client.GetLimitsAsync(default));

        Assert.Contains("user hasn't approved this consumer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JwtAssertion_Claims_FollowTheBearerFlowContract()
    {
        using var keys = new TestKeys();
        var now = SalesforceHarness.Start;

        var jwt = JwtAssertion.Create("client-id", "user@example.com", "https://login.salesforce.com", keys.Rsa, now);

        var parts = jwt.Split('.');
        var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(Pad(parts[1]))).RootElement;
        Assert.Equal("client-id", claims.GetProperty("iss").GetString());
        Assert.Equal("user@example.com", claims.GetProperty("sub").GetString());
        Assert.Equal("https://login.salesforce.com", claims.GetProperty("aud").GetString());
        Assert.Equal(now.AddMinutes(3).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64()); // seconds, not milliseconds
        Assert.True(keys.PublicKey.VerifyData(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Convert.FromBase64String(Pad(parts[2])), System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("https://login.salesforce.com", null, "https://login.salesforce.com")]
    [InlineData("https://test.salesforce.com/", null, "https://test.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com", null, "https://login.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com", "https://test.salesforce.com", "https://test.salesforce.com")]
    public void Audience_LoginUrlAndOverride_IsTheAuthorisationServer(string loginUrl, string? configured, string expected)
    {
        var options = new SalesforceOptions { LoginUrl = loginUrl, JwtAudience = configured };

        Assert.Equal(expected, SalesforceTokenProvider.Audience(options));
    }

    [Fact]
    public async Task ClientCredentials_ManyCalls_ReuseOneCachedToken()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.ClientCredentials);

        await h.Client.GetLimitsAsync(default);
        await h.Client.GetLimitsAsync(default);
        await h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case"), default);

        Assert.Equal(1, h.Emulator.Requests.Count("token"));
        Assert.Equal(3, h.Emulator.Requests.ApiCalls);
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task Token_OlderThanTokenLifetime_IsRenewedBeforeUse()
    {
        await using var h = await SalesforceHarness.StartAsync(settings: new Dictionary<string, string?> { ["Salesforce:TokenLifetime"] = "00:30:00" });

        await h.Client.GetLimitsAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(31));
        await h.Client.GetLimitsAsync(default);

        Assert.Equal(2, h.Emulator.Requests.Count("token"));
        Assert.DoesNotContain(h.Emulator.Requests.All, r => r.Status == 401);
    }

    [Fact]
    public async Task DataCalls_GoToTheInstanceUrlFromTheTokenResponse()
    {
        await using var h = await SalesforceHarness.StartAsync();
        await using var other = await SalesforceHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            // Log in through "localhost" while the token response names 127.0.0.1: data calls must follow instance_url.
            ["Salesforce:LoginUrl"] = h.Emulator.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
        });

        await other.Client.GetLimitsAsync(default);

        var token = Assert.Single(h.Emulator.Requests.All, r => r.Endpoint == "token");
        var data = Assert.Single(h.Emulator.Requests.All, r => r.Endpoint == "limits");
        Assert.StartsWith("localhost:", token.Host, StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:", data.Host, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredSession_IsRenewedOnceAndTheRequestReplayed()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer);
        await h.Client.GetLimitsAsync(default);
        h.Emulator.ExpireSessions();

        await h.Client.GetLimitsAsync(default);

        Assert.Equal(2, h.Emulator.Requests.Count("token"));
        Assert.Equal([200, 401, 200], h.Emulator.Requests.All.Where(r => r.Endpoint == "limits").Select(r => r.Status));
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task SessionRejectedAgainAfterRenewal_FailsWithAuthExceptionInsteadOfLooping()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.SessionExpired, "limits", Times: 2));

        var ex = await Assert.ThrowsAsync<SalesforceAuthException>(() => h.Client.GetLimitsAsync(default));

        Assert.Equal("INVALID_SESSION_ID", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
        Assert.Equal(2, h.Emulator.Requests.Count("token"));
        Assert.Equal(2, h.Emulator.Requests.Count("limits"));
    }

    [Fact]
    public async Task ConcurrentCallsWithExpiredSession_RenewTheSessionOnlyOnce()
    {
        await using var h = await SalesforceHarness.StartAsync();
        await h.Client.GetLimitsAsync(default);
        h.Emulator.ExpireSessions();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => h.Client.GetLimitsAsync(default)));

        Assert.Equal(2, h.Emulator.Requests.Count("token"));
    }

    [Fact]
    public async Task UnreadablePrivateKey_FailsWithThePathButNotTheContent()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer);
        // Read (and validated) as the client and the token provider read them, before the key file goes bad under the running worker.
        var options = h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SalesforceOptions>>().Value;
        _ = h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SalesforceOptions>>().CurrentValue;
        await File.WriteAllTextAsync(options.PrivateKeyPath!, "-----BEGIN PRIVATE KEY-----\nnot-a-key-SECRETISH\n-----END PRIVATE KEY-----\n");

        var ex = await Assert.ThrowsAsync<SalesforceAuthException>(() => h.Client.GetLimitsAsync(default));

        Assert.Equal("INVALID_PRIVATE_KEY", ex.ErrorCode);
        Assert.Contains(options.PrivateKeyPath!, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETISH", ex.ToString(), StringComparison.Ordinal);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
