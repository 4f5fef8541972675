namespace SfBridge.Salesforce;

/// <summary>Plain http is accepted only towards loopback (an emulator on this host); everything else must be https.</summary>
public static class SecureUrl
{
    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
