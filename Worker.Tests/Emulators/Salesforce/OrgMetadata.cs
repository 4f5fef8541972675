using System.Collections.Concurrent;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// What a test changed in the emulated org's metadata, on top of <see cref="OrgSchema"/>: a field deleted or hidden from
/// the integration user by field-level security (gone from describe, and queries naming it fail with INVALID_FIELD as
/// the org answers), a field made read-only, a field of another type, a picklist's values, an object the user cannot see.
/// </summary>
public sealed class OrgMetadata
{
    private readonly ConcurrentDictionary<string, byte> _removed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _readOnly = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<(string Value, bool Active)>> _picklists = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _hidden = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The field no longer exists for the integration user (deleted, or hidden by field-level security).</summary>
    public void RemoveField(string objectName, string field) => _removed[Key(objectName, field)] = 0;

    /// <summary>The integration user can read the field but not change it.</summary>
    public void MakeReadOnly(string objectName, string field) => _readOnly[Key(objectName, field)] = 0;

    /// <summary>Salesforce's type name for the field: boolean, string, picklist, datetime, double…</summary>
    public void SetType(string objectName, string field, string type) => _types[Key(objectName, field)] = type;

    /// <summary>The picklist's values, all active.</summary>
    public void SetPicklist(string objectName, string field, params string[] values) =>
        SetPicklist(objectName, field, values.Select(v => (v, true)).ToArray());

    /// <summary>The picklist's values, each active or not (an inactive value stays on old records but cannot be picked).</summary>
    public void SetPicklist(string objectName, string field, params (string Value, bool Active)[] values) => _picklists[Key(objectName, field)] = values;

    /// <summary>The integration user cannot see the object at all: absent from the global describe, 404 on describe, INVALID_TYPE in queries.</summary>
    public void HideObject(string objectName) => _hidden[objectName] = 0;

    internal bool IsRemoved(string objectName, string field) => _removed.ContainsKey(Key(objectName, field));

    internal bool IsReadOnly(string objectName, string field) => _readOnly.ContainsKey(Key(objectName, field));

    internal bool IsHidden(string objectName) => _hidden.ContainsKey(objectName);

    internal string? TypeOf(string objectName, string field) => _types.GetValueOrDefault(Key(objectName, field));

    internal IReadOnlyList<(string Value, bool Active)>? PicklistOf(string objectName, string field) => _picklists.GetValueOrDefault(Key(objectName, field));

    private static string Key(string objectName, string field) => objectName + "." + field;
}
