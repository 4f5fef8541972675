using System.Security.Cryptography;

namespace SfBridge.Salesforce;

/// <summary>
/// The PEM file of the JWT bearer flow: it must hold the RSA <em>private</em> key (PKCS#1 or PKCS#8, unencrypted). A public
/// key or a certificate imports without complaint and fails only when signing, so it is told apart here, at start-up.
/// Problems never quote the file's content or the parser's message (which may echo what it could not read).
/// </summary>
internal static class PrivateKeyFile
{
    /// <summary>The RSA key with its private part; throws <see cref="CryptographicException"/> with <see cref="Problem"/>'s wording otherwise.</summary>
    public static RSA Load(string path)
    {
        var text = File.ReadAllText(path);
        if (Problem(text) is { } problem)
        {
            throw new CryptographicException(problem);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(text);
        return rsa;
    }

    /// <summary>Why the file cannot sign the JWT, or null when it holds a usable RSA private key.</summary>
    public static string? Problem(string pem)
    {
        if (pem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal) || pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            return "holds an encrypted private key; SfBridge needs it unencrypted (openssl pkcs8 -topk8 -nocrypt -in KEY -out sfbridge.key)";
        }

        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return "holds a certificate, not the private key: give the RSA private key whose certificate is uploaded to the connected app";
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return "holds no readable RSA private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)";
        }

        try
        {
            rsa.ExportParameters(includePrivateParameters: true);
            return null;
        }
        catch (CryptographicException)
        {
            // ImportFromPem takes a public key (or a certificate's) as readily as a private one.
            return "holds a public key, not the private key: give the RSA private key whose certificate is uploaded to the connected app";
        }
    }
}
