namespace Monitoring.Ingest.Publishing;

/// <summary>The broker did not confirm every message in time: the caller must not be told they are stored.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner) : Exception(message, inner);
