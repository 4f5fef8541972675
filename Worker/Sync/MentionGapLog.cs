using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SfBridge.Rules;

namespace SfBridge.Sync;

/// <summary>Logs each user that could not be mentioned (inactive or unknown) once per process, not once per sweep.</summary>
public sealed class MentionGapLog
{
    private readonly ConcurrentDictionary<string, bool> _logged = new(StringComparer.OrdinalIgnoreCase);

    public void Report(ILogger logger, IEnumerable<Finding> findings)
    {
        foreach (var f in findings)
        {
            foreach (var user in f.MentionGaps.Where(u => _logged.TryAdd(u, true)))
            {
                SyncLog.MentionGap(logger, user, f.RuleId, f.CaseId);
            }
        }
    }
}
