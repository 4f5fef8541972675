using System.Text.Json.Nodes;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SoqlTests
{
    public static TheoryData<string> HostileSubjects => new()
    {
        "x' OR Subject != '",
        "x\\' OR Subject != \\'",
        "\\",
        "'",
        "' OR Id != null OR Subject = '",
        "a\\' OR Subject LIKE \\'%",
        "Pedido 123'); DELETE FROM Case; --",
        "linha 1\nlinha 2\t\"aspas\"",
        "%",
        "Olá, ação não é só 'ç' \\n literal",
    };

    [Theory]
    [MemberData(nameof(HostileSubjects))]
    public async Task Create_HostileValue_MatchesOnlyTheRecordWithThatExactText(string subject)
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(3, (i, c) => c["Subject"] = i == 1 ? subject : $"Assunto comum {i}");

        var hits = await h.Client.QueryAsync(Soql.Create($"SELECT Id, Subject FROM Case WHERE Subject = {subject}")).ToListAsync();

        Assert.Equal(subject, Assert.Single(hits).GetString("Subject"));
    }

    [Fact]
    public async Task LikePattern_UserWildcards_AreMatchedLiterally()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(3, (i, c) => c["Subject"] = i switch { 0 => "Desconto de 100% aplicado", 1 => "Desconto de 1000 aplicado", _ => "desconto_100" });

        var hits = await h.Client.QueryAsync(Soql.Create($"SELECT Id, Subject FROM Case WHERE Subject LIKE {SoqlLikePattern.Contains("100%")}")).ToListAsync();
        var underscore = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE Subject LIKE {SoqlLikePattern.StartsWith("desconto_")}")).CountAsync();

        Assert.Equal("Desconto de 100% aplicado", Assert.Single(hits).GetString("Subject"));
        Assert.Equal(1, underscore);
    }

    [Fact]
    public async Task Create_InListAndDatetime_FilterAsSalesforceDoes()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var ids = h.SeedCases(5);

        var inList = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE Id IN {new[] { ids[0], ids[3], "500EM0000000XYZ" }}")).CountAsync();
        var recent = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case WHERE SystemModstamp > {SalesforceHarness.Start.AddMinutes(-2)}")).CountAsync();

        Assert.Equal(2, inList);
        Assert.Equal(2, recent); // minutes 0 and -1
    }

    [Theory]
    [InlineData("O'Brien", @"'O\'Brien'")]
    [InlineData(@"C:\temp", @"'C:\\temp'")]
    [InlineData("a\nb", @"'a\nb'")]
    [InlineData("diz \"oi\"", "'diz \\\"oi\\\"'")]
    public void Render_String_IsQuotedAndEscaped(string value, string expected) => Assert.Equal(expected, SoqlLiteral.Render(value));

    [Fact]
    public void Render_Values_UseSoqlLiteralForms()
    {
        Assert.Equal("null", SoqlLiteral.Render<string?>(null));
        Assert.Equal("true", SoqlLiteral.Render(true));
        Assert.Equal("42", SoqlLiteral.Render(42));
        Assert.Equal("2026-03-02T09:00:00Z", SoqlLiteral.Render(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.FromHours(-3))));
        Assert.Equal("2026-03-02", SoqlLiteral.Render(new DateOnly(2026, 3, 2)));
        Assert.Equal("('a', 'b\\'c')", SoqlLiteral.Render(new[] { "a", "b'c" }));
        Assert.Equal("Owner.Name", SoqlLiteral.Render(SoqlIdentifier.Parse("Owner.Name")));
    }

    [Fact]
    public void Render_UnsafeValues_AreRefusedNotStringified()
    {
        Assert.Throws<ArgumentException>(() => SoqlLiteral.Render(new object()));
        Assert.Throws<ArgumentException>(() => SoqlLiteral.Render(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => SoqlLiteral.Render("bell\u0007"));
        Assert.Throws<ArgumentException>(() => SoqlLiteral.Render(double.NaN));
    }

    [Theory]
    [InlineData("Caso_Critico__c", true)]
    [InlineData("Owner.Name", true)]
    [InlineData("Account.Owner.Name", true)]
    [InlineData("Subject = 'x' OR Id", false)]
    [InlineData("Id,(SELECT Id FROM CaseComments)", false)]
    [InlineData("1Field", false)]
    [InlineData("Owner..Name", false)]
    [InlineData("", false)]
    public void SoqlIdentifier_OnlyApiNamesPass(string name, bool valid) => Assert.Equal(valid, SoqlIdentifier.TryParse(name, out _));

    [Fact]
    public void Create_IdentifierHole_IsWrittenUnquoted()
    {
        var field = SoqlIdentifier.Parse("Caso_Critico__c");

        var soql = Soql.Create($"SELECT Id FROM Case WHERE {field} = {true}");

        Assert.Equal("SELECT Id FROM Case WHERE Caso_Critico__c = true", soql.Text);
    }
}
