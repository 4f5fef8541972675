using System.Net;
using System.Text.Json;
using SfBridge.Rules;
using SfBridge.Salesforce;

namespace SfBridge.Gar;

/// <summary>GAR could not answer (down, timing out, refusing): the GSO-05 audit waits for it.</summary>
public sealed class GarUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Typed client for GAR: <c>GET {Gar:BaseUrl}/orders/{orderNumber}</c> returns the order, 404 when it does not
/// exist. Behind the same resilience pipeline as Salesforce (retries for GET, timeouts, circuit breaker). Only numbers
/// <see cref="GarOrderNumber"/> accepts are sent, as one escaped path segment.
/// </summary>
public sealed class GarClient(HttpClient http)
{
    /// <param name="zone">The time zone GAR's instants without a UTC offset are local to (the mappings').</param>
    public async Task<GarOrder?> GetOrderAsync(string orderNumber, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (!GarOrderNumber.IsValid(orderNumber))
        {
            // Callers filter first (GarAuditService logs what it skips); the value is not echoed: it is case text.
            throw new ArgumentException($"Not a GAR order number: only {GarOrderNumber.Allowed}", nameof(orderNumber));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri("orders/" + Uri.EscapeDataString(orderNumber.Trim()), UriKind.Relative), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new GarUnavailableException($"GAR GET orders/{{orderNumber}} failed: {ex.GetType().Name}", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new GarUnavailableException($"GAR answered {(int)response.StatusCode} for an order lookup");
            }

            try
            {
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                var root = doc.RootElement;
                var status = SalesforceJson.WithoutNul(root.GetProperty("status").GetString() ?? throw new JsonException("status is null"));
                return new GarOrder(root.GetProperty("orderNumber").GetString() ?? orderNumber, status, Date(root, "validatedAt"), Date(root, "updatedAt"));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new GarUnavailableException("GAR answered an order lookup with malformed JSON", ex);
            }
        }

        // An empty text is no instant, as null ("validatedAt": "" for an order not validated yet).
        DateTimeOffset? Date(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 }
                ? GarInstant.TryParse(v.GetString(), zone, out var at) ? at : throw new FormatException($"{name} is not an ISO-8601 instant")
                : null;
    }
}
