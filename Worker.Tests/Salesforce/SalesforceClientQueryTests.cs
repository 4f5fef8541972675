using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceClientQueryTests
{
    [Fact]
    public async Task QueryAsync_ResultOverFourPages_FollowsNextRecordsUrlAndYieldsEveryRecordOnce()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(650);

        var seen = await h.Client.QueryAsync(Soql.Create($"SELECT Id, CaseNumber FROM Case WHERE IsClosed = {false} ORDER BY CaseNumber"),
            new QueryOptions { BatchSize = 200 }).Select(r => r.Id!).ToListAsync();

        Assert.Equal(ids, seen);
        Assert.Equal(1, h.Emulator.Requests.Count("query"));
        Assert.Equal(3, h.Emulator.Requests.Count("queryMore"));
        Assert.All(h.Emulator.Requests.All.Where(r => r.Endpoint.StartsWith("query", StringComparison.Ordinal)),
            r => Assert.Equal("batchSize=200", r.QueryOptions));
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task QueryAsync_SessionExpiresBetweenPages_ReauthenticatesAndLosesOrRepeatsNothing()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer);
        var ids = h.SeedCases(650);
        h.Emulator.Faults.ExpireSessionsAfter(2); // query + first queryMore succeed, the next call finds the session gone

        var seen = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case ORDER BY CaseNumber"), new QueryOptions { BatchSize = 200 })
            .Select(r => r.Id!).ToListAsync();

        Assert.Equal(ids, seen);
        Assert.Equal(2, h.Emulator.Requests.Count("token"));
        Assert.Equal(1, h.Emulator.Requests.All.Count(r => r.Status == 401));
        Assert.Single(h.Logs.WithEventName("SessionExpired"));
        h.AssertNoSecretsLogged();
    }

    [Fact]
    public async Task QueryAsync_PageSmallerThanBatchWhileNotDone_KeepsFollowing()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { MaxPageSize = 150 });
        h.SeedCases(400);

        var count = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case"), new QueryOptions { BatchSize = 2000 }).CountAsync();

        Assert.Equal(400, count);
        Assert.Equal(2, h.Emulator.Requests.Count("queryMore"));
    }

    [Fact]
    public async Task QueryAsync_ChildSubqueries_ParsedIntoNestedCollectionsIncludingPagedChildren()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { ChildPageSize = 200 });
        var ids = h.SeedCases(3);
        for (var i = 0; i < 450; i++)
        {
            h.Emulator.Org.Insert("CaseComment", new JsonObject { ["ParentId"] = ids[0], ["CommentBody"] = $"Comentário {i}", ["IsPublished"] = i % 2 == 0 });
        }

        h.Emulator.Org.Insert("EmailMessage", new JsonObject { ["ParentId"] = ids[1], ["Incoming"] = true, ["HasAttachment"] = true, ["Subject"] = "RE: Protocolo" });

        var cases = await h.Client.QueryAsync(Soql.Create(
            $"SELECT Id, (SELECT Id, CommentBody, IsPublished FROM CaseComments), (SELECT Id, Incoming, HasAttachment FROM EmailMessages) FROM Case ORDER BY CaseNumber"))
            .ToListAsync();

        Assert.Equal(450, cases[0].Children("CaseComments").Count);
        Assert.Equal(450, cases[0].Children("CaseComments").Select(c => c.Id).Distinct().Count());
        Assert.Empty(cases[0].Children("EmailMessages")); // Salesforce sends null for no children
        Assert.True(cases[1].Children("EmailMessages").Single().GetBoolean("HasAttachment"));
        Assert.Empty(cases[2].Children("CaseComments"));
        Assert.Equal(2, h.Emulator.Requests.Count("queryMore")); // two more child pages of CaseComments

        // The completed record's text is written from its tree: every comment, done, no cursor left.
        var text = JsonNode.Parse(cases[0].RawText())!["CaseComments"]!;
        Assert.Equal(450, text["records"]!.AsArray().Count);
        Assert.True(text["done"]!.GetValue<bool>());
        Assert.Null(text["nextRecordsUrl"]);
        Assert.Equal(ids[1], JsonNode.Parse(cases[1].RawText())!["Id"]!.GetValue<string>());
    }

    [Fact]
    public async Task QueryAsync_RecordText_IsTheBytesSalesforceSent()
    {
        // White space and an escaped half of a surrogate pair (valid JSON, no text) come back as they were sent.
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(2, (i, c) => c["Subject"] = $"Assunto {i}");
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query")
        {
            Edit = body => body.Replace("\"Subject\":\"Assunto 1\"", "\"Subject\" :  \"Assunto 1 \\ud800\\u00e9\"", StringComparison.Ordinal),
        });

        var cases = await h.Client.QueryAsync(Soql.Create($"SELECT Id, Subject FROM Case ORDER BY CaseNumber")).ToListAsync();

        Assert.Contains("\"Subject\" :  \"Assunto 1 \\ud800\\u00e9\"", cases[1].RawText(), StringComparison.Ordinal);
        Assert.Equal(cases[1].RawText(), Encoding.UTF8.GetString(cases[1].RawUtf8().Span));
        Assert.Equal("Assunto 0", JsonNode.Parse(cases[0].RawText())!["Subject"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"done\":", "\"done\":true,\"\\u0064one\":", "the page has the property done twice")]
    [InlineData("\"Subject\":", "\"Subject\":\"a\",\"Subject\":", "Duplicate property 'Subject'")]
    [InlineData("\"nextRecordsUrl\":\"", "\"nextRecordsUrl\":\"\\ud800", "the page's nextRecordsUrl is not text")]
    public async Task QueryAsync_APropertyNamedTwiceOrAUrlThatIsNoText_IsAMalformedPage(string find, string replace, string why)
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(300);
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query", Times: 2) { Edit = body => body.Replace(find, replace, StringComparison.Ordinal) });

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id, Subject FROM Case"), new QueryOptions { BatchSize = 200 }).CountAsync());

        Assert.Equal("MALFORMED_RESPONSE", ex.ErrorCode);
        Assert.Contains(why, h.Logs.WithEventName("MalformedPage").Single().RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_RelationshipFieldsAndNulls_ReadThroughPathsAndPolymorphicOwner()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var queue = h.Emulator.Org.Insert("Group", new JsonObject { ["Name"] = "Fila GSO", ["DeveloperName"] = "GSO", ["Type"] = "Queue" });
        var user = h.Emulator.Org.Insert("User", new JsonObject { ["Name"] = "Ana Souza", ["IsActive"] = true });
        h.SeedCases(3, (i, c) =>
        {
            c["OwnerId"] = i switch { 0 => queue, 1 => user, _ => null };
            c["ClosedDate"] = i == 1 ? "2026-03-01T10:15:30.000+0000" : null;
        });

        var cases = await h.Client.QueryAsync(Soql.Create($"SELECT Id, Owner.Name, OwnerId, ClosedDate, Description FROM Case ORDER BY CaseNumber")).ToListAsync();

        Assert.Equal("Fila GSO", cases[0].GetString("Owner.Name"));
        Assert.Equal("Name", cases[0].Parent("Owner")!.Type); // polymorphic lookups are typed "Name"
        Assert.Equal("Ana Souza", cases[1].GetString("Owner.Name"));
        Assert.Null(cases[2].Parent("Owner"));
        Assert.Null(cases[2].GetString("Owner.Name"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 30, TimeSpan.Zero), cases[1].GetDateTime("ClosedDate"));
        Assert.Null(cases[0].GetDateTime("ClosedDate"));
        Assert.True(cases[0].Has("Description"));
        Assert.Null(cases[0].GetString("Description"));
    }

    [Fact]
    public async Task QueryAsyncTyped_SalesforceDatetimeWithoutColonOffset_Deserializes()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(2);

        var rows = await h.Client.QueryAsync<CaseRow>(Soql.Create($"SELECT Id, CaseNumber, CreatedDate, ClosedDate FROM Case ORDER BY CaseNumber")).ToListAsync();

        Assert.Equal(SalesforceHarness.Start, rows[0].CreatedDate);
        Assert.Null(rows[0].ClosedDate);
        Assert.Equal("00001001", rows[1].CaseNumber);
    }

    [Fact]
    public async Task QueryAsync_IncludeDeleted_UsesQueryAllAndReturnsSoftDeletedRecords()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(3);
        h.Emulator.Org.Delete(ids[1]);

        var live = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case")).CountAsync();
        var all = await h.Client.QueryAsync(Soql.Create($"SELECT Id, IsDeleted FROM Case WHERE IsDeleted = {true}"), new QueryOptions { IncludeDeleted = true }).ToListAsync();

        Assert.Equal(2, live);
        Assert.Equal(ids[1], Assert.Single(all).Id);
        Assert.Equal(1, h.Emulator.Requests.Count("queryAll"));
    }

    [Fact]
    public async Task QueryAsync_OneMalformedJsonPage_RereadsItAndYieldsEachRecordOnce()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(500);
        h.Emulator.Faults.Add(new Fault(FaultKind.MalformedJson, "queryMore"));

        var seen = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case ORDER BY CaseNumber"), new QueryOptions { BatchSize = 200 })
            .Select(r => r.Id!).ToListAsync();

        Assert.Equal(ids, seen);
        Assert.Single(h.Logs.WithEventName("MalformedPage"));
    }

    [Fact]
    public async Task QueryAsync_PageMalformedTwice_ThrowsNamingThePathWithoutData()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(300);
        h.Emulator.Faults.Add(new Fault(FaultKind.MalformedJson, "queryMore", Times: 2));

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case"), new QueryOptions { BatchSize = 200 }).CountAsync());

        Assert.Equal("MALFORMED_RESPONSE", ex.ErrorCode);
        Assert.Contains("/services/data/v62.0/query/01g", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_PagesLargerThanTheFirstReadBuffer_ThenASmallerOne_ReadEveryRecordIntact()
    {
        // Pages of 200 cases with 600-character subjects (about 150 KB) outgrow the first 64 KB buffer; the last page of
        // 50 is read into the grown buffer kept from before: only its own bytes may be parsed.
        await using var h = await SalesforceHarness.StartAsync();
        string Subject(int i) => $"{i:D4} " + new string((char)('a' + i % 26), 600);
        var ids = h.SeedCases(650, (i, c) => c["Subject"] = Subject(i));

        var seen = await h.Client.QueryAsync(Soql.Create($"SELECT Id, Subject FROM Case ORDER BY CaseNumber"), new QueryOptions { BatchSize = 200 })
            .Select(r => (r.Id!, r.GetString("Subject")!)).ToListAsync();

        Assert.Equal(ids, seen.Select(s => s.Item1));
        Assert.Equal(Enumerable.Range(0, 650).Select(Subject), seen.Select(s => s.Item2));
        Assert.Equal(3, h.Emulator.Requests.Count("queryMore"));
    }

    [Fact]
    public async Task QueryAsync_DoneThatIsNoBoolean_ThrowsMalformedResponse()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(300);
        h.Emulator.Faults.Add(new Fault(FaultKind.BodyEdited, "query") { Edit = body => body.Replace("\"done\":false", "\"done\":\"no\"", StringComparison.Ordinal) });

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case"), new QueryOptions { BatchSize = 200 }).CountAsync());

        Assert.Equal("MALFORMED_RESPONSE", ex.ErrorCode);
        Assert.Contains("done that is String", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_MalformedQuery_ThrowsPermanentErrorWithoutRetrying()
    {
        await using var h = await SalesforceHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE")).CountAsync());

        Assert.Equal("MALFORMED_QUERY", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, h.Emulator.Requests.Count("query"));
    }

    [Fact]
    public async Task QueryAsync_UnknownField_ThrowsInvalidField()
    {
        await using var h = await SalesforceHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(async () =>
            await h.Client.QueryAsync(Soql.Create($"SELECT Id, Prioridade__c FROM Case")).CountAsync());

        Assert.Equal("INVALID_FIELD", ex.ErrorCode);
        Assert.Contains("Prioridade__c", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task CountAsync_CountQuery_ReturnsTotalSize()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(7, (i, c) => c["IsClosed"] = i < 2);

        var open = await h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case WHERE IsClosed = {false}"), default);

        Assert.Equal(5, open);
    }

    private sealed record CaseRow
    {
        [JsonPropertyName("Id")]
        public required string Id { get; init; }

        [JsonPropertyName("CaseNumber")]
        public required string CaseNumber { get; init; }

        [JsonPropertyName("CreatedDate")]
        public DateTimeOffset CreatedDate { get; init; }

        [JsonPropertyName("ClosedDate")]
        public DateTimeOffset? ClosedDate { get; init; }
    }
}
