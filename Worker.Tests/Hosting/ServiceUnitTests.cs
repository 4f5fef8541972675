using SfBridge.Hosting;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>
/// scripts/sfbridge.service as scripts/install-service.sh installs it (DESTDIR, a folder standing for the server's
/// root): systemd accepts it, and every path it names is where the installer put the app, settings and mappings.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServiceUnitTests(InstalledService installed) : IClassFixture<InstalledService>
{
    [ToolFact("systemd-analyze")]
    public async Task Unit_AsInstalled_PassesSystemdAnalyzeVerify()
    {
        // verify resolves ExecStart= and the targets the unit pulls in under --root; give it the host's unit library.
        var library = new[] { "/usr/lib/systemd/system", "/lib/systemd/system" }.First(Directory.Exists);
        CopyTree(library, Path.Combine(installed.Root, "usr", "lib", "systemd", "system"));

        var (exit, output) = await ExternalTool.RunAsync("systemd-analyze", ["verify", "--man=no", $"--root={installed.Root}", "sfbridge.service"]);

        Assert.True(exit == 0 && output.Length == 0, $"systemd-analyze verify exited {exit}:\n{output}"); // an unknown key is only a warning
    }

    [Fact]
    public void Unit_IsANotifyServiceRestartedOnFailureButNotOnABadSetting()
    {
        var unit = installed.Unit;

        Assert.Equal("notify", unit["Type"].Single());
        Assert.Equal("on-failure", unit["Restart"].Single());
        var notRestarted = unit["RestartPreventExitStatus"].Single().Split(' ');
        Assert.Contains(RunOutcome.ConfigurationError.ToString(System.Globalization.CultureInfo.InvariantCulture), notRestarted);
        Assert.Contains(RunOutcome.UsageError.ToString(System.Globalization.CultureInfo.InvariantCulture), notRestarted);
        Assert.DoesNotContain(RunOutcome.CycleFailed.ToString(System.Globalization.CultureInfo.InvariantCulture), notRestarted);
        Assert.True(TimeSpan.FromSeconds(int.Parse(unit["TimeoutStopSec"].Single().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture)) > TimeSpan.FromSeconds(30),
            "systemd must wait longer than the host's 30 s shutdown timeout before it kills the worker");
        Assert.True(unit.ContainsKey("StartLimitBurst") && unit.ContainsKey("StartLimitIntervalSec"));
    }

    [Fact]
    public void Unit_RunsAsAnUnprivilegedUserInAReadOnlySystem()
    {
        var unit = installed.Unit;

        foreach (var key in new[] { "DynamicUser", "NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "RestrictSUIDSGID", "ProtectKernelTunables" })
        {
            Assert.Equal("yes", unit[key].Single());
        }

        Assert.Equal("strict", unit["ProtectSystem"].Single());
        Assert.Equal("", unit["CapabilityBoundingSet"].Single());
        Assert.False(unit.ContainsKey("MemoryDenyWriteExecute"), "the .NET JIT needs writable, then executable, memory");
        Assert.False(unit.ContainsKey("ProtectProc"), "ProtectProc=invisible hides systemd from .NET, which then never sends READY=1");
    }

    [Fact]
    public async Task Unit_NamesTheBinaryStateSettingsAndMappingsTheInstallerLaysOut()
    {
        var unit = installed.Unit;
        var env = unit["Environment"].Select(e => e.Trim('"').Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var stateDirectory = "/var/lib/" + unit["StateDirectory"].Single();

        var binary = unit["ExecStart"].Single().Split(' ');
        Assert.Equal(["/opt/sfbridge/SfBridge", CommandLine.Run], binary);
        Assert.True(File.GetUnixFileMode(installed.Path(binary[0])).HasFlag(UnixFileMode.OtherExecute), "ExecStart names an executable the installer put there");
        Assert.Equal(stateDirectory, unit["WorkingDirectory"].Single());
        Assert.Equal($"Data Source={stateDirectory}/sfbridge.db", env["State__ConnectionString"]); // the only writable place
        var settings = unit["EnvironmentFile"].Single();
        Assert.Equal("/etc/" + unit["ConfigurationDirectory"].Single() + "/sfbridge.env", settings);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(installed.Path(settings))); // secrets: root only
        var stderr = new StringWriter();
        var exit = await SfBridgeApp.RunAsync(["validate-mappings", "--mappings", installed.Path(env["Mappings__Path"])], stderr, new StringWriter());
        Assert.True(exit == RunOutcome.Success, stderr.ToString());
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = System.IO.Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }
}

/// <summary>scripts/install-service.sh run once into a temporary DESTDIR, with the worker as this test run built it.</summary>
public sealed class InstalledService : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("sfbridge-install-").FullName;

    /// <summary>The installed unit's keys (all sections), each with its values in order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Unit { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public string Path(string absolute) => System.IO.Path.Join(Root, absolute);

    public async Task InitializeAsync()
    {
        // The worker's own build output (framework-dependent) stands in for the self-contained publish.
        var (exit, output) = await ExternalTool.RunAsync("bash", [System.IO.Path.Combine(RepoPaths.Root, "scripts", "install-service.sh"), "--from", RepoPaths.WorkerOutput],
            new Dictionary<string, string> { ["DESTDIR"] = Root });
        Assert.True(exit == 0, $"install-service.sh exited {exit}:\n{output}");
        Unit = File.ReadAllLines(Path("/etc/systemd/system/sfbridge.service"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('['))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0], p => p[1])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToList());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
