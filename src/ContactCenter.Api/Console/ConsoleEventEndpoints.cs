using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ContactCenter.Api.Admin;
using ContactCenter.Api.People;
using ContactCenter.Api.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Console;

/// <summary>
/// <c>GET /console/api/events</c>: server-sent events of stored state changes (<see cref="ChangeView"/>; event type =
/// kind, id = change id), filtered for the caller. With Last-Event-ID (header, or <c>?lastEventId=</c>) the changes
/// after it are replayed from the table first, then the stream goes live from exactly where the replay ended.
/// </summary>
public static class ConsoleEventEndpoints
{
    public const string HeartbeatEvent = "heartbeat";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    private const int ReplayPage = 500;

    public static IServiceCollection AddConsoleEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<IRoomAccess, SupervisorsOnlyRoomAccess>();
        services.AddSingleton<ChangeStore>();
        services.AddSingleton<ChangeListener>();
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<ChangeFeed>());
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/console/api")
            .RequireAuthorization(AdminExtensions.Policy)
            .MapGet("/events", StreamEvents)
            .WithName("ConsoleEvents");
        return endpoints;
    }

    internal static async Task<Results<ServerSentEventsResult<ChangeView?>, ProblemHttpResult>> StreamEvents(
        HttpContext context,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        ChangeFeed feed,
        ChangeStore store,
        IRoomAccess rooms,
        IOptionsMonitor<RoutingOptions> routing,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var resumeFrom = lastEventIdHeader ?? lastEventId;
        long? after = null;
        if (!string.IsNullOrWhiteSpace(resumeFrom))
        {
            if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Last-Event-ID",
                    detail: "Last-Event-ID (or lastEventId) must be the id of an event this stream sent.");
            }

            after = parsed;
        }

        // The stream also ends when the host stops, not only when the page goes.
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stopping);
        var subscription = await feed.SubscribeAsync(stopping.Token);
        context.Response.RegisterForDispose(subscription);
        var audience = new ChangeAudience(context.User, rooms, routing.CurrentValue, time);
        return TypedResults.ServerSentEvents(StreamAsync(subscription, after, audience, store, time, stopping.Token));
    }

    private static async IAsyncEnumerable<SseItem<ChangeView?>> StreamAsync(
        ChangeSubscription subscription, long? after, ChangeAudience audience, ChangeStore store, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var _ = subscription;

        // Sent at once, so the response (and its headers) starts before any change; it also sets the browser's retry delay.
        yield return new SseItem<ChangeView?>(null, HeartbeatEvent) { ReconnectionInterval = ReconnectDelay };
        var seen = after ?? subscription.From;
        while (seen < subscription.From)
        {
            var page = await ReplayPageAsync(store, seen, subscription.From, cancellationToken);
            if (page is null || page.Count == 0)
            {
                break;
            }

            foreach (var change in page)
            {
                seen = change.Id;
                if (await audience.MaySeeAsync(change, cancellationToken))
                {
                    yield return Item(change);
                }
            }
        }

        Task<bool>? waiting = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (subscription.Changes.TryRead(out var change))
            {
                // Another instance's client may resume here ahead of this instance's start: nothing twice.
                if (change.Id > seen && await audience.MaySeeAsync(change, cancellationToken))
                {
                    seen = change.Id;
                    yield return Item(change);
                }
            }

            waiting ??= subscription.Changes.WaitToReadAsync(cancellationToken).AsTask();
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var beat = Task.Delay(HeartbeatInterval, time, heartbeat.Token);
            if (await Task.WhenAny(waiting, beat) == beat)
            {
                if (beat.IsCompletedSuccessfully)
                {
                    yield return new SseItem<ChangeView?>(null, HeartbeatEvent);
                }

                continue;
            }

            heartbeat.Cancel();
            if (!waiting.IsCompletedSuccessfully || !waiting.Result)
            {
                yield break; // closed: the feed stopped, or cut this stream off for falling behind
            }

            waiting = null;
        }
    }

    private static async Task<IReadOnlyList<ChangeView>?> ReplayPageAsync(ChangeStore store, long after, long upTo, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(after, upTo, ReplayPage, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static SseItem<ChangeView?> Item(ChangeView change) =>
        new(change, change.Kind) { EventId = change.Id.ToString(CultureInfo.InvariantCulture) };
}
