using System.Security.Cryptography;
using System.Text;

namespace SfBridge.Mappings;

/// <summary>
/// A fingerprint of everything a stored verdict depends on besides the case and the org: every CSV file of the
/// mappings folder (name and bytes) and the build that judges (SfBridge's module version id, which changes with any
/// change of its code, and the versions of the assemblies it references: holidays, text similarity, the runtime).
/// Two processes with the same fingerprint judge a case the same way, so the verdicts and backlog entries stored by
/// one stay valid for the other; a different one means every tracked case is judged again.
/// </summary>
public static class JudgementFingerprint
{
    public static string Of(string mappingsFolder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        var self = typeof(JudgementFingerprint).Assembly;
        Add("sfbridge-judged-under 1");
        Add(self.ManifestModule.ModuleVersionId.ToString("N"));
        foreach (var reference in self.GetReferencedAssemblies().Select(a => a.FullName).Order(StringComparer.Ordinal))
        {
            Add(reference);
        }

        if (Directory.Exists(mappingsFolder))
        {
            foreach (var file in Directory.EnumerateFiles(mappingsFolder, "*.csv").Order(StringComparer.Ordinal))
            {
                Add(Path.GetFileName(file));
                try
                {
                    hash.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Add("unreadable " + e.GetType().Name); // the loader reports it; the fingerprint only has to differ
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
