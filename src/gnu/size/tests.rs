//! The size formats against du 9.1: every column of sizes, the -B spellings, the environment.

use super::*;

/// Format and print one size.
fn show(format: &SizeFormat, bytes: u64) -> String {
    let mut out = Vec::new();
    format.write(bytes, &Numbers::c(), &mut out);
    String::from_utf8(out).expect("ASCII output")
}

/// The formats of the columns of `WRITE_TABLE`, with the du option that makes each.
fn write_formats() -> Vec<(&'static str, SizeFormat)> {
    let p = |s: &[u8]| SizeFormat::parse(s, false).expect("valid block size");
    vec![
        ("-b", SizeFormat::blocks(1)),
        ("-k", SizeFormat::blocks(1024)),
        ("-m", SizeFormat::blocks(1048576)),
        ("-B512", SizeFormat::blocks(512)),
        ("-h", SizeFormat::human()),
        ("--si", SizeFormat::si()),
        ("-BK", p(b"K")),
        ("-BKB", p(b"KB")),
        ("-BKiB", p(b"KiB")),
        ("-BMB", p(b"MB")),
        ("-B1000", p(b"1000")),
        ("-B3", p(b"3")),
        ("-B1536", p(b"1536")),
        ("-B9223372036854775809", p(b"9223372036854775809")),
        ("-BE", p(b"E")),
        ("-BEB", p(b"EB")),
        ("-B'1", p(b"'1")),
        ("-BKD", p(b"KD")),
    ]
}

// Taken from GNU du 9.1 (LC_ALL=C.UTF-8) on this machine, one row per byte count,
// one column per format of `write_formats`, produced by this script (run on tmpfs,
// which allows sparse files of up to 2^63-1 bytes; larger counts are -c totals):
//
//   d=$(mktemp -d /dev/shm/sz.XXXX); max=9223372036854775807
//   for n in 0 1 2 9 10 511 ...; do   # the first column of the table
//     if [ "$n" = 18446744073709551615 ]; then
//       for f in a b c; do truncate -s $max $d/$f; done; set -- -c $d/a $d/b $d/c
//     elif [ "$(echo "$n > $max" | bc)" = 1 ]; then
//       truncate -s $max $d/a; truncate -s "$(echo "$n - $max" | bc)" $d/b; set -- -c $d/a $d/b
//     else truncate -s "$n" $d/a; set -- $d/a; fi
//     printf '(%s, [' "$n"
//     for o in -b -k -m -B512 -h --si -BK -BKB -BKiB -BMB -B1000 -B3 -B1536 \
//         -B9223372036854775809 -BE -BEB "-B'1" -BKD; do
//       printf '"%s", ' "$(du --apparent-size "$o" "$@" | tail -n1 | cut -f1)"
//     done; echo ']),'; rm -f $d/a $d/b $d/c
//   done
//
// Note the -B9223372036854775809 column: du prints 0 for 2^62 and 2^63 bytes because
// human_readable's remainder arithmetic wraps in uintmax_t.
#[rustfmt::skip]
const WRITE_TABLE: &[(u64, [&str; 18])] = &[
    (0, ["0", "0", "0", "0", "0", "0", "0K", "0kB", "0KiB", "0MB", "0", "0", "0", "0", "0E", "0EB", "0", "0K"]),
    (1, ["1", "1", "1", "1", "1", "1", "1K", "1kB", "1KiB", "1MB", "1", "1", "1", "1", "1E", "1EB", "1", "1K"]),
    (2, ["2", "1", "1", "1", "2", "2", "1K", "1kB", "1KiB", "1MB", "1", "1", "1", "1", "1E", "1EB", "2", "1K"]),
    (9, ["9", "1", "1", "1", "9", "9", "1K", "1kB", "1KiB", "1MB", "1", "3", "1", "1", "1E", "1EB", "9", "1K"]),
    (10, ["10", "1", "1", "1", "10", "10", "1K", "1kB", "1KiB", "1MB", "1", "4", "1", "1", "1E", "1EB", "10", "1K"]),
    (511, ["511", "1", "1", "1", "511", "511", "1K", "1kB", "1KiB", "1MB", "1", "171", "1", "1", "1E", "1EB", "511", "1K"]),
    (512, ["512", "1", "1", "1", "512", "512", "1K", "1kB", "1KiB", "1MB", "1", "171", "1", "1", "1E", "1EB", "512", "1K"]),
    (513, ["513", "1", "1", "2", "513", "513", "1K", "1kB", "1KiB", "1MB", "1", "171", "1", "1", "1E", "1EB", "513", "1K"]),
    (999, ["999", "1", "1", "2", "999", "999", "1K", "1kB", "1KiB", "1MB", "1", "333", "1", "1", "1E", "1EB", "999", "1K"]),
    (1000, ["1000", "1", "1", "2", "1000", "1.0k", "1K", "1kB", "1KiB", "1MB", "1", "334", "1", "1", "1E", "1EB", "1000", "1K"]),
    (1001, ["1001", "1", "1", "2", "1001", "1.1k", "1K", "2kB", "1KiB", "1MB", "2", "334", "1", "1", "1E", "1EB", "1001", "2K"]),
    (1023, ["1023", "1", "1", "2", "1023", "1.1k", "1K", "2kB", "1KiB", "1MB", "2", "341", "1", "1", "1E", "1EB", "1023", "2K"]),
    (1024, ["1024", "1", "1", "2", "1.0K", "1.1k", "1K", "2kB", "1KiB", "1MB", "2", "342", "1", "1", "1E", "1EB", "1024", "2K"]),
    (1025, ["1025", "2", "1", "3", "1.1K", "1.1k", "2K", "2kB", "2KiB", "1MB", "2", "342", "1", "1", "1E", "1EB", "1025", "2K"]),
    (1536, ["1536", "2", "1", "3", "1.5K", "1.6k", "2K", "2kB", "2KiB", "1MB", "2", "512", "1", "1", "1E", "1EB", "1536", "2K"]),
    (1537, ["1537", "2", "1", "4", "1.6K", "1.6k", "2K", "2kB", "2KiB", "1MB", "2", "513", "2", "1", "1E", "1EB", "1537", "2K"]),
    (9999, ["9999", "10", "1", "20", "9.8K", "10k", "10K", "10kB", "10KiB", "1MB", "10", "3333", "7", "1", "1E", "1EB", "9999", "10K"]),
    (10000, ["10000", "10", "1", "20", "9.8K", "10k", "10K", "10kB", "10KiB", "1MB", "10", "3334", "7", "1", "1E", "1EB", "10000", "10K"]),
    (10137, ["10137", "10", "1", "20", "9.9K", "11k", "10K", "11kB", "10KiB", "1MB", "11", "3379", "7", "1", "1E", "1EB", "10137", "11K"]),
    (10138, ["10138", "10", "1", "20", "10K", "11k", "10K", "11kB", "10KiB", "1MB", "11", "3380", "7", "1", "1E", "1EB", "10138", "11K"]),
    (10239, ["10239", "10", "1", "20", "10K", "11k", "10K", "11kB", "10KiB", "1MB", "11", "3413", "7", "1", "1E", "1EB", "10239", "11K"]),
    (10240, ["10240", "10", "1", "20", "10K", "11k", "10K", "11kB", "10KiB", "1MB", "11", "3414", "7", "1", "1E", "1EB", "10240", "11K"]),
    (10241, ["10241", "11", "1", "21", "11K", "11k", "11K", "11kB", "11KiB", "1MB", "11", "3414", "7", "1", "1E", "1EB", "10241", "11K"]),
    (10752, ["10752", "11", "1", "21", "11K", "11k", "11K", "11kB", "11KiB", "1MB", "11", "3584", "7", "1", "1E", "1EB", "10752", "11K"]),
    (99999, ["99999", "98", "1", "196", "98K", "100k", "98K", "100kB", "98KiB", "1MB", "100", "33333", "66", "1", "1E", "1EB", "99999", "100K"]),
    (100000, ["100000", "98", "1", "196", "98K", "100k", "98K", "100kB", "98KiB", "1MB", "100", "33334", "66", "1", "1E", "1EB", "100000", "100K"]),
    (102399, ["102399", "100", "1", "200", "100K", "103k", "100K", "103kB", "100KiB", "1MB", "103", "34133", "67", "1", "1E", "1EB", "102399", "103K"]),
    (102400, ["102400", "100", "1", "200", "100K", "103k", "100K", "103kB", "100KiB", "1MB", "103", "34134", "67", "1", "1E", "1EB", "102400", "103K"]),
    (102401, ["102401", "101", "1", "201", "101K", "103k", "101K", "103kB", "101KiB", "1MB", "103", "34134", "67", "1", "1E", "1EB", "102401", "103K"]),
    (999499, ["999499", "977", "1", "1953", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333167", "651", "1", "1E", "1EB", "999499", "1000K"]),
    (999500, ["999500", "977", "1", "1953", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333167", "651", "1", "1E", "1EB", "999500", "1000K"]),
    (999949, ["999949", "977", "1", "1954", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333317", "652", "1", "1E", "1EB", "999949", "1000K"]),
    (999950, ["999950", "977", "1", "1954", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333317", "652", "1", "1E", "1EB", "999950", "1000K"]),
    (999951, ["999951", "977", "1", "1954", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333317", "652", "1", "1E", "1EB", "999951", "1000K"]),
    (999999, ["999999", "977", "1", "1954", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333333", "652", "1", "1E", "1EB", "999999", "1000K"]),
    (1000000, ["1000000", "977", "1", "1954", "977K", "1.0M", "977K", "1000kB", "977KiB", "1MB", "1000", "333334", "652", "1", "1E", "1EB", "1000000", "1000K"]),
    (1000001, ["1000001", "977", "1", "1954", "977K", "1.1M", "977K", "1001kB", "977KiB", "2MB", "1001", "333334", "652", "1", "1E", "1EB", "1000001", "1001K"]),
    (1023999, ["1023999", "1000", "1", "2000", "1000K", "1.1M", "1000K", "1024kB", "1000KiB", "2MB", "1024", "341333", "667", "1", "1E", "1EB", "1023999", "1024K"]),
    (1047552, ["1047552", "1023", "1", "2046", "1023K", "1.1M", "1023K", "1048kB", "1023KiB", "2MB", "1048", "349184", "682", "1", "1E", "1EB", "1047552", "1048K"]),
    (1047553, ["1047553", "1024", "1", "2047", "1.0M", "1.1M", "1024K", "1048kB", "1024KiB", "2MB", "1048", "349185", "683", "1", "1E", "1EB", "1047553", "1048K"]),
    (1048064, ["1048064", "1024", "1", "2047", "1.0M", "1.1M", "1024K", "1049kB", "1024KiB", "2MB", "1049", "349355", "683", "1", "1E", "1EB", "1048064", "1049K"]),
    (1048575, ["1048575", "1024", "1", "2048", "1.0M", "1.1M", "1024K", "1049kB", "1024KiB", "2MB", "1049", "349525", "683", "1", "1E", "1EB", "1048575", "1049K"]),
    (1048576, ["1048576", "1024", "1", "2048", "1.0M", "1.1M", "1024K", "1049kB", "1024KiB", "2MB", "1049", "349526", "683", "1", "1E", "1EB", "1048576", "1049K"]),
    (1048577, ["1048577", "1025", "2", "2049", "1.1M", "1.1M", "1025K", "1049kB", "1025KiB", "2MB", "1049", "349526", "683", "1", "1E", "1EB", "1048577", "1049K"]),
    (10485760, ["10485760", "10240", "10", "20480", "10M", "11M", "10240K", "10486kB", "10240KiB", "11MB", "10486", "3495254", "6827", "1", "1E", "1EB", "10485760", "10486K"]),
    (10485761, ["10485761", "10241", "11", "20481", "11M", "11M", "10241K", "10486kB", "10241KiB", "11MB", "10486", "3495254", "6827", "1", "1E", "1EB", "10485761", "10486K"]),
    (1073741823, ["1073741823", "1048576", "1024", "2097152", "1.0G", "1.1G", "1048576K", "1073742kB", "1048576KiB", "1074MB", "1073742", "357913941", "699051", "1", "1E", "1EB", "1073741823", "1073742K"]),
    (1073741824, ["1073741824", "1048576", "1024", "2097152", "1.0G", "1.1G", "1048576K", "1073742kB", "1048576KiB", "1074MB", "1073742", "357913942", "699051", "1", "1E", "1EB", "1073741824", "1073742K"]),
    (1073741825, ["1073741825", "1048577", "1025", "2097153", "1.1G", "1.1G", "1048577K", "1073742kB", "1048577KiB", "1074MB", "1073742", "357913942", "699051", "1", "1E", "1EB", "1073741825", "1073742K"]),
    (1099511627776, ["1099511627776", "1073741824", "1048576", "2147483648", "1.0T", "1.1T", "1073741824K", "1099511628kB", "1073741824KiB", "1099512MB", "1099511628", "366503875926", "715827883", "1", "1E", "1EB", "1099511627776", "1099511628K"]),
    (1000000000000, ["1000000000000", "976562500", "953675", "1953125000", "932G", "1.0T", "976562500K", "1000000000kB", "976562500KiB", "1000000MB", "1000000000", "333333333334", "651041667", "1", "1E", "1EB", "1000000000000", "1000000000K"]),
    (1000000000001, ["1000000000001", "976562501", "953675", "1953125001", "932G", "1.1T", "976562501K", "1000000001kB", "976562501KiB", "1000001MB", "1000000001", "333333333334", "651041667", "1", "1E", "1EB", "1000000000001", "1000000001K"]),
    (1125899906842624, ["1125899906842624", "1099511627776", "1073741824", "2199023255552", "1.0P", "1.2P", "1099511627776K", "1125899906843kB", "1099511627776KiB", "1125899907MB", "1125899906843", "375299968947542", "733007751851", "1", "1E", "1EB", "1125899906842624", "1125899906843K"]),
    (1152921504606846976, ["1152921504606846976", "1125899906842624", "1099511627776", "2251799813685248", "1.0E", "1.2E", "1125899906842624K", "1152921504606847kB", "1125899906842624KiB", "1152921504607MB", "1152921504606847", "384307168202282326", "750599937895083", "1", "1E", "2EB", "1152921504606846976", "1152921504606847K"]),
    (4611686018427387904, ["4611686018427387904", "4503599627370496", "4398046511104", "9007199254740992", "4.0E", "4.7E", "4503599627370496K", "4611686018427388kB", "4503599627370496KiB", "4611686018428MB", "4611686018427388", "1537228672809129302", "3002399751580331", "0", "4E", "5EB", "4611686018427387904", "4611686018427388K"]),
    (9223372036854775807, ["9223372036854775807", "9007199254740992", "8796093022208", "18014398509481984", "8.0E", "9.3E", "9007199254740992K", "9223372036854776kB", "9007199254740992KiB", "9223372036855MB", "9223372036854776", "3074457345618258603", "6004799503160662", "1", "8E", "10EB", "9223372036854775807", "9223372036854776K"]),
    (9223372036854775808, ["9223372036854775808", "9007199254740992", "8796093022208", "18014398509481984", "8.0E", "9.3E", "9007199254740992K", "9223372036854776kB", "9007199254740992KiB", "9223372036855MB", "9223372036854776", "3074457345618258603", "6004799503160662", "0", "8E", "10EB", "9223372036854775808", "9223372036854776K"]),
    (9223372036854775809, ["9223372036854775809", "9007199254740993", "8796093022209", "18014398509481985", "8.1E", "9.3E", "9007199254740993K", "9223372036854776kB", "9007199254740993KiB", "9223372036855MB", "9223372036854776", "3074457345618258603", "6004799503160662", "1", "9E", "10EB", "9223372036854775809", "9223372036854776K"]),
    (10000000000000000000, ["10000000000000000000", "9765625000000000", "9536743164063", "19531250000000000", "8.7E", "10E", "9765625000000000K", "10000000000000000kB", "9765625000000000KiB", "10000000000000MB", "10000000000000000", "3333333333333333334", "6510416666666667", "2", "9E", "10EB", "10000000000000000000", "10000000000000000K"]),
    (18446744073709551614, ["18446744073709551614", "18014398509481984", "17592186044416", "36028797018963968", "16E", "19E", "18014398509481984K", "18446744073709552kB", "18014398509481984KiB", "18446744073710MB", "18446744073709552", "6148914691236517205", "12009599006321323", "2", "16E", "19EB", "18446744073709551614", "18446744073709552K"]),
    (18446744073709551615, ["Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity", "Infinity"]),
];

#[test]
fn write_matches_du() {
    let formats = write_formats();
    for (bytes, expected) in WRITE_TABLE {
        for ((option, format), want) in formats.iter().zip(expected.iter()) {
            assert_eq!(show(format, *bytes), *want, "du {option} on {bytes} bytes");
        }
    }
}

#[test]
fn write_examples_from_the_brief() {
    let k = SizeFormat::blocks(1024);
    assert_eq!(show(&k, 1), "1");
    assert_eq!(show(&k, 1025), "2");
    let h = SizeFormat::human();
    assert_eq!(show(&h, 1025), "1.1K");
    assert_eq!(show(&h, 10241), "11K");
    assert_eq!(show(&h, 1023), "1023");
    assert_eq!(show(&h, 0), "0");
    assert_eq!(show(&SizeFormat::si(), 1001), "1.1k");
    assert_eq!(show(&h, u64::MAX), "Infinity");
}

#[test]
fn write_appends() {
    let mut out = b"x".to_vec();
    SizeFormat::human().write(1536, &Numbers::c(), &mut out);
    SizeFormat::blocks(1).write(7, &Numbers::c(), &mut out);
    assert_eq!(out, b"x1.5K7");
}

/// The locale's punctuation: du 9.1 in fr_FR.UTF-8 prints `8,4K` for `-h` of 8,500 bytes,
/// `16 384` (U+202F) for `--block-size="'1"` of 16 KiB and `1 023` for `-B"'h"` of 1,023 bytes;
/// in "C" the `'` changes nothing.
#[test]
fn write_in_the_locale_s_punctuation() {
    let lconv = crate::sys::Lconv {
        decimal_point: b",".to_vec(),
        thousands_sep: "\u{202f}".as_bytes().to_vec(),
        grouping: b"\x03\x03".to_vec(),
    };
    let french = Numbers::new(&lconv);
    let show_in = |format: &SizeFormat, bytes: u64, numbers: &Numbers| {
        let mut out = Vec::new();
        format.write(bytes, numbers, &mut out);
        String::from_utf8(out).expect("UTF-8")
    };
    let grouped = SizeFormat::parse(b"'1", false).expect("a block size");
    let grouped_h = SizeFormat::parse(b"'h", false).expect("a block size");
    assert_eq!(show_in(&SizeFormat::human(), 8500, &french), "8,4K");
    assert_eq!(show_in(&SizeFormat::si(), 8500, &french), "8,5k");
    assert_eq!(show_in(&SizeFormat::human(), 10241, &french), "11K");
    assert_eq!(show_in(&grouped, 16384, &french), "16\u{202f}384");
    assert_eq!(
        show_in(&grouped, 1234567, &french),
        "1\u{202f}234\u{202f}567"
    );
    assert_eq!(show_in(&grouped_h, 1023, &french), "1\u{202f}023");
    assert_eq!(show_in(&grouped_h, 8500, &french), "8,4K");
    assert_eq!(show_in(&SizeFormat::blocks(1), 16384, &french), "16384");
    assert_eq!(show_in(&grouped, 16384, &Numbers::c()), "16384");
    assert_eq!(show_in(&grouped_h, 1536, &Numbers::c()), "1.5K");
    assert!(Numbers::c().is_plain() && !french.is_plain());
}

/// A -B spelling and du's output for five sizes, or its error.
type ParseRow = (&'static [u8], Result<[&'static str; 5], SizeError>);

// `du --apparent-size -B SPEC` on files of 0, 1000, 1025, 1048577 and 2^63-1 bytes,
// or the kind of error du reported, taken from GNU du 9.1 with (in a tmpfs dir):
//   for v in 0 1000 1025 1048577 9223372036854775807; do truncate -s $v f$v; done
//   du --apparent-size -B "$SPEC" f0 f1000 f1025 f1048577 f9223372036854775807
// ("invalid -B argument" = Invalid, "invalid suffix in -B argument" = InvalidSuffix,
// "-B argument ... too large" = TooLarge).
#[rustfmt::skip]
const PARSE_TABLE: &[ParseRow] = &[
    (b"1", Ok(["0", "1000", "1025", "1048577", "9223372036854775807"])),
    (b"2", Ok(["0", "500", "513", "524289", "4611686018427387904"])),
    (b"7", Ok(["0", "143", "147", "149797", "1317624576693539401"])),
    (b"1000", Ok(["0", "1", "2", "1049", "9223372036854776"])),
    (b"1K", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"1k", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"2K", Ok(["0", "1", "1", "513", "4503599627370496"])),
    (b"1KB", Ok(["0", "1", "2", "1049", "9223372036854776"])),
    (b"1kB", Ok(["0", "1", "2", "1049", "9223372036854776"])),
    (b"1KiB", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"1kiB", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"1KD", Ok(["0", "1", "2", "1049", "9223372036854776"])),
    (b"K", Ok(["0K", "1K", "2K", "1025K", "9007199254740992K"])),
    (b"k", Ok(["0K", "1K", "2K", "1025K", "9007199254740992K"])),
    (b"KB", Ok(["0kB", "1kB", "2kB", "1049kB", "9223372036854776kB"])),
    (b"kB", Ok(["0kB", "1kB", "2kB", "1049kB", "9223372036854776kB"])),
    (b"KiB", Ok(["0KiB", "1KiB", "2KiB", "1025KiB", "9007199254740992KiB"])),
    (b"kiB", Ok(["0KiB", "1KiB", "2KiB", "1025KiB", "9007199254740992KiB"])),
    (b"KD", Ok(["0K", "1K", "2K", "1049K", "9223372036854776K"])),
    (b"M", Ok(["0M", "1M", "1M", "2M", "8796093022208M"])),
    (b"m", Ok(["0M", "1M", "1M", "2M", "8796093022208M"])),
    (b"MB", Ok(["0MB", "1MB", "1MB", "2MB", "9223372036855MB"])),
    (b"mB", Ok(["0MB", "1MB", "1MB", "2MB", "9223372036855MB"])),
    (b"MiB", Ok(["0MiB", "1MiB", "1MiB", "2MiB", "8796093022208MiB"])),
    (b"G", Ok(["0G", "1G", "1G", "1G", "8589934592G"])),
    (b"g", Ok(["0G", "1G", "1G", "1G", "8589934592G"])),
    (b"GB", Ok(["0GB", "1GB", "1GB", "1GB", "9223372037GB"])),
    (b"gB", Ok(["0GB", "1GB", "1GB", "1GB", "9223372037GB"])),
    (b"GiB", Ok(["0GiB", "1GiB", "1GiB", "1GiB", "8589934592GiB"])),
    (b"T", Ok(["0T", "1T", "1T", "1T", "8388608T"])),
    (b"t", Ok(["0T", "1T", "1T", "1T", "8388608T"])),
    (b"tB", Ok(["0TB", "1TB", "1TB", "1TB", "9223373TB"])),
    (b"P", Ok(["0P", "1P", "1P", "1P", "8192P"])),
    (b"PB", Ok(["0PB", "1PB", "1PB", "1PB", "9224PB"])),
    (b"E", Ok(["0E", "1E", "1E", "1E", "8E"])),
    (b"EB", Ok(["0EB", "1EB", "1EB", "1EB", "10EB"])),
    (b"EiB", Ok(["0EiB", "1EiB", "1EiB", "1EiB", "8EiB"])),
    (b"ED", Ok(["0E", "1E", "1E", "1E", "10E"])),
    (b"1E", Ok(["0", "1", "1", "1", "8"])),
    (b"15E", Ok(["0", "1", "1", "1", "1"])),
    (b"h", Ok(["0", "1000", "1.1K", "1.1M", "8.0E"])),
    (b"hu", Ok(["0", "1000", "1.1K", "1.1M", "8.0E"])),
    (b"human", Ok(["0", "1000", "1.1K", "1.1M", "8.0E"])),
    (b"human-readable", Ok(["0", "1000", "1.1K", "1.1M", "8.0E"])),
    (b"s", Ok(["0", "1.0k", "1.1k", "1.1M", "9.3E"])),
    (b"si", Ok(["0", "1.0k", "1.1k", "1.1M", "9.3E"])),
    (b"'h", Ok(["0", "1000", "1.1K", "1.1M", "8.0E"])),
    (b"'si", Ok(["0", "1.0k", "1.1k", "1.1M", "9.3E"])),
    (b"'1", Ok(["0", "1000", "1025", "1048577", "9223372036854775807"])),
    (b"'K", Ok(["0K", "1K", "2K", "1025K", "9007199254740992K"])),
    (b"'KB", Ok(["0kB", "1kB", "2kB", "1049kB", "9223372036854776kB"])),
    (b"'KiB", Ok(["0KiB", "1KiB", "2KiB", "1025KiB", "9007199254740992KiB"])),
    (b"+1K", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b" 1", Ok(["0", "1000", "1025", "1048577", "9223372036854775807"])),
    (b"\t1K", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"\n1", Ok(["0", "1000", "1025", "1048577", "9223372036854775807"])),
    (b"0x10", Ok(["0", "63", "65", "65537", "576460752303423488"])),
    (b"0X10", Ok(["0", "63", "65", "65537", "576460752303423488"])),
    (b"0x1E", Ok(["0", "34", "35", "34953", "307445734561825861"])),
    (b"0x1EB", Ok(["0", "3", "3", "2136", "18784871765488342"])),
    (b"0x1K", Ok(["0", "1", "2", "1025", "9007199254740992"])),
    (b"010", Ok(["0", "125", "129", "131073", "1152921504606846976"])),
    (b"07K", Ok(["0", "1", "1", "147", "1286742750677285"])),
    (b"18446744073709551615", Ok(["0", "1", "1", "1", "1"])),
    (b"18014398509481983K", Ok(["0", "1", "1", "1", "1"])),
    (b"17179869183G", Ok(["0", "1", "1", "1", "1"])),
    (b"", Err(SizeError::Invalid)),
    (b"'", Err(SizeError::Invalid)),
    (b"''1", Err(SizeError::Invalid)),
    (b"x", Err(SizeError::Invalid)),
    (b"X", Err(SizeError::Invalid)),
    (b"B", Err(SizeError::Invalid)),
    (b"iB", Err(SizeError::Invalid)),
    (b"-1", Err(SizeError::Invalid)),
    (b"-h", Err(SizeError::Invalid)),
    (b" -1", Err(SizeError::Invalid)),
    (b"+-1", Err(SizeError::Invalid)),
    (b"+K", Err(SizeError::Invalid)),
    (b" K", Err(SizeError::Invalid)),
    (b"0", Err(SizeError::Invalid)),
    (b"00", Err(SizeError::Invalid)),
    (b"0K", Err(SizeError::Invalid)),
    (b"0X", Err(SizeError::Invalid)),
    (b"0x", Err(SizeError::Invalid)),
    (b"08", Err(SizeError::Invalid)),
    (b"09", Err(SizeError::Invalid)),
    (b"0xg", Err(SizeError::Invalid)),
    (b"Si", Err(SizeError::Invalid)),
    (b"H", Err(SizeError::Invalid)),
    (b"human-readablex", Err(SizeError::Invalid)),
    (b"si ", Err(SizeError::Invalid)),
    (b"-", Err(SizeError::Invalid)),
    (b"Ki", Err(SizeError::InvalidSuffix)),
    (b"1Ki", Err(SizeError::InvalidSuffix)),
    (b"KiD", Err(SizeError::InvalidSuffix)),
    (b"1KiD", Err(SizeError::InvalidSuffix)),
    (b"KBB", Err(SizeError::InvalidSuffix)),
    (b"1KBB", Err(SizeError::InvalidSuffix)),
    (b"KiBx", Err(SizeError::InvalidSuffix)),
    (b"1K ", Err(SizeError::InvalidSuffix)),
    (b"1 ", Err(SizeError::InvalidSuffix)),
    (b"1B", Err(SizeError::InvalidSuffix)),
    (b"1b", Err(SizeError::InvalidSuffix)),
    (b"1c", Err(SizeError::InvalidSuffix)),
    (b"1w", Err(SizeError::InvalidSuffix)),
    (b"1e", Err(SizeError::InvalidSuffix)),
    (b"e", Err(SizeError::InvalidSuffix)),
    (b"1p", Err(SizeError::InvalidSuffix)),
    (b"p", Err(SizeError::InvalidSuffix)),
    (b"1y", Err(SizeError::InvalidSuffix)),
    (b"1z", Err(SizeError::InvalidSuffix)),
    (b"1Q", Err(SizeError::InvalidSuffix)),
    (b"1R", Err(SizeError::InvalidSuffix)),
    (b"1X", Err(SizeError::InvalidSuffix)),
    (b"1x", Err(SizeError::InvalidSuffix)),
    (b"1KK", Err(SizeError::InvalidSuffix)),
    (b"1eB", Err(SizeError::InvalidSuffix)),
    (b"1a", Err(SizeError::InvalidSuffix)),
    (b"99999999999999999999", Err(SizeError::TooLarge)),
    (b"18446744073709551616", Err(SizeError::TooLarge)),
    (b"18446744073709551616K", Err(SizeError::TooLarge)),
    (b"16E", Err(SizeError::TooLarge)),
    (b"1Y", Err(SizeError::TooLarge)),
    (b"1Z", Err(SizeError::TooLarge)),
    (b"Y", Err(SizeError::TooLarge)),
    (b"Z", Err(SizeError::TooLarge)),
    (b"ZB", Err(SizeError::TooLarge)),
    (b"YiB", Err(SizeError::TooLarge)),
    (b"17179869184G", Err(SizeError::TooLarge)),
    (b"18014398509481984K", Err(SizeError::TooLarge)),
    (b"99999999999999999999X", Err(SizeError::InvalidSuffix)),
    (b"18446744073709551616x", Err(SizeError::InvalidSuffix)),
    (b"0x1Kx", Err(SizeError::InvalidSuffix)),
];

#[test]
fn parse_matches_du() {
    let sizes = [0, 1000, 1025, 1048577, 9223372036854775807];
    for (spec, expected) in PARSE_TABLE {
        let shown = String::from_utf8_lossy(spec);
        match (SizeFormat::parse(spec, false), expected) {
            (Ok(format), Ok(want)) => {
                for (bytes, want) in sizes.iter().zip(want.iter()) {
                    assert_eq!(show(&format, *bytes), *want, "-B {shown:?} on {bytes}");
                }
            }
            (got, want) => assert_eq!(got.err(), want.err(), "-B {shown:?}"),
        }
    }
}

#[test]
fn parse_gives_the_named_formats() {
    let p = |s: &[u8]| SizeFormat::parse(s, false);
    assert_eq!(p(b"human-readable"), Ok(SizeFormat::human()));
    assert_eq!(p(b"h"), Ok(SizeFormat::human()));
    assert_eq!(p(b"si"), Ok(SizeFormat::si()));
    assert_eq!(p(b"1"), Ok(SizeFormat::blocks(1)));
    assert_eq!(p(b"1K"), Ok(SizeFormat::blocks(1024)));
    assert_eq!(p(b"1M"), Ok(SizeFormat::blocks(1048576)));
    assert_eq!(p(b"1KB"), Ok(SizeFormat::blocks(1000)));
    assert_eq!(p(b"15E"), Ok(SizeFormat::blocks(15 << 60)));
    assert_eq!(p(b"18446744073709551615"), Ok(SizeFormat::blocks(u64::MAX)));
    let grouped = p(b"'1").expect("valid");
    assert!(grouped.group);
    assert_ne!(grouped, SizeFormat::blocks(1));
    assert_eq!(p(b"KiB").map(|f| f.block_size()), Ok(1024));
    assert_eq!(p(b"KB").map(|f| f.block_size()), Ok(1000));
    assert_eq!(
        p(b"EB").map(|f| f.block_size()),
        Ok(1_000_000_000_000_000_000)
    );
    assert_eq!(p(b"0").err(), Some(SizeError::Invalid));
    assert_eq!(
        SizeFormat::parse(b"0", true).err(),
        Some(SizeError::Invalid)
    );
    // A C string ends at its NUL.
    assert_eq!(p(b"2\0x"), Ok(SizeFormat::blocks(2)));
}

#[test]
fn constructors() {
    assert_eq!(SizeFormat::default_blocks(false), SizeFormat::blocks(1024));
    assert_eq!(SizeFormat::default_blocks(true), SizeFormat::blocks(512));
    assert_eq!(SizeFormat::human().block_size(), 1);
    assert_eq!(SizeFormat::si().block_size(), 1);
    assert_eq!(SizeFormat::blocks(0).block_size(), 1);
    assert_eq!(SizeFormat::blocks(7).block_size(), 7);
}

/// Environment variables and du's output for 5000 and 1048577 bytes.
type EnvRow = (
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

// `du --apparent-size` on files of 5000 and 1048577 bytes with only the given
// variables set (DU_BLOCK_SIZE, BLOCK_SIZE, BLOCKSIZE, POSIXLY_CORRECT unset
// otherwise), taken from GNU du 9.1 with:
//   env -u DU_BLOCK_SIZE -u BLOCK_SIZE -u BLOCKSIZE -u POSIXLY_CORRECT VAR=VALUE... \
//     du --apparent-size f5000 f1048577
#[rustfmt::skip]
const ENV_TABLE: &[EnvRow] = &[
    (&[], "5", "1025"),
    (&[("POSIXLY_CORRECT", "1")], "10", "2049"),
    (&[("POSIXLY_CORRECT", "")], "10", "2049"),
    (&[("DU_BLOCK_SIZE", "1")], "5000", "1048577"),
    (&[("BLOCK_SIZE", "1")], "5000", "1048577"),
    (&[("BLOCKSIZE", "1")], "5000", "1048577"),
    (
        &[
            ("DU_BLOCK_SIZE", "3"),
            ("BLOCK_SIZE", "2"),
            ("BLOCKSIZE", "1"),
        ],
        "1667",
        "349526",
    ),
    (&[("BLOCK_SIZE", "2"), ("BLOCKSIZE", "1")], "2500", "524289"),
    (&[("DU_BLOCK_SIZE", ""), ("BLOCK_SIZE", "1")], "5", "1025"),
    (&[("BLOCK_SIZE", ""), ("BLOCKSIZE", "1")], "5", "1025"),
    (&[("BLOCK_SIZE", "x"), ("BLOCKSIZE", "1")], "5", "1025"),
    (&[("DU_BLOCK_SIZE", "abc")], "5", "1025"),
    (
        &[("DU_BLOCK_SIZE", "abc"), ("POSIXLY_CORRECT", "1")],
        "10",
        "2049",
    ),
    (
        &[
            ("DU_BLOCK_SIZE", "abc"),
            ("BLOCK_SIZE", "2"),
            ("POSIXLY_CORRECT", "1"),
        ],
        "10",
        "2049",
    ),
    (&[("DU_BLOCK_SIZE", "0")], "5", "1025"),
    (
        &[("DU_BLOCK_SIZE", "0"), ("POSIXLY_CORRECT", "1")],
        "10",
        "2049",
    ),
    (&[("DU_BLOCK_SIZE", "0K")], "5", "1025"),
    (&[("DU_BLOCK_SIZE", "0X")], "5", "1025"),
    (
        &[("DU_BLOCK_SIZE", "-1"), ("POSIXLY_CORRECT", "1")],
        "10",
        "2049",
    ),
    (&[("DU_BLOCK_SIZE", "08")], "5", "1025"),
    (&[("DU_BLOCK_SIZE", "07")], "715", "149797"),
    (&[("DU_BLOCK_SIZE", "'")], "5", "1025"),
    (&[("DU_BLOCK_SIZE", "'1")], "5000", "1048577"),
    (&[("DU_BLOCK_SIZE", "'1X")], "5000", "1048577"),
    (&[("DU_BLOCK_SIZE", "1X")], "5000", "1048577"),
    (&[("DU_BLOCK_SIZE", "2X")], "2500", "524289"),
    (&[("DU_BLOCK_SIZE", "2KX")], "3", "513"),
    (&[("DU_BLOCK_SIZE", "e")], "5000", "1048577"),
    (&[("DU_BLOCK_SIZE", "Ki")], "5", "1025"),
    (&[("BLOCKSIZE", "MX")], "1", "2"),
    (&[("DU_BLOCK_SIZE", "99999999999999999999")], "1", "1"),
    (&[("DU_BLOCK_SIZE", "99999999999999999999X")], "1", "1"),
    (&[("DU_BLOCK_SIZE", "1Y")], "1", "1"),
    (&[("DU_BLOCK_SIZE", "Z")], "1", "1"),
    (&[("DU_BLOCK_SIZE", "h")], "4.9K", "1.1M"),
    (&[("DU_BLOCK_SIZE", "si")], "5.0k", "1.1M"),
    (&[("BLOCK_SIZE", "'h")], "4.9K", "1.1M"),
    (
        &[("BLOCKSIZE", "h"), ("POSIXLY_CORRECT", "1")],
        "4.9K",
        "1.1M",
    ),
    (&[("DU_BLOCK_SIZE", "K")], "5K", "1025K"),
    (&[("BLOCK_SIZE", "KB")], "5kB", "1049kB"),
    (&[("BLOCKSIZE", "MiB")], "1MiB", "2MiB"),
    (
        &[("DU_BLOCK_SIZE", "1K"), ("POSIXLY_CORRECT", "1")],
        "5",
        "1025",
    ),
];

#[test]
fn from_env_matches_du() {
    for (vars, small, large) in ENV_TABLE {
        let get = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        };
        let format = SizeFormat::from_env(&get);
        assert_eq!(show(&format, 5000), *small, "{vars:?}");
        assert_eq!(show(&format, 1048577), *large, "{vars:?}");
    }
}

#[test]
fn from_env_fallbacks() {
    let only = |name: &'static str, value: &'static str| {
        move |k: &str| (k == name).then(|| OsString::from(value))
    };
    assert_eq!(SizeFormat::from_env(&|_| None), SizeFormat::blocks(1024));
    assert_eq!(
        SizeFormat::from_env(&only("POSIXLY_CORRECT", "")),
        SizeFormat::blocks(512)
    );
    assert_eq!(
        SizeFormat::from_env(&only("DU_BLOCK_SIZE", "abc")),
        SizeFormat::blocks(1024)
    );
    assert_eq!(
        SizeFormat::from_env(&only("DU_BLOCK_SIZE", "1X")),
        SizeFormat::blocks(1)
    );
    assert_eq!(
        SizeFormat::from_env(&only("DU_BLOCK_SIZE", "Ki")),
        SizeFormat::blocks(1024)
    );
    assert_eq!(
        SizeFormat::from_env(&only("BLOCKSIZE", "1Y")),
        SizeFormat::blocks(u64::MAX)
    );
    assert_eq!(
        SizeFormat::from_env(&only("BLOCK_SIZE", "si")),
        SizeFormat::si()
    );
}
