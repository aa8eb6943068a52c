using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CrazyTrain.Deploy.Yaml;

/// <summary>Writes YAML documents behind a header that says the file is generated and how to regenerate it.</summary>
internal static class YamlFile
{
    public static string Write(string header, IEnumerable<YamlNode> documents)
    {
        var builder = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            builder.Append("# ").Append(line).Append('\n');
        }

        using var writer = new StringWriter(builder) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestIndent(2).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            new YamlDocument(document).RootNode.Accept(new EmitterVisitor(emitter));
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }

        emitter.Emit(new StreamEnd());
        return builder.ToString();
    }

    /// <summary>Replays a node tree into an emitter without anchors or tags (the model's own Save adds neither, but is internal about it).</summary>
    private sealed class EmitterVisitor(IEmitter emitter) : IYamlVisitor
    {
        public void Visit(YamlStream stream) => throw new NotSupportedException();

        public void Visit(YamlDocument document) => throw new NotSupportedException();

        public void Visit(YamlScalarNode scalar) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Value ?? "", scalar.Style,
                isPlainImplicit: scalar.Style != ScalarStyle.DoubleQuoted, isQuotedImplicit: true));

        public void Visit(YamlSequenceNode sequence)
        {
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true,
                sequence.Children.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
            foreach (var child in sequence.Children)
            {
                child.Accept(this);
            }

            emitter.Emit(new SequenceEnd());
        }

        public void Visit(YamlMappingNode mapping)
        {
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true,
                mapping.Children.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
            foreach (var (key, value) in mapping.Children)
            {
                key.Accept(this);
                value.Accept(this);
            }

            emitter.Emit(new MappingEnd());
        }
    }
}
