using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SfBridge.Tests.Emulators.Salesforce;

public sealed partial class SalesforceEmulator
{
    /// <summary>Counting, fault injection, session check and API accounting, in the order the org applies them.</summary>
    private async Task PipelineAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var endpoint = EndpointOf(request);
        var isData = endpoint is not ("token" or "versions");
        // Logged before the response leaves, so a client that got its answer always finds its request counted.
        var logged = 0;
        void Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                Requests.Add(new ReceivedRequest(request.Method, request.Host.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "", endpoint,
                    request.Headers["Sforce-Query-Options"].FirstOrDefault(), request.Headers["Sforce-Auto-Assign"].FirstOrDefault(),
                    context.Response.StatusCode)
                {
                    ContentLength = request.ContentLength,
                    TransferEncoding = request.Headers.TransferEncoding.FirstOrDefault(),
                    SObject = context.Items.TryGetValue(LoggedObject, out var sObject) ? sObject as string : null,
                    Records = context.Items.TryGetValue(LoggedRecords, out var records) ? records as int? : null,
                });
            }
        }

        context.Response.OnStarting(() =>
        {
            Log();
            return Task.CompletedTask;
        });
        try
        {
            var fault = Faults.Take(endpoint);
            if (fault is not null && fault.Kind is not (FaultKind.ResponseLost or FaultKind.LateCompletion or FaultKind.BodyEdited) && !await ApplyFaultAsync(context, fault))
            {
                return;
            }

            if (isData)
            {
                if (Faults.CountTowardsExpiry())
                {
                    _tokens.ExpireAll();
                }

                var auth = request.Headers.Authorization.ToString();
                if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.IsValid(auth[7..]))
                {
                    await Errors(401, "INVALID_SESSION_ID", "Session expired or invalid").ExecuteAsync(context);
                    return;
                }

                var used = Interlocked.Increment(ref _apiUsed);
                context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used}/{_options.DailyApiMax}";
                if (used > _options.DailyApiMax)
                {
                    await Errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ExecuteAsync(context);
                    return;
                }
            }

            if (fault?.Kind is FaultKind.ResponseLost or FaultKind.LateCompletion)
            {
                // Serve the request for real into a buffer, then throw the answer away.
                var original = context.Response.Body;
                context.Response.Body = new MemoryStream();
                FaultInjector.Defer(fault.Kind == FaultKind.LateCompletion ? fault.Delay ?? TimeSpan.FromMinutes(1) : null);
                await next();
                FaultInjector.Defer(null);
                context.Response.Body = original;
                context.Response.Headers.Clear();
                await Errors(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable").ExecuteAsync(context);
                return;
            }

            if (fault is { Kind: FaultKind.BodyEdited, Edit: { } edit })
            {
                var original = context.Response.Body;
                using var served = new MemoryStream();
                context.Response.Body = served;
                await next();
                context.Response.Body = original;
                var body = System.Text.Encoding.UTF8.GetBytes(edit(System.Text.Encoding.UTF8.GetString(served.ToArray())));
                context.Response.ContentLength = body.Length;
                await original.WriteAsync(body, context.RequestAborted);
                return;
            }

            await next();
        }
        finally
        {
            Log(); // a request abandoned before any response (client gave up) is still counted
            if (_options.LogRequests)
            {
                Console.WriteLine($"{request.Method} {request.Path} -> {context.Response.StatusCode}");
            }
        }
    }

    /// <summary>Writes the fault's response; returns true when the request should then be served normally (slow).</summary>
    private async Task<bool> ApplyFaultAsync(HttpContext context, Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.ServiceUnavailable:
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await Errors(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable").ExecuteAsync(context);
                return false;
            case FaultKind.UnableToLockRow:
                await Errors(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: 500EM0000000001").ExecuteAsync(context);
                return false;
            case FaultKind.RequestLimitExceeded:
                await Errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ExecuteAsync(context);
                return false;
            case FaultKind.SessionExpired:
                _tokens.ExpireAll();
                return true;
            case FaultKind.MalformedJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json;charset=UTF-8";
                await context.Response.WriteAsync("{\"totalSize\":3,\"done\":false,\"records\":[{\"attributes\":{\"type\":\"Case\",\"url\":", context.RequestAborted);
                return false;
            case FaultKind.HtmlGatewayError:
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>", context.RequestAborted);
                return false;
            case FaultKind.Slow:
                try
                {
                    using var released = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                    Faults.SignalSlowStarted();
                    await Task.Delay(fault.Delay ?? Timeout.InfiniteTimeSpan, _options.Time, released.Token);
                }
                catch (OperationCanceledException)
                {
                    return false; // the client gave up
                }

                return true;
            default:
                return true;
        }
    }
}
