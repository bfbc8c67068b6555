namespace Monitoring.Ingest.Publishing;

/// <summary>
/// The broker did not confirm every message in time, or the plan ledger could not record them first: the caller must
/// not be told they are stored (503, retry).
/// </summary>
public sealed class BrokerUnavailableException(string message, Exception? inner) : Exception(message, inner);
