using System.Buffers.Binary;
using System.Text;
using CrazyTrain.Training.Native;

namespace CrazyTrain.Training.Tests;

public class ElfVersionPatcherTests
{
    private const int FirstAuxFlags = 128 + 16 + 4;
    private const int SecondAuxFlags = 128 + 32 + 4;

    [Fact]
    public void Marks_only_the_named_requirement_weak()
    {
        var elf = BuildElf();

        var outcome = ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.32");

        Assert.Equal(ElfVersionPatcher.Outcome.Patched, outcome);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(FirstAuxFlags)));
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(SecondAuxFlags)));
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        var elf = BuildElf();
        ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.32");
        var once = elf.ToArray();

        var outcome = ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.32");

        Assert.Equal(ElfVersionPatcher.Outcome.AlreadyWeak, outcome);
        Assert.Equal(once, elf);
    }

    [Fact]
    public void A_library_without_the_requirement_is_left_alone()
    {
        var elf = BuildElf();
        var before = elf.ToArray();

        Assert.Equal(ElfVersionPatcher.Outcome.NotRequired, ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.33"));
        Assert.Equal(before, elf);
    }

    [Fact]
    public void A_prefix_of_a_version_name_does_not_match()
    {
        var elf = BuildElf();
        Assert.Equal(ElfVersionPatcher.Outcome.NotRequired, ElfVersionPatcher.MarkWeak(elf, "GLIBCXX_3.4.3"));
    }

    [Fact]
    public void Rejects_files_that_are_not_elf64()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkWeak(new byte[128], "GLIBCXX_3.4.32"));
        var truncated = BuildElf()[..150];
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkWeak(truncated, "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void The_shipped_torchsharp_library_ends_up_with_a_weak_requirement()
    {
        TorchNative.EnsureLoadable();
        var path = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"{path} is missing from the build output");
        var copy = File.ReadAllBytes(path);

        var first = ElfVersionPatcher.MarkWeak(copy, TorchNative.RequiredLibStdCxxVersion);
        var second = ElfVersionPatcher.MarkWeak(copy, TorchNative.RequiredLibStdCxxVersion);

        Assert.Contains(first, new[] { ElfVersionPatcher.Outcome.Patched, ElfVersionPatcher.Outcome.AlreadyWeak });
        Assert.Equal(ElfVersionPatcher.Outcome.AlreadyWeak, second);
    }

    /// <summary>
    /// A minimal ELF64 file: header, .dynstr, one Verneed (libstdc++.so.6) with two Vernaux entries, and a section
    /// header table [null, .dynstr, .gnu.version_r].
    /// </summary>
    private static byte[] BuildElf()
    {
        var elf = new byte[192 + (3 * 64)];
        "\x7f"u8.CopyTo(elf);
        Encoding.ASCII.GetBytes("ELF").CopyTo(elf, 1);
        elf[4] = 2;
        elf[5] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(elf.AsSpan(0x28), 192);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(0x3C), 3);

        var strings = Encoding.ASCII.GetBytes("\0libstdc++.so.6\0GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0");
        strings.CopyTo(elf, 64);
        const uint library = 1;
        const uint older = 16;
        const uint newer = 31;

        var need = elf.AsSpan(128);
        BinaryPrimitives.WriteUInt16LittleEndian(need, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(need[2..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(need[4..], library);
        BinaryPrimitives.WriteUInt32LittleEndian(need[8..], 16);
        BinaryPrimitives.WriteUInt32LittleEndian(need[12..], 0);
        WriteAux(elf.AsSpan(144), older, next: 16, index: 2);
        WriteAux(elf.AsSpan(160), newer, next: 0, index: 3);

        var dynstr = elf.AsSpan(192 + 64);
        BinaryPrimitives.WriteUInt32LittleEndian(dynstr[4..], 3);
        BinaryPrimitives.WriteUInt64LittleEndian(dynstr[0x18..], 64);
        BinaryPrimitives.WriteUInt64LittleEndian(dynstr[0x20..], (ulong)strings.Length);

        var verneed = elf.AsSpan(192 + 128);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[4..], 0x6ffffffe);
        BinaryPrimitives.WriteUInt64LittleEndian(verneed[0x18..], 128);
        BinaryPrimitives.WriteUInt64LittleEndian(verneed[0x20..], 48);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[0x28..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[0x2C..], 1);
        return elf;
    }

    private static void WriteAux(Span<byte> aux, uint name, uint next, ushort index)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(aux, 0x12345);
        BinaryPrimitives.WriteUInt16LittleEndian(aux[4..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(aux[6..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(aux[8..], name);
        BinaryPrimitives.WriteUInt32LittleEndian(aux[12..], next);
    }
}
