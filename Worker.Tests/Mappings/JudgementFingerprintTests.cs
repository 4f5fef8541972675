using SfBridge.Mappings;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Mappings;

public sealed class JudgementFingerprintTests
{
    private static readonly string Shipped = Path.Combine(RepoPaths.Root, "mappings");

    [Fact]
    public void TheSameFilesInAnotherFolder_HaveTheSameFingerprint()
    {
        var copy = MappingsCopy.With("rules.csv", text => text);
        try
        {
            Assert.Equal(JudgementFingerprint.Of(Shipped), JudgementFingerprint.Of(copy));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("holidays.csv")]
    [InlineData("absences.csv")]
    [InlineData("settings.csv")]
    public void OneByteMoreInAnyFile_ChangesTheFingerprint(string file)
    {
        var copy = MappingsCopy.With(file, text => text + "\n");
        try
        {
            Assert.NotEqual(JudgementFingerprint.Of(Shipped), JudgementFingerprint.Of(copy));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void ANewFile_ChangesTheFingerprint_ARenamedOneToo()
    {
        var copy = MappingsCopy.With("rules.csv", text => text);
        try
        {
            var before = JudgementFingerprint.Of(copy);
            File.Copy(Path.Combine(copy, "holidays.csv"), Path.Combine(copy, "holidays2.csv"));
            var added = JudgementFingerprint.Of(copy);
            File.Move(Path.Combine(copy, "holidays2.csv"), Path.Combine(copy, "holidays3.csv"));

            Assert.NotEqual(before, added);
            Assert.NotEqual(added, JudgementFingerprint.Of(copy));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
