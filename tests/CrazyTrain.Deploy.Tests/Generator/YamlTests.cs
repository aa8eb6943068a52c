using CrazyTrain.Deploy.Yaml;
using YamlDotNet.Core;

namespace CrazyTrain.Deploy.Tests.Generator;

/// <summary>Strings stay strings: Kubernetes rejects a ConfigMap or env value that YAML read as a number or boolean.</summary>
public sealed class YamlTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("8080")]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("on")]
    [InlineData("no")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("10:30")]
    [InlineData(".inf")]
    public void Values_YAML_would_retype_are_double_quoted(string value) =>
        Assert.Equal(ScalarStyle.DoubleQuoted, Y.Str(value).Style);

    [Theory]
    [InlineData("kafka:9092")]
    [InlineData("in_memory")]
    [InlineData("PLAINTEXT://:9092,CONTROLLER://:9093")]
    [InlineData("1@localhost:9093")]
    [InlineData("512Mi")]
    public void Ordinary_strings_are_left_to_the_emitter(string value) =>
        Assert.Equal(ScalarStyle.Any, Y.Str(value).Style);

    [Fact]
    public void Written_files_keep_insertion_order_and_quote_ambiguous_values()
    {
        var text = YamlFile.Write("header line", [Y.Map(("zeta", Y.Str("true")), ("alpha", Y.Num(3)), ("empty", Y.Seq()))]);

        Assert.Equal("# header line\n---\nzeta: \"true\"\nalpha: 3\nempty: []\n", text);
    }
}
