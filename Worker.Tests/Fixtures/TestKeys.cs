using System.Security.Cryptography;

namespace SfBridge.Tests.Fixtures;

/// <summary>An RSA key pair made for one test run, written as PEM files the way an admin would deploy them.</summary>
public sealed class TestKeys : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfbridge-keys-").FullName;

    public TestKeys()
    {
        Rsa = RSA.Create(2048);
        PrivateKeyPem = Rsa.ExportPkcs8PrivateKeyPem();
        PrivateKeyPath = Path.Combine(_folder, "sfbridge.key");
        File.WriteAllText(PrivateKeyPath, PrivateKeyPem);
        PublicKey = RSA.Create();
        PublicKey.ImportFromPem(Rsa.ExportSubjectPublicKeyInfoPem());
    }

    public RSA Rsa { get; }

    public RSA PublicKey { get; }

    public string PrivateKeyPem { get; }

    public string PrivateKeyPath { get; }

    /// <summary>The base64 body of the key, which must never appear anywhere outside the file.</summary>
    public string PrivateKeyBody => PrivateKeyPem.Split('\n')[1];

    public void Dispose()
    {
        Rsa.Dispose();
        PublicKey.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
