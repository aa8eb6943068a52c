// Compiled twice: by MSBuild's RoslynCodeTaskFactory at build time (Directory.Build.targets, task RemoveElfNeeded)
// and by tests/CrazyTrain.FreshMachine.Tests, which defines CRAZYTRAIN_ELF_TESTS to leave the MSBuild task out.
// Plain C# 7.3 and netstandard2.0 only: the task factory compiles against MSBuild's reference assemblies.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CrazyTrain.Build
{
    /// <summary>
    /// Reads and removes <c>DT_NEEDED</c> entries (the shared libraries the loader must load first) of an ELF64
    /// little-endian shared library.
    /// </summary>
    /// <remarks>
    /// OpenCvSharp's official Linux runtime links GTK 3 and its friends for <c>highgui</c>'s windows, which
    /// CrazyTrain never opens; their symbols are bound lazily (PLT slots only), so a copy without those entries
    /// loads on a machine without them. Removing an entry moves the later ones up and fills the end of the
    /// dynamic section with <c>DT_NULL</c>: nothing else in the file moves.
    /// </remarks>
    public static class ElfNeededEntries
    {
        private const uint PtLoad = 1;
        private const uint PtDynamic = 2;
        private const long DtNull = 0;
        private const long DtNeeded = 1;
        private const long DtStrtab = 5;
        private const int DynamicEntrySize = 16;

        /// <summary>The <c>DT_NEEDED</c> names in the order the loader sees them.</summary>
        public static IReadOnlyList<string> Read(byte[] elf)
        {
            var dynamic = DynamicSection(elf);
            var strings = StringTable(elf, dynamic);
            return Entries(elf, dynamic)
                .Where(entry => entry.Key == DtNeeded)
                .Select(entry => ReadName(elf, strings, entry.Value))
                .ToList();
        }

        /// <summary>Removes the <c>DT_NEEDED</c> entries named in <paramref name="libraries"/>; returns how many it removed.</summary>
        /// <exception cref="InvalidDataException">The bytes are not an ELF64 little-endian shared library.</exception>
        public static int Remove(byte[] elf, ICollection<string> libraries)
        {
            var dynamic = DynamicSection(elf);
            var strings = StringTable(elf, dynamic);
            var entries = Entries(elf, dynamic);
            var kept = entries
                .Where(entry => entry.Key != DtNeeded || !libraries.Contains(ReadName(elf, strings, entry.Value)))
                .ToList();

            var at = dynamic.Key;
            foreach (var entry in kept)
            {
                WriteU64(elf, at, (ulong)entry.Key);
                WriteU64(elf, at + 8, entry.Value);
                at += DynamicEntrySize;
            }

            // The old DT_NULL and every slot freed above become DT_NULL.
            Array.Clear(elf, at, (entries.Count + 1 - kept.Count) * DynamicEntrySize);
            return entries.Count - kept.Count;
        }

        /// <summary>File offset and size of the PT_DYNAMIC segment.</summary>
        private static KeyValuePair<int, int> DynamicSection(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException("Not an ELF file.");
            }

            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");
            }

            foreach (var header in ProgramHeaders(elf))
            {
                if (ReadU32(elf, header) == PtDynamic)
                {
                    return new KeyValuePair<int, int>(ToInt(ReadU64(elf, header + 0x08)), ToInt(ReadU64(elf, header + 0x20)));
                }
            }

            throw new InvalidDataException("The ELF file has no dynamic section: it is not a shared library.");
        }

        private static IEnumerable<int> ProgramHeaders(byte[] elf)
        {
            var table = ToInt(ReadU64(elf, 0x20));
            var size = ReadU16(elf, 0x36);
            var count = ReadU16(elf, 0x38);
            for (var i = 0; i < count; i++)
            {
                yield return table + (i * size);
            }
        }

        /// <summary>The entries before DT_NULL, as (tag, value).</summary>
        private static List<KeyValuePair<long, ulong>> Entries(byte[] elf, KeyValuePair<int, int> dynamic)
        {
            var entries = new List<KeyValuePair<long, ulong>>();
            for (var at = dynamic.Key; at + DynamicEntrySize <= dynamic.Key + dynamic.Value; at += DynamicEntrySize)
            {
                var tag = (long)ReadU64(elf, at);
                if (tag == DtNull)
                {
                    return entries;
                }

                entries.Add(new KeyValuePair<long, ulong>(tag, ReadU64(elf, at + 8)));
            }

            throw new InvalidDataException("The dynamic section does not end with DT_NULL.");
        }

        /// <summary>File offset of the dynamic string table (DT_STRTAB holds a memory address: map it through PT_LOAD).</summary>
        private static int StringTable(byte[] elf, KeyValuePair<int, int> dynamic)
        {
            var address = Entries(elf, dynamic).Where(entry => entry.Key == DtStrtab).Select(entry => entry.Value).FirstOrDefault();
            foreach (var header in ProgramHeaders(elf))
            {
                var start = ReadU64(elf, header + 0x10);
                if (ReadU32(elf, header) == PtLoad && address >= start && address < start + ReadU64(elf, header + 0x20))
                {
                    return ToInt(address - start + ReadU64(elf, header + 0x08));
                }
            }

            throw new InvalidDataException("The dynamic string table lies outside every loaded segment.");
        }

        private static string ReadName(byte[] elf, int strings, ulong offset)
        {
            var start = ToInt((ulong)strings + offset);
            var end = Array.IndexOf(elf, (byte)0, start);
            if (end < 0)
            {
                throw new InvalidDataException($"The library name at byte {start} has no end.");
            }

            return Encoding.UTF8.GetString(elf, start, end - start);
        }

        private static int ToInt(ulong value)
        {
            if (value > int.MaxValue)
            {
                throw new InvalidDataException($"ELF offset {value} is beyond what this editor reads (2 GiB).");
            }

            return (int)value;
        }

        private static ushort ReadU16(byte[] b, int at) => (ushort)ReadLittleEndian(b, at, 2);

        private static uint ReadU32(byte[] b, int at) => (uint)ReadLittleEndian(b, at, 4);

        private static ulong ReadU64(byte[] b, int at) => ReadLittleEndian(b, at, 8);

        private static ulong ReadLittleEndian(byte[] b, int at, int length)
        {
            if (at < 0 || at + length > b.Length)
            {
                throw new InvalidDataException($"ELF table entry at byte {at} lies outside the file.");
            }

            ulong value = 0;
            for (var i = length - 1; i >= 0; i--)
            {
                value = (value << 8) | b[at + i];
            }

            return value;
        }

        private static void WriteU64(byte[] b, int at, ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                b[at + i] = (byte)(value >> (8 * i));
            }
        }
    }

#if !CRAZYTRAIN_ELF_TESTS
    /// <summary>
    /// MSBuild task: writes a copy of <see cref="Source"/> without the <see cref="Libraries"/> entries to
    /// <see cref="Destination"/>, once (an up-to-date copy is kept), replacing it atomically so parallel builds
    /// never see half a library.
    /// </summary>
    public sealed class RemoveElfNeeded : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string Source { get; set; } = string.Empty;

        [Microsoft.Build.Framework.Required]
        public string Destination { get; set; } = string.Empty;

        [Microsoft.Build.Framework.Required]
        public string[] Libraries { get; set; } = new string[0];

        public override bool Execute()
        {
            try
            {
                if (File.Exists(Destination) && File.GetLastWriteTimeUtc(Destination) >= File.GetLastWriteTimeUtc(Source))
                {
                    return true;
                }

                var elf = File.ReadAllBytes(Source);
                var removed = ElfNeededEntries.Remove(elf, new HashSet<string>(Libraries));
                Directory.CreateDirectory(Path.GetDirectoryName(Destination));
                var temporary = Destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temporary, elf);
                try
                {
                    File.Move(temporary, Destination);
                }
                catch (IOException) when (File.Exists(Destination))
                {
                    // Another project wrote it first (or an older copy is there): replace it, still atomically.
                    File.Replace(temporary, Destination, null);
                }

                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    $"{Path.GetFileName(Source)}: removed {removed} unused library entries ({string.Join(", ", Libraries)}) -> {Destination}");
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Could not write the GUI-free copy of {Source} to {Destination}: {e.Message}");
                return false;
            }
        }
    }
#endif
}
