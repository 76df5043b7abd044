using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ContactCenter.Api.Operations;

/// <summary>
/// The service's own instruments, on the meter <see cref="MeterName"/>. Labels are queue ids, presences, callback types,
/// outcomes, Twilio operations and statuses: never a CallSid (unbounded) and never a phone number.
/// </summary>
public sealed class ContactCenterMetrics
{
    public const string MeterName = "ContactCenter";

    private readonly Counter<long> _offered;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _abandoned;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _speedOfAnswer;
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _twilioRequests;
    private readonly Histogram<double> _twilioDuration;
    private readonly Counter<long> _signatureRefusals;

    public ContactCenterMetrics(IMeterFactory meterFactory, QueueGauges gauges)
    {
        var meter = meterFactory.Create(MeterName);
        _offered = meter.CreateCounter<long>("contactcenter.queue.offered", "{call}", "Callers who entered a queue.");
        _answered = meter.CreateCounter<long>("contactcenter.queue.answered", "{call}", "Queued callers an agent answered.");
        _abandoned = meter.CreateCounter<long>("contactcenter.queue.abandoned", "{call}", "Queued callers who hung up before an answer.");
        _queueWait = meter.CreateHistogram("contactcenter.queue.wait", "s", "Time in queue until answered or abandoned.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        _speedOfAnswer = meter.CreateHistogram("contactcenter.queue.speed_of_answer", "s", "Time in queue of answered callers.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        meter.CreateObservableGauge("contactcenter.queue.waiting", gauges.Waiting, "{call}", "Callers waiting in a queue now.");
        meter.CreateObservableGauge("contactcenter.agents", gauges.Agents, "{agent}", "Agents by presence now.");
        _callbacks = meter.CreateCounter<long>("contactcenter.callbacks", "{callback}", "Twilio callbacks ingested, by type and outcome.");
        _twilioRequests = meter.CreateCounter<long>("contactcenter.twilio.requests", "{request}", "Twilio REST requests, by operation and status.");
        _twilioDuration = meter.CreateHistogram("contactcenter.twilio.request.duration", "s", "Twilio REST request time, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _signatureRefusals = meter.CreateCounter<long>("contactcenter.webhook.signature_refusals", "{request}", "Twilio webhooks refused for a missing or wrong signature.");
    }

    private static readonly double[] WaitBuckets = [1, 5, 10, 20, 30, 60, 120, 300, 600, 1800];

    public void Offered(string queue) => _offered.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void Answered(string queue, TimeSpan waited)
    {
        var tags = new TagList { { "queue", queue } };
        _answered.Add(1, tags);
        _speedOfAnswer.Record(Seconds(waited), tags);
        tags.Add("outcome", "answered");
        _queueWait.Record(Seconds(waited), tags);
    }

    public void Abandoned(string queue, TimeSpan waited)
    {
        var tags = new TagList { { "queue", queue } };
        _abandoned.Add(1, tags);
        tags.Add("outcome", "abandoned");
        _queueWait.Record(Seconds(waited), tags);
    }

    /// <param name="type">conference-event, call-status or recording-status.</param>
    /// <param name="outcome">stored, duplicate, malformed or refused.</param>
    public void CallbackIngested(string type, string outcome) =>
        _callbacks.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void TwilioRequest(string operation, string status, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "status", status } };
        _twilioRequests.Add(1, tags);
        _twilioDuration.Record(duration.TotalSeconds, tags);
    }

    public void SignatureRefused(string path) => _signatureRefusals.Add(1, new KeyValuePair<string, object?>("path", path));

    private static double Seconds(TimeSpan waited) => Math.Max(0, waited.TotalSeconds);
}
