using System.Net;
using System.Net.Sockets;
using SfBridge.Hosting;
using SfBridge.Hosting.Health;

namespace SfBridge.Tests.Hosting;

/// <summary>
/// <c>health</c> when nothing healthy answers: exit 1 and one line, never 2 (Docker reserves it). The answers of a
/// running worker (0 on 200, 1 on 503) are tested through the real host in <see cref="HealthEndpointTests"/>.
/// </summary>
public sealed class HealthCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await SfBridgeApp.RunAsync(["health", .. args], stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Health_NothingListening_ExitsOneWithOneLine()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // a port nobody listens on now

        var (exit, output, error) = await RunAsync("--ready", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"unhealthy: no answer from http://127.0.0.1:{port}/health/ready: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_EndpointTurnedOff_ExitsOneSayingSo()
    {
        var (exit, _, error) = await RunAsync("--Health:Url=");

        Assert.Equal(1, exit);
        Assert.Equal("unhealthy: Health:Url is empty, so the worker serves no health endpoint (give --url to ask one elsewhere)", error.Trim());
    }

    [Fact]
    public async Task Health_NotAnHttpUrl_ExitsOne()
    {
        var (exit, _, error) = await RunAsync("--url", "ftp://127.0.0.1:21");

        Assert.Equal(1, exit);
        Assert.Equal("unhealthy: 'ftp://127.0.0.1:21' is not http://host:port", error.Trim());
    }

    [Theory]
    [InlineData("http://0.0.0.0:5380", "http://127.0.0.1:5380/health/live")]
    [InlineData("http://*:5380", "http://127.0.0.1:5380/health/live")]
    [InlineData("http://+:5380", "http://127.0.0.1:5380/health/live")]
    [InlineData("http://[::]:5380", "http://127.0.0.1:5380/health/live")]
    [InlineData("http://localhost:6000/", "http://localhost:6000/health/live")]
    public void Target_ListenEverywhereHost_IsAskedOnLoopback(string url, string expected) =>
        Assert.Equal(new Uri(expected), HealthCommand.Target(url, HealthEndpoint.LivePath));
}
