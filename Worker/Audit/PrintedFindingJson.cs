using System.Text.Json.Serialization;

namespace SfBridge.Audit;

/// <summary>The audit's spill files: one <see cref="PrintedFinding"/> per line, serialised without reflection.</summary>
[JsonSerializable(typeof(PrintedFinding))]
internal sealed partial class PrintedFindingJson : JsonSerializerContext;
