using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace ContactCenter.TwilioSimulator;

/// <summary>
/// Posts the simulator's webhooks in the order they were produced, signed like Twilio's, after the REST call that
/// caused them has returned. Chaos mode (seeded) delivers some twice and swaps some adjacent ones.
/// </summary>
public sealed partial class SimulatorCallbackDispatcher(
    IHttpClientFactory clients,
    IOptions<SimulatorOptions> options,
    ILogger<SimulatorCallbackDispatcher> logger,
    SimulatorCallbackDrops? drops = null) : BackgroundService, ISimulatorCallbackSink
{
    public const string ClientName = "simulator-callbacks";
    private const int KeptDeliveries = 5000;
    private const double ChaosRate = 0.25;

    private readonly Channel<SimulatorCallback> _queue = Channel.CreateUnbounded<SimulatorCallback>(new() { SingleReader = true });
    private readonly ConcurrentQueue<CallbackDelivery> _deliveries = new();
    private readonly Random? _chaos = options.Value.Chaos ? new Random(options.Value.ChaosSeed) : null;
    private readonly Lock _idleGate = new();
    private TaskCompletionSource _idle = CompletedSource();
    private int _pending;

    /// <summary>What was posted, in delivery order (the most recent few thousand).</summary>
    public IReadOnlyList<CallbackDelivery> Deliveries => _deliveries.ToArray();

    public void Enqueue(SimulatorCallback callback)
    {
        lock (_idleGate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        _queue.Writer.TryWrite(callback);
    }

    /// <summary>Completes once every callback produced so far has been delivered (or has failed).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_idleGate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var callback in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Both draws happen for every callback so the chaos depends on the seed, not on timing.
            var duplicate = _chaos?.NextDouble() < ChaosRate;
            var swap = _chaos?.NextDouble() < ChaosRate;
            if (swap && _queue.Reader.TryRead(out var next))
            {
                await DeliverAsync(next, stoppingToken);
                await DeliverAsync(callback, stoppingToken);
                Delivered(2);
                continue;
            }

            await DeliverAsync(callback, stoppingToken);
            if (duplicate)
            {
                await DeliverAsync(callback, stoppingToken);
            }

            Delivered(1);
        }
    }

    private void Delivered(int count)
    {
        lock (_idleGate)
        {
            _pending -= count;
            if (_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private async Task DeliverAsync(SimulatorCallback callback, CancellationToken cancellationToken)
    {
        var name = callback["StatusCallbackEvent"] ?? callback["CallStatus"] ?? callback["RecordingStatus"] ?? "callback";
        var signature = SimulatorSignature.Compute(options.Value.AuthToken, callback.Url, callback.Form);
        if (drops?.Drops(callback, name) == true)
        {
            LogDropped(logger, name, callback.Url);
            Record(new CallbackDelivery(callback.Url, callback.Form, 0, signature, Dropped: true));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new FormUrlEncodedContent(callback.Form) };
        request.Headers.Add(SimulatorSignature.HeaderName, signature);
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        int status;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, name, callback.Url, error.Message);
            status = 0;
        }

        LogDelivered(logger, name, callback.Url, status);
        Record(new CallbackDelivery(callback.Url, callback.Form, status, signature));
    }

    private void Record(CallbackDelivery delivery)
    {
        _deliveries.Enqueue(delivery);
        while (_deliveries.Count > KeptDeliveries && _deliveries.TryDequeue(out _))
        {
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulator posted {Callback} to {Url}: {StatusCode}")]
    private static partial void LogDelivered(ILogger logger, string callback, string url, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator dropped {Callback} for {Url} on purpose (a drop rule matched)")]
    private static partial void LogDropped(ILogger logger, string callback, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator could not post {Callback} to {Url}: {Error}")]
    private static partial void LogFailed(ILogger logger, string callback, string url, string error);
}

/// <summary>One posted webhook: where, what, the signature sent, and the service's answer (0 when unreachable or dropped).</summary>
public sealed record CallbackDelivery(string Url, IReadOnlyList<KeyValuePair<string, string>> Form, int StatusCode, string Signature, bool Dropped = false)
{
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;
}
