using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceIdTests
{
    [Theory]
    [InlineData("500i000000171NZ", "500i000000171NZAAY")]
    [InlineData("0JR5i000001OXSg", "0JR5i000001OXSgGAO")]
    [InlineData("0Bz5i0000011r27", "0Bz5i0000011r27CAA")]
    [InlineData("001RM000003oCpr", "001RM000003oCprYAE")]
    public void To18_RecordedIds_MatchSalesforcesChecksum(string id15, string id18) => Assert.Equal(id18, SalesforceId.To18(id15));

    [Fact]
    public void AreEqual_15And18CharacterForms_AreTheSameRecord()
    {
        Assert.True(SalesforceId.AreEqual("500i000000171NZ", "500i000000171NZAAY"));
        Assert.True(SalesforceId.AreEqual("500i000000171NZAAY", "500I000000171NZAAY")); // 18-char ids ignore case
        Assert.False(SalesforceId.AreEqual("500i000000171NZ", "500i000000171Nz"));
    }

    [Theory]
    [InlineData("500i000000171NZ", true)]
    [InlineData("500i000000171NZAAY", true)]
    [InlineData("500i000000171N", false)]
    [InlineData("500i00000017/NZ", false)]
    [InlineData(null, false)]
    public void IsValid_LengthAndAlphabet(string? id, bool valid) => Assert.Equal(valid, SalesforceId.IsValid(id));
}
