namespace SfBridge.Salesforce;

/// <summary>Plain http is accepted only towards loopback (an emulator on this host); everything else must be https.</summary>
public static class SecureUrl
{
    /// <summary>
    /// A URL setting as a message may quote it: what comes before the last "@" (credentials, "user:pass@", whatever
    /// characters the password holds) and the query ("?token=…") shown as "***", so a password written into the URL never
    /// reaches a log line or the console. The URLs quoted are the ones that failed to parse, so nothing is left to a parser.
    /// </summary>
    public static string Quoted(string url)
    {
        var from = url.IndexOf("//", StringComparison.Ordinal) is var slashes and >= 0 ? slashes + 2 : 0;
        var at = url.LastIndexOf('@');
        var shown = at >= from ? url[..from] + "***" + url[at..] : url;
        return shown.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? shown[..query] + "?***" : shown;
    }

    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
