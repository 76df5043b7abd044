namespace ContactCenter.Tests.Operations;

/// <summary>
/// Meter and activity listeners are process-wide: a host with OpenTelemetry on also hears every other test host's
/// instruments and spans. These tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
