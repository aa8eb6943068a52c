using CrazyTrain.Build;

namespace CrazyTrain.FreshMachine.Tests;

/// <summary>The build's DT_NEEDED editor on the real OpenCV library and on bytes that are not a library.</summary>
public sealed class ElfNeededEntriesTests
{
    [Fact]
    public void Removing_an_entry_moves_the_later_ones_up_and_keeps_the_rest_of_the_file()
    {
        var original = File.ReadAllBytes(OpenCvWithoutGuiTests.OutputCopy);
        var edited = (byte[])original.Clone();

        var removed = ElfNeededEntries.Remove(edited, ["libdl.so.2", "not-there.so.1"]);

        Assert.Equal(1, removed);
        Assert.Equal(OpenCvWithoutGuiTests.RemainingLibraries.Where(name => name != "libdl.so.2"), ElfNeededEntries.Read(edited));
        Assert.Equal(original.Length, edited.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != edited[i]).ToList();
        Assert.True(changed[^1] - changed[0] < 64 * 16, "only the dynamic section changes");
    }

    [Fact]
    public void The_build_output_copy_is_already_edited_so_a_second_edit_changes_nothing()
    {
        var copy = File.ReadAllBytes(OpenCvWithoutGuiTests.OutputCopy);

        Assert.Equal(0, ElfNeededEntries.Remove(copy, ["libgtk-3.so.0", "libX11.so.6", "libatomic.so.1"]));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "Not an ELF file.")]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1 }, "Not an ELF file.")]
    public void Bytes_that_are_not_a_library_get_a_clear_error(byte[] bytes, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ElfNeededEntries.Read(bytes));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_32_bit_or_truncated_library_gets_a_clear_error()
    {
        var header = File.ReadAllBytes(OpenCvWithoutGuiTests.OutputCopy).AsSpan(0, 4096).ToArray();
        var truncated = Assert.Throws<InvalidDataException>(() => ElfNeededEntries.Read(header));
        Assert.Contains("outside the file", truncated.Message);

        header[4] = 1;
        Assert.Equal("Only 64-bit little-endian ELF files are supported.", Assert.Throws<InvalidDataException>(() => ElfNeededEntries.Read(header)).Message);
    }
}
