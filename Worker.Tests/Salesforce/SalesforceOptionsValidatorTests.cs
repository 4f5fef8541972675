using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceOptionsValidatorTests
{
    private static SalesforceOptions Valid() => new()
    {
        LoginUrl = "https://acme.my.salesforce.com",
        ClientId = "3MVG9xyz",
        ClientSecret = "secret",
    };

    public static TheoryData<string, Action<SalesforceOptions>> Broken => new()
    {
        { "Salesforce:LoginUrl is required", o => o.LoginUrl = null },
        { "Salesforce:LoginUrl 'login.salesforce.com' is not an absolute URL", o => o.LoginUrl = "login.salesforce.com" },
        { "Salesforce:LoginUrl 'http://login.salesforce.com' must use https", o => o.LoginUrl = "http://login.salesforce.com" },
        // A password written into the URL, or a token in its query, is never repeated back.
        { "Salesforce:LoginUrl 'http://***@login.salesforce.com/?***' must use https", o => o.LoginUrl = "http://admin:hunter2@login.salesforce.com/?token=abc" },
        { "Salesforce:LoginUrl 'ftp//***@x?***' is not an absolute URL", o => o.LoginUrl = "ftp//admin:hunter2@x?token=abc" },
        { "Salesforce:LoginUrl 'https://***@gar.example/' is not an absolute URL", o => o.LoginUrl = "https://svc:p#ss/w?rd@gar.example/" },
        { "Salesforce:LoginUrl '***@host:x' must use https", o => o.LoginUrl = "svc:hunter2@host:x" },
        { "Salesforce:ClientId is required", o => o.ClientId = " " },
        { "Salesforce:ClientSecret (client-credentials flow) or Salesforce:Username", o => o.ClientSecret = null },
        { "Salesforce:ClientSecret must be empty", o => o.Username = "u@example.com" },
        { "Salesforce:PrivateKeyPath is required", o => { o.ClientSecret = null; o.Username = "u@example.com"; } },
        { "Salesforce:PrivateKeyPath '/nonexistent/key.pem' does not exist", o => { o.ClientSecret = null; o.Username = "u@example.com"; o.PrivateKeyPath = "/nonexistent/key.pem"; } },
        { "Salesforce:ApiVersion '62' must look like 62.0", o => o.ApiVersion = "62" },
        { "Salesforce:QueryBatchSize must be between 200 and 2000, not 50", o => o.QueryBatchSize = 50 },
        { "Salesforce:ApiCallFloor must not be negative", o => o.ApiCallFloor = -1 },
        { "Salesforce:OrgCheckTimeout must be a positive duration", o => o.OrgCheckTimeout = TimeSpan.Zero },
        { "Salesforce:Resilience:MaxRetries must be between 0 and 10", o => o.Resilience.MaxRetries = 11 },
        { "Salesforce:Resilience:AttemptTimeout must be a positive duration", o => o.Resilience.AttemptTimeout = TimeSpan.Zero },
        { "Salesforce:Resilience:BreakerFailureRatio must be in (0, 1]", o => o.Resilience.BreakerFailureRatio = 1.5 },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenSetting_FailsNamingTheKey(string expected, Action<SalesforceOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);

        var result = new SalesforceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SecretValues_AreNeverQuoted()
    {
        var options = Valid();
        options.ClientSecret = "TOP-SECRET-VALUE";
        options.Username = "u@example.com";

        var result = new SalesforceOptionsValidator().Validate(null, options);

        Assert.DoesNotContain(result.Failures!, f => f.Contains("TOP-SECRET-VALUE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://login.salesforce.com")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:5000")]
    public void Validate_ClientCredentialsWithHttpsOrLoopback_Succeeds(string loginUrl)
    {
        var options = Valid();
        options.LoginUrl = loginUrl;

        Assert.True(new SalesforceOptionsValidator().Validate(null, options).Succeeded);
    }
}
