using Monitoring.Contracts;

namespace Monitoring.Alerts.Warnings;

static class WarningLevels
{
    public static string Name(WarningLevel level) => level.ToString().ToLowerInvariant();

    public static WarningLevel Parse(string level) => Enum.Parse<WarningLevel>(level, ignoreCase: true);
}
