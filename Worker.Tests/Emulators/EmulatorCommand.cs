using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Emulators;

/// <summary>
/// <c>emulator [--port N] [--snapshot DIR] [--public-key PEM] [--client-id ID] [--api-max N]</c>: runs the Salesforce
/// emulator on 127.0.0.1 until SIGINT/SIGTERM. Any client id and secret pass the client-credentials flow; the JWT
/// flow needs the public key of the signing key.
/// </summary>
public static class EmulatorCommand
{
    private const string Usage = "usage: emulator [--port N] [--snapshot DIR] [--public-key PEM] [--client-id ID] [--api-max N]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "emulator")
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = new EmulatorOptions { LogRequests = true };
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
                    options = options with { Port = port };
                    break;
                case "--snapshot" when value is not null:
                    options = options with { SnapshotPath = value };
                    break;
                case "--public-key" when value is not null:
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(await File.ReadAllTextAsync(value));
                    options = options with { JwtPublicKey = rsa };
                    break;
                case "--client-id" when value is not null:
                    options = options with { JwtClientId = value };
                    break;
                case "--api-max" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var max):
                    options = options with { DailyApiMax = max };
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown or incomplete option '{args[i]}'\n{Usage}");
                    return 2;
            }

            i++;
        }

        await using var emulator = await SalesforceEmulator.StartAsync(options);
        var stop = new TaskCompletionSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        var counts = string.Join(", ", new[] { "Case", "User", "Group" }.Select(o => $"{emulator.Org.Count(o)} {o}"));
        Console.WriteLine($"Salesforce emulator listening on {emulator.BaseUrl} ({counts}); Ctrl+C stops it");
        Console.WriteLine($"  --Salesforce:LoginUrl={emulator.BaseUrl} --Salesforce:ClientId=any --Salesforce:ClientSecret=any");
        await stop.Task;
        return 0;
    }
}
