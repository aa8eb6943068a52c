using System.Buffers.Binary;
using System.Text;

namespace CrazyTrain.Training.Native;

/// <summary>
/// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak.
/// </summary>
/// <remarks>
/// libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13) only for <c>std::ios_base_library_init</c>, a marker
/// symbol without relocations. Debian 12's libstdc++ stops at 3.4.30, so the loader refuses the library.
/// With <c>VER_FLG_WEAK</c> set on that <c>Vernaux</c> entry glibc only warns and the library works.
/// </remarks>
public static class ElfVersionPatcher
{
    public const ushort VerFlagWeak = 0x2;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>What <see cref="MarkWeak"/> found.</summary>
    public enum Outcome
    {
        /// <summary>The library does not ask for that version: nothing to do.</summary>
        NotRequired,

        /// <summary>The requirement was already weak (the patch is idempotent).</summary>
        AlreadyWeak,

        /// <summary>The requirement was strong and is now weak.</summary>
        Patched,
    }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/> in <paramref name="elf"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ELF64 little-endian file or its tables are out of bounds.</exception>
    public static Outcome MarkWeak(Span<byte> elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file.");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");
        }

        var sectionTable = checked((int)ReadU64(elf, 0x28));
        var sectionSize = ReadU16(elf, 0x3A);
        var sectionCount = ReadU16(elf, 0x3C);
        var wanted = Encoding.ASCII.GetBytes(version);
        var found = false;
        var patched = false;

        for (var s = 0; s < sectionCount; s++)
        {
            var header = checked(sectionTable + (s * sectionSize));
            if (ReadU32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = checked((int)ReadU64(elf, header + 0x18));
            var stringSection = (int)ReadU32(elf, header + 0x28);
            var needCount = ReadU32(elf, header + 0x2C);
            var strings = checked((int)ReadU64(elf, checked(sectionTable + (stringSection * sectionSize)) + 0x18));

            var need = offset;
            for (var n = 0; n < needCount; n++)
            {
                var auxCount = ReadU16(elf, need + 2);
                var aux = checked(need + (int)ReadU32(elf, need + 8));
                for (var a = 0; a < auxCount; a++)
                {
                    var name = checked(strings + (int)ReadU32(elf, aux + 8));
                    if (NameEquals(elf, name, wanted))
                    {
                        found = true;
                        var flags = ReadU16(elf, aux + 4);
                        if ((flags & VerFlagWeak) == 0)
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(elf.Slice(aux + 4, 2), (ushort)(flags | VerFlagWeak));
                            patched = true;
                        }
                    }

                    var nextAux = ReadU32(elf, aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }

                    aux = checked(aux + (int)nextAux);
                }

                var nextNeed = ReadU32(elf, need + 12);
                if (nextNeed == 0)
                {
                    break;
                }

                need = checked(need + (int)nextNeed);
            }
        }

        return !found ? Outcome.NotRequired : patched ? Outcome.Patched : Outcome.AlreadyWeak;
    }

    private static bool NameEquals(ReadOnlySpan<byte> elf, int at, ReadOnlySpan<byte> wanted)
    {
        if (at < 0 || at + wanted.Length >= elf.Length)
        {
            return false;
        }

        return elf.Slice(at, wanted.Length).SequenceEqual(wanted) && elf[at + wanted.Length] == 0;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(b, at, 2));

    private static uint ReadU32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(b, at, 4));

    private static ulong ReadU64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(b, at, 8));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> b, int at, int length)
    {
        if (at < 0 || at + length > b.Length)
        {
            throw new InvalidDataException($"ELF table entry at byte {at} lies outside the file.");
        }

        return b.Slice(at, length);
    }
}
