using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Operations;

/// <summary>Who may read <c>/metrics</c>.</summary>
public enum MetricsExposure
{
    /// <summary>No Prometheus endpoint.</summary>
    Off,

    /// <summary><c>/metrics</c> answers only a request with an admin key (<c>Authorization: Bearer</c>).</summary>
    Admin,

    /// <summary><c>/metrics</c> answers anyone, but only on <see cref="MetricsOptions.Port"/> (a port the service also listens on, kept off the internet).</summary>
    Port,
}

/// <summary><c>Telemetry:*</c>. OTLP export itself is configured by the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Record spans; null: only when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>..._TRACES_ENDPOINT</c>).</summary>
    public bool? Traces { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Metrics.Exposure == MetricsExposure.Port && Metrics.Port is null)
        {
            yield return new ValidationResult("Telemetry:Metrics:Port must be set when Telemetry:Metrics:Exposure is Port.");
        }
    }
}

public sealed class MetricsOptions
{
    /// <summary>Null: <see cref="MetricsExposure.Admin"/> in Development, <see cref="MetricsExposure.Off"/> elsewhere.</summary>
    public MetricsExposure? Exposure { get; set; }

    [Range(1, 65535, ErrorMessage = "Telemetry:Metrics:Port must be a TCP port (1-65535).")]
    public int? Port { get; set; }

    public MetricsExposure EffectiveExposure(IHostEnvironment environment) =>
        Exposure ?? (environment.IsDevelopment() ? MetricsExposure.Admin : MetricsExposure.Off);
}
