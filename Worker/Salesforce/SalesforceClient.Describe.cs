using System.Net;

namespace SfBridge.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary><c>GET /sobjects</c>: every object the integration user can see, with whether it may query it. One call.</summary>
    public async Task<IReadOnlyList<SObjectSummary>> DescribeGlobalAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_options.DataPath("sobjects"), UriKind.Relative), cancellationToken);
        return (await ReadJsonAsync<GlobalDescribe>(response, cancellationToken)).Sobjects;
    }

    /// <summary>
    /// <c>GET /sobjects/{object}/describe</c>: the object's fields as the integration user sees them. Null when the org has
    /// no such object or the user cannot see it (404 NOT_FOUND). One call.
    /// </summary>
    public async Task<SObjectDescribe?> DescribeAsync(string objectName, CancellationToken cancellationToken)
    {
        // An object's API name, never a path of the caller's making.
        var name = SoqlIdentifier.TryParse(objectName, out var id) && !objectName.Contains('.') ? id.Name
            : throw new ArgumentException($"'{objectName}' is not an sObject API name", nameof(objectName));
        using var response = await _http.GetAsync(new Uri(_options.DataPath($"sobjects/{name}/describe"), UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadJsonAsync<SObjectDescribe>(response, cancellationToken);
    }

    private sealed record GlobalDescribe
    {
        public IReadOnlyList<SObjectSummary> Sobjects { get; init => field = value ?? []; } = [];
    }
}
