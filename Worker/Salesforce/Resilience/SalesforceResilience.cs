using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SfBridge.Salesforce;

/// <summary>
/// The pipeline around every Salesforce data call: total timeout, retry, circuit breaker, attempt timeout.
/// Only transient failures are retried, and only for methods that cannot create a duplicate (GET, PATCH, PUT,
/// DELETE, HEAD): a POST (a Chatter post) is never replayed blindly. <c>Retry-After</c> is honoured; a delay
/// longer than <see cref="SalesforceResilienceOptions.MaxRetryAfter"/> is not waited for.
/// </summary>
internal static class SalesforceResilience
{
    /// <summary>Attempts made so far for a request: the failure that ends a call says how many it took.</summary>
    internal static readonly HttpRequestOptionsKey<int> Retries = new("SfBridge.Retries");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services) =>
        Configure(pipeline, services.GetRequiredService<IOptions<SalesforceOptions>>().Value.Resilience, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SalesforceClient>>(), "Salesforce");

    /// <summary>The same pipeline for any external HTTP API SfBridge reads (GAR uses it too); <paramref name="service"/> names it in the log.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SalesforceResilienceOptions options, TimeProvider time, ILogger logger,
        string service)
    {
        pipeline.TimeProvider = time;

        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "TotalTimeout", Timeout = options.TotalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => options.MaxRetries == 0 ? ValueTask.FromResult(false) : ShouldRetryAsync(args.Outcome, args.Context, options.MaxRetryAfter, time),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } r ? SalesforceResponse.RetryAfter(r.Headers.RetryAfter, time.GetUtcNow()) : null),
                OnRetry = args => OnRetry(logger, service, args),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "CircuitBreaker",
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = Math.Max(2, options.BreakerMinimumThroughput),
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsUnavailable(args.Outcome)),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>Token requests: retried on unavailability only (a refused grant is final).</summary>
    public static void ConfigureAuth(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SalesforceOptions>>().Value.Resilience;
        var logger = services.GetRequiredService<ILogger<SalesforceTokenProvider>>();
        pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsUnavailable(args.Outcome)),
                OnRetry = args => OnRetry(logger, "Salesforce", args),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    internal static bool IsRetrySafe(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Patch ||
        method == HttpMethod.Put || method == HttpMethod.Delete;

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider time)
    {
        var request = context.GetRequestMessage();
        if (request is null || !IsRetrySafe(request.Method))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (SalesforceResponse.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) > maxRetryAfter)
        {
            // Waiting that long inside one call would stall the cycle; the caller gets RetryAfter instead.
            return false;
        }

        if (SalesforceErrorClassifier.IsTransientStatus(response.StatusCode) || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        // UNABLE_TO_LOCK_ROW arrives as a 400; only the body tells it apart from a bad request.
        await response.Content.LoadIntoBufferAsync(context.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
        return SalesforceErrorClassifier.BodyNamesTransientCode(body);
    }

    private static bool IsUnavailable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } r && (SalesforceErrorClassifier.IsTransientStatus(r.StatusCode) || r.StatusCode == HttpStatusCode.TooManyRequests));

    /// <summary>One line per retry (Polly's own telemetry lines, with a stack trace each, are switched off), and the count kept on the request.</summary>
    private static ValueTask OnRetry(ILogger logger, string service, OnRetryArguments<HttpResponseMessage> args)
    {
        var request = args.Context.GetRequestMessage();
        request?.Options.Set(Retries, args.AttemptNumber + 1);
        SalesforceLog.Retrying(logger, service, request?.Method, request?.RequestUri?.AbsolutePath, args.RetryDelay, args.AttemptNumber + 1, Describe(args.Outcome));
        return ValueTask.CompletedTask;
    }

    /// <summary>"503 Service Unavailable" or "HttpRequestException: Connection refused (host:port)": the type and message, never a stack trace.</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex
            ? $"{ex.GetType().Name}: {ex.Message}"
            : $"{(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";
}
