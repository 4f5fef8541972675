using Microsoft.Extensions.Logging;

namespace SfBridge.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(100, LogLevel.Information,
        "SfBridge {Version} starting {Command}: org {LoginUrl}, state {StateProvider} at {StateLocation}, mappings {MappingsPath}")]
    public static partial void Starting(ILogger logger, string version, string command, string loginUrl, string stateProvider, string stateLocation, string mappingsPath);
}
