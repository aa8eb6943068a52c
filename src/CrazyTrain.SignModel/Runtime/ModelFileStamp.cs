namespace CrazyTrain.SignModel.Runtime;

/// <summary>Last write time and length of a model file: cheap to read, changes whenever the file is replaced.</summary>
public readonly record struct ModelFileStamp(DateTime LastWriteUtc, long Length)
{
    public static ModelFileStamp? Of(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? new ModelFileStamp(file.LastWriteTimeUtc, file.Length) : null;
    }
}
