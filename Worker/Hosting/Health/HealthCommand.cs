using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace SfBridge.Hosting.Health;

/// <summary>
/// <c>health [--url URL] [--ready]</c>: asks the running worker's /health/live (or /health/ready) and prints one line.
/// It is the container's HEALTHCHECK (the image has no curl): exit 0 when the endpoint answers 200, 1 for anything
/// else (503, no answer, endpoint off), never 2, which Docker reserves.
/// </summary>
internal static class HealthCommand
{
    public const int Healthy = 0;
    public const int Unhealthy = 1;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(CommandLine command, TextWriter stdout, TextWriter stderr)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(command.ConfigurationArgs.ToArray())
            .Build();
        var url = command.Options.GetValueOrDefault("url") ?? configuration[$"{HealthOptions.SectionName}:Url"] ?? HealthOptions.DefaultUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            await stderr.WriteLineAsync("unhealthy: Health:Url is empty, so the worker serves no health endpoint (give --url to ask one elsewhere)");
            return Unhealthy;
        }

        if (Target(url, command.Options.ContainsKey("ready") ? HealthEndpoint.ReadyPath : HealthEndpoint.LivePath) is not { } target)
        {
            await stderr.WriteLineAsync($"unhealthy: '{url}' is not http://host:port");
            return Unhealthy;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            var body = await response.Content.ReadAsStringAsync();
            var code = (int)response.StatusCode;
            if (code == StatusCodes.Status200OK)
            {
                await stdout.WriteLineAsync($"healthy: {target} answered 200 {Summary(body, failingOnly: false)}".TrimEnd());
                return Healthy;
            }

            await stderr.WriteLineAsync($"unhealthy: {target} answered {code} {Summary(body, failingOnly: true)}".TrimEnd());
        }
        catch (HttpRequestException ex)
        {
            await stderr.WriteLineAsync($"unhealthy: no answer from {target}: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            await stderr.WriteLineAsync($"unhealthy: no answer from {target} within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }

        return Unhealthy;
    }

    /// <summary>The URL to ask: a listen-everywhere host (0.0.0.0, *, +, [::]) is asked on loopback.</summary>
    internal static Uri? Target(string url, string path)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url.Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        var host = address.Host is "0.0.0.0" or "*" or "+" or "[::]" ? "127.0.0.1" : address.Host;
        return string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase) && address.Port > 0 &&
               Uri.TryCreate($"http://{host}:{address.Port.ToString(CultureInfo.InvariantCulture)}{path}", UriKind.Absolute, out var uri)
            ? uri
            : null;
    }

    /// <summary>The overall status, and the checks that are not healthy with their reasons, on one line.</summary>
    private static string Summary(string body, bool failingOnly)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var status = json.RootElement.GetProperty("status").GetString();
            var failing = json.RootElement.TryGetProperty("checks", out var checks)
                ? checks.EnumerateObject()
                    .Where(c => c.Value.GetProperty("status").GetString() != "Healthy")
                    .Select(c => $"{c.Name} {c.Value.GetProperty("status").GetString()}: {c.Value.GetProperty("description").GetString()}")
                    .ToList()
                : [];
            var line = failing.Count == 0 || (!failingOnly && status == "Healthy") ? status : $"{status}; {string.Join("; ", failing)}";
            return (line ?? "").ReplaceLineEndings(" ");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "(not a SfBridge health report)";
        }
    }
}
