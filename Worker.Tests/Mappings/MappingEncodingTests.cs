using System.Text;
using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Mappings;

/// <summary>Mapping files are UTF-8 (with or without BOM) or UTF-16 after its BOM; anything else is one located problem, never mojibake.</summary>
public sealed class MappingEncodingTests : IDisposable
{
    private readonly string _folder = MappingsCopy.With("templates.csv", text => text);

    private string Templates => Path.Combine(_folder, "templates.csv");

    /// <summary>templates.csv as Excel's "CSV (Comma delimited)" saves it on a Portuguese Windows: Windows-1252.</summary>
    private (int Line, int Column) SaveTemplatesAsWindows1252()
    {
        var text = File.ReadAllText(Templates);
        File.WriteAllBytes(Templates, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Any(c => c > 0x7F));
        return (line + 1, lines[line].IndexOf(lines[line].First(c => c > 0x7F), StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void Load_TemplatesSavedAsWindows1252_IsOneProblemAtTheFirstForeignByte()
    {
        var (line, column) = SaveTemplatesAsWindows1252();

        var result = MappingLoader.Load(_folder);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((21, 35), (line, column)); // "Atenção": ç is byte E7
        Assert.StartsWith($"templates.csv:{line}:{column}: is not UTF-8: byte 0xE7 ('ç' in Windows-1252", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("save the file as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ForeignByteAfterAUtf8Bom_CountsCharactersNotBytes()
    {
        // A UTF-8 file with one pasted line in Windows-1252: "Até já" before the bad byte is 6 characters but 8 bytes.
        File.WriteAllBytes(Templates, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(Templates), .. Encoding.UTF8.GetBytes("x,*,\"Até já Aten"), 0xE7, 0xE3, .. "o\",alert\n"u8]);
        var lines = File.ReadAllLines(Templates, Encoding.UTF8).Length;

        var error = Assert.Single(MappingLoader.Load(_folder).Errors);

        Assert.StartsWith($"templates.csv:{lines}:17: is not UTF-8: byte 0xE7", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Utf8WithBom_LoadsTheFirstColumnByItsName()
    {
        File.WriteAllBytes(Templates, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(Templates)]);

        var result = MappingLoader.Load(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Policy!.Templates, t => t.Id == "sla-2" && t.Text.Contains("Atenção", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_Utf16WithBom_IsAccepted(bool bigEndian)
    {
        var text = File.ReadAllText(Templates);
        File.WriteAllText(Templates, text, new UnicodeEncoding(bigEndian, byteOrderMark: true));

        var result = MappingLoader.Load(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Policy!.Templates, t => t.Id == "sla-2" && t.Text.Contains("Atenção", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Utf16WithoutBom_IsRefusedAsSuch()
    {
        File.WriteAllBytes(Templates, Encoding.Unicode.GetBytes(File.ReadAllText(Templates)));

        var error = Assert.Single(MappingLoader.Load(_folder).Errors);

        Assert.Equal("templates.csv:1: holds NUL bytes: it looks like UTF-16 without a byte order mark; save the file as UTF-8 (Excel: \"CSV UTF-8 (Comma delimited)\")",
            error.ToString());
    }

    [Fact]
    public async Task ValidateMappings_Windows1252Templates_ExitsThreeWithOneLinePerProblem()
    {
        var (line, column) = SaveTemplatesAsWindows1252();
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["validate-mappings", "--mappings", _folder], stderr, new StringWriter());

        Assert.Equal(3, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"templates.csv:{line}:{column}: is not UTF-8: byte 0xE7", lines[0], StringComparison.Ordinal);
        Assert.Equal($"1 problems in {_folder}; nothing was applied", lines[1]);
    }

    [Fact]
    public async Task RunOnce_Windows1252Templates_IsAConfigurationErrorExitThree()
    {
        var (line, column) = SaveTemplatesAsWindows1252();
        var stderr = new StringWriter();

        var exit = await SfBridgeApp.RunAsync(["run", "--once", "--Salesforce:LoginUrl=https://login.salesforce.com", "--Salesforce:ClientId=sfbridge",
            "--Salesforce:ClientSecret=s3cr3t", $"--Mappings:Path={_folder}", $"--State:ConnectionString=Data Source={Path.Combine(_folder, "state.db")}"], stderr, new StringWriter());

        Assert.Equal(RunOutcome.ConfigurationError, exit);
        var single = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Configuration error: Mappings:Path '{_folder}': templates.csv:{line}:{column}: is not UTF-8: byte 0xE7", single, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
