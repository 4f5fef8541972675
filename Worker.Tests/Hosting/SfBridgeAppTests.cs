using System.Text.Json.Nodes;
using SfBridge.Hosting;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Hosting;

public sealed class SfBridgeAppTests
{
    [Fact]
    public async Task RunAsync_NoSalesforceSettings_ExitsWithOneLinePerMissingKey()
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["run", "--once"], stderr);

        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Contains(lines, l => l.StartsWith("Configuration error: Salesforce:LoginUrl is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Configuration error: Salesforce:ClientId is required", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("Configuration error: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BadStateProvider_NamesTheKey()
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["run", "--once", "--Salesforce:LoginUrl=https://login.salesforce.com",
            "--Salesforce:ClientId=x", "--Salesforce:ClientSecret=y", "--State:Provider=mongodb"], stderr);

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        Assert.Equal("Configuration error: State:Provider must be sqlite or postgres, not 'mongodb'", stderr.ToString().Trim());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("run", "--onse")]
    public async Task RunAsync_UnknownCommandOrFlag_ExitsWithUsage(params string[] args)
    {
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(args, stderr);

        Assert.Equal(RunOutcome.UsageError, exit);
        Assert.Contains("Usage: SfBridge", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_AgainstTheEmulator_ChecksTheConnectionAndExitsZero()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        emulator.Org.Insert("Case", new JsonObject { ["Subject"] = "Pedido parado", ["IsClosed"] = false });

        var exit = await SfBridgeApp.RunAsync(["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}",
            "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal"], new StringWriter());

        Assert.Equal(RunOutcome.Success, exit);
        Assert.Equal(["token", "limits", "query"], emulator.Requests.All.Select(r => r.Endpoint));
    }

    [Fact]
    public async Task RunOnce_OrgOutOfApiCalls_ExitsNonZero()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "limits"));

        var exit = await SfBridgeApp.RunAsync(["run", "--once", $"--Salesforce:LoginUrl={emulator.BaseUrl}",
            "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal"], new StringWriter());

        Assert.Equal(RunOutcome.CycleFailed, exit);
    }
}
