#ifndef COSTTOP_CSVSCAN_H
#define COSTTOP_CSVSCAN_H
#include <stddef.h>
#include <stdint.h>

/// Parses the CSV record at the start of `bytes[0..<count)` when it has the usual well-formed shape,
/// quoted fields included. On success returns the number of fields and writes, for each, its start
/// and end offsets plus `base` into `starts` / `ends` (a quoted field's content, without its quotes),
/// the indexes of quoted fields holding `""` escapes into `escaped` (their number in
/// `*escaped_count`) and the offset just past the record's line feed into `*record_end`.
/// Returns -1 when the record needs the general parser: no line feed in range, a line break inside a
/// quoted field, anything but a comma or a line break after a closing quote, or more than
/// `max_fields` fields. The rules are the general parser's: a quote opens a quoted field only as
/// its first byte and is kept as it is elsewhere; a carriage return before the line feed is dropped.
/// The record is scanned 64 bytes at a time: SIMD compares turn each window into bit masks of
/// commas, line feeds and quotes (`movemask`, which Swift cannot express; this is the only C in the
/// CSV reader). AVX2 is used where the CPU has it (set COSTTOP_NO_AVX2 to turn it off), SSE2 elsewhere.
long costtop_parse_record(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                          size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end);

/// The same parser with SSE2 only, whatever the CPU (tests compare both).
long costtop_parse_record_sse2(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                               size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end);

#endif
