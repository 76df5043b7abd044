using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ContactCenter.Api.Twilio.Rest;

public static class TwilioRestExtensions
{
    /// <summary>
    /// <see cref="ITwilioRestClient"/> on an IHttpClientFactory-managed HttpClient, behind (outermost first)
    /// a total timeout, the retry rules of <see cref="TwilioRetryRules"/>, a circuit breaker and a per-attempt timeout.
    /// </summary>
    public static IServiceCollection AddTwilioRestClient(this IServiceCollection services)
    {
        services.AddTwilioOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<ITwilioRestClient, TwilioRestClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("twilio-rest", static (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value.Rest;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                pipeline.AddTimeout(settings.TotalTimeout);
                if (settings.MaxRetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetryAttempts,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = settings.RetryBaseDelay,
                        MaxDelay = settings.MaxRetryDelay,
                        ShouldRetryAfterHeader = false,
                        ShouldHandle = TwilioRetryRules.ShouldRetry,
                        DelayGenerator = args => ValueTask.FromResult(
                            TwilioRetryRules.RetryAfter(args.Outcome.Result, settings.MaxRetryDelay, time.GetUtcNow())),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(10),
                });
                pipeline.AddTimeout(settings.AttemptTimeout);
            });
        return services;
    }
}
