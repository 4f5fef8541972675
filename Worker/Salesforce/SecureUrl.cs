namespace SfBridge.Salesforce;

/// <summary>Plain http is accepted only towards loopback (an emulator on this host); everything else must be https.</summary>
public static partial class SecureUrl
{
    /// <summary>
    /// A URL setting as a message may quote it: credentials before the host ("user:pass@") and the query ("?token=…")
    /// shown as "***", so a password written into the URL never reaches a log line or the console.
    /// </summary>
    public static string Quoted(string url) => Query().Replace(Credentials().Replace(url, "//***@"), "?***");

    [System.Text.RegularExpressions.GeneratedRegex("//[^/?#]*@")]
    private static partial System.Text.RegularExpressions.Regex Credentials();

    [System.Text.RegularExpressions.GeneratedRegex(@"\?.*$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Query();

    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
