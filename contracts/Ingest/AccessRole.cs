namespace Monitoring.Contracts;

/// <summary>What an API key may do: <c>platform</c> writes, <c>center</c> reads and reviews its region, <c>operator</c> everything.</summary>
public enum AccessRole { Platform, Center, Operator }
