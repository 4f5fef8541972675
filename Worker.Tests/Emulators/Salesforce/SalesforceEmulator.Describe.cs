using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SfBridge.Tests.Emulators.Salesforce;

/// <summary>
/// <c>GET /sobjects</c> (global describe) and <c>GET /sobjects/{object}/describe</c> in the REST wire format, built from
/// <see cref="OrgSchema"/>, the loaded records and what a test changed in <see cref="OrgMetadata"/>. As in a real org, the
/// describe is the integration user's view: a removed field is simply absent.
/// </summary>
public sealed partial class SalesforceEmulator
{
    /// <summary>What tests change in the org's metadata (same object as <c>Org.Metadata</c>).</summary>
    public OrgMetadata Metadata => Org.Metadata;

    private IResult DescribeGlobal()
    {
        var objects = Org.Read(view => view.ObjectNames().ToList());
        return Json(200, new JsonObject
        {
            ["encoding"] = "UTF-8",
            ["maxBatchSize"] = 200,
            ["sobjects"] = new JsonArray(objects.Select(o => (JsonNode)Summary(o)).ToArray()),
        });
    }

    private IResult DescribeObject(string type)
    {
        var described = Org.Read(view =>
        {
            if (!view.ObjectExists(type))
            {
                return null;
            }

            var name = view.ObjectNames().First(o => o.Equals(type, StringComparison.OrdinalIgnoreCase));
            var describe = Summary(name);
            describe["fields"] = new JsonArray(view.Fields(name).Select(f => (JsonNode)Field(name, f.Name, f.Type)).ToArray());
            describe["childRelationships"] = new JsonArray(OrgSchema.ChildRelationships
                .Where(c => c.Key.Parent.Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(c => (JsonNode)new JsonObject
                {
                    ["cascadeDelete"] = false, ["childSObject"] = c.Value.Child, ["deprecatedAndHidden"] = false, ["field"] = c.Value.ForeignKey,
                    ["junctionIdListNames"] = new JsonArray(), ["junctionReferenceTo"] = new JsonArray(), ["relationshipName"] = c.Key.Relationship,
                    ["restrictedDelete"] = false,
                }).ToArray());
            describe["recordTypeInfos"] = RecordTypeInfos(view, name);
            describe["namedLayoutInfos"] = new JsonArray();
            describe["actionOverrides"] = new JsonArray();
            return describe;
        });
        return described is null ? Errors(404, "NOT_FOUND", "The requested resource does not exist") : Json(200, described);
    }

    /// <summary>The object-level properties, shared by the global describe's entries and the object's own describe.</summary>
    private JsonObject Summary(string name)
    {
        var custom = name.EndsWith("__c", StringComparison.Ordinal);
        var path = $"/services/data/v{_options.ApiVersion}/sobjects/{name}";
        return new JsonObject
        {
            ["activateable"] = false, ["createable"] = true, ["custom"] = custom, ["customSetting"] = false, ["deletable"] = true,
            ["deprecatedAndHidden"] = false, ["feedEnabled"] = name is "Case" or "Account" or "User" or "CollaborationGroup",
            ["keyPrefix"] = OrgSchema.Prefixes.TryGetValue(name, out var prefix) ? prefix : null, ["label"] = name, ["labelPlural"] = name + "s",
            ["layoutable"] = true, ["mergeable"] = name is "Case" or "Account" or "Contact", ["mruEnabled"] = true, ["name"] = name,
            ["queryable"] = true, ["replicateable"] = true, ["retrieveable"] = true, ["searchable"] = true, ["triggerable"] = true,
            ["undeletable"] = true, ["updateable"] = true,
            ["urls"] = new JsonObject
            {
                ["rowTemplate"] = path + "/{ID}", ["defaultValues"] = path + "/defaultValues?recordTypeId&fields", ["describe"] = path + "/describe", ["sobject"] = path,
            },
        };
    }

    private JsonObject Field(string objectName, string field, string type)
    {
        var reference = type == "reference" ? OrgSchema.ReferenceTo(objectName, field) : [];
        var picklist = type is "picklist" or "multipicklist" or "combobox"
            ? Metadata.PicklistOf(objectName, field) ?? OrgSchema.PicklistOf(objectName, field)
            : [];
        var updateable = !OrgSchema.IsSystemField(field) && !Metadata.IsReadOnly(objectName, field);
        var custom = field.EndsWith("__c", StringComparison.Ordinal);
        var (soapType, length) = type switch
        {
            "id" or "reference" => ("tns:ID", 18),
            "boolean" => ("xsd:boolean", 0),
            "datetime" => ("xsd:dateTime", 0),
            "date" => ("xsd:date", 0),
            "double" or "currency" or "percent" => ("xsd:double", 0),
            "int" => ("xsd:int", 0),
            "textarea" => ("xsd:string", 32768),
            _ => ("xsd:string", 255),
        };
        return new JsonObject
        {
            ["aggregatable"] = type is not ("textarea" or "boolean"), ["autoNumber"] = field == "CaseNumber", ["byteLength"] = length * 3,
            ["calculated"] = false, ["calculatedFormula"] = null, ["cascadeDelete"] = false, ["caseSensitive"] = false, ["compoundFieldName"] = null,
            ["controllerName"] = null, ["createable"] = updateable, ["custom"] = custom, ["defaultValue"] = type == "boolean" ? false : null,
            ["defaultValueFormula"] = null, ["defaultedOnCreate"] = type == "boolean" || OrgSchema.IsSystemField(field), ["dependentPicklist"] = false,
            ["deprecatedAndHidden"] = false, ["digits"] = 0, ["displayLocationInDecimal"] = false, ["encrypted"] = false, ["externalId"] = false,
            ["extraTypeInfo"] = null, ["filterable"] = type != "textarea", ["filteredLookupInfo"] = null, ["groupable"] = type is not ("textarea" or "double" or "datetime"),
            ["htmlFormatted"] = false, ["idLookup"] = field == "Id", ["inlineHelpText"] = null, ["label"] = field.Replace("__c", "", StringComparison.Ordinal).Replace('_', ' '),
            ["length"] = type is "string" or "picklist" or "email" or "phone" or "url" or "textarea" or "combobox" ? length : 0,
            ["mask"] = null, ["maskType"] = null, ["name"] = field, ["nameField"] = field == "Name", ["namePointing"] = reference.Length > 1,
            ["nillable"] = type != "boolean" && !OrgSchema.IsSystemField(field), ["permissionable"] = custom,
            ["picklistValues"] = new JsonArray(picklist.Select(p => (JsonNode)new JsonObject
            {
                ["active"] = p.Active, ["defaultValue"] = false, ["label"] = p.Value, ["validFor"] = null, ["value"] = p.Value,
            }).ToArray()),
            ["polymorphicForeignKey"] = reference.Length > 1, ["precision"] = type == "double" ? 18 : 0, ["queryByDistance"] = false,
            ["referenceTargetField"] = null, ["referenceTo"] = new JsonArray(reference.Select(r => (JsonNode)r).ToArray()),
            ["relationshipName"] = type == "reference" && field != "Id" ? RelationshipName(field) : null, ["relationshipOrder"] = null,
            ["restrictedDelete"] = false, ["restrictedPicklist"] = false, ["scale"] = 0, ["searchPrefilterable"] = false, ["soapType"] = soapType,
            ["sortable"] = type != "textarea", ["type"] = type, ["unique"] = false, ["updateable"] = updateable, ["writeRequiresMasterRead"] = false,
        };
    }

    /// <summary>OwnerId traverses as Owner, a custom lookup Conta__c as Conta__r.</summary>
    private static string RelationshipName(string field) =>
        field.EndsWith("__c", StringComparison.Ordinal) ? field[..^3] + "__r" : field.EndsWith("Id", StringComparison.Ordinal) ? field[..^2] : field;

    private static JsonArray RecordTypeInfos(OrgStore.OrgView view, string objectName)
    {
        var infos = new JsonArray();
        foreach (var rt in view.Records("RecordType").Where(r => r["IsDeleted"]?.GetValue<bool>() != true &&
                                                                 string.Equals(r["SobjectType"]?.GetValue<string>(), objectName, StringComparison.OrdinalIgnoreCase)))
        {
            infos.Add(new JsonObject
            {
                ["active"] = rt["IsActive"]?.GetValue<bool>() ?? true, ["available"] = true, ["defaultRecordTypeMapping"] = false,
                ["developerName"] = rt["DeveloperName"]?.DeepClone(), ["master"] = false, ["name"] = rt["Name"]?.DeepClone(), ["recordTypeId"] = rt["Id"]?.DeepClone(),
            });
        }

        infos.Add(new JsonObject
        {
            ["active"] = true, ["available"] = true, ["defaultRecordTypeMapping"] = infos.Count == 0, ["developerName"] = "Master", ["master"] = true,
            ["name"] = "Master", ["recordTypeId"] = "012000000000000AAA",
        });
        return infos;
    }

    private static bool IsDescribe(HttpRequest request) =>
        request.Path.Value is { } path && (path.EndsWith("/describe", StringComparison.Ordinal) || path.TrimEnd('/').EndsWith("/sobjects", StringComparison.Ordinal));
}
